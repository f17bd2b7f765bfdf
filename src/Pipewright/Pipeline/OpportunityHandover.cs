using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;
using Pipewright.Organisation;

namespace Pipewright.Pipeline;

/// <summary>A departing salesperson's open deals go to the successor; won and lost ones keep their owner for the reports.</summary>
public sealed class OpportunityHandover(TimeProvider clock) : IHandoverStep
{
    public string Name => "opportunities";

    public async Task<int> MoveAsync(PipewrightDb db, Guid from, Guid to, CancellationToken ct)
    {
        var open = await db.Opportunities.Where(o => o.OwnerId == from && o.Status == OpportunityStatus.Open).ToListAsync(ct);
        foreach (var opportunity in open)
        {
            opportunity.OwnerId = to;
            opportunity.UpdatedAt = clock.GetUtcNow();
        }
        return open.Count;
    }
}
