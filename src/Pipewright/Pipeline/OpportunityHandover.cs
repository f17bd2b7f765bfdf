using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;
using Pipewright.Common.Ownership;
using Pipewright.Organisation;

namespace Pipewright.Pipeline;

/// <summary>A departing salesperson's open deals go to the successor; won and lost ones keep their owner for the reports.</summary>
public sealed class OpportunityHandover(TimeProvider clock) : IHandoverStep
{
    public string Name => "opportunities";

    public Task<int> CountAsync(PipewrightDb db, Guid from, CancellationToken ct) =>
        db.Opportunities.CountAsync(o => o.OwnerId == from && o.Status == OpportunityStatus.Open, ct);

    public async Task<int> MoveAsync(PipewrightDb db, Guid from, Guid to, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = await db.Opportunities.Where(o => o.OwnerId == from && o.Status == OpportunityStatus.Open).ToListAsync(ct);
        foreach (var opportunity in open)
        {
            opportunity.OwnerId = to;
            opportunity.UpdatedAt = now;
            db.RecordOwnership(nameof(Opportunity), opportunity.Id, from, to, OwnershipReason.Handover, now);
        }
        return open.Count;
    }
}
