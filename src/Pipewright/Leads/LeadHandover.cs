using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;
using Pipewright.Organisation;

namespace Pipewright.Leads;

/// <summary>
/// A departing salesperson's open leads (new, contacted, qualified) and the forms they own go to the successor;
/// converted and disqualified leads keep their owner for the reports. The count is of leads.
/// </summary>
public sealed class LeadHandover(TimeProvider clock) : IHandoverStep
{
    public string Name => "leads";

    public async Task<int> MoveAsync(PipewrightDb db, Guid from, Guid to, CancellationToken ct)
    {
        var open = await db.Leads
            .Where(l => l.OwnerId == from && (l.Status == LeadStatus.New || l.Status == LeadStatus.Contacted || l.Status == LeadStatus.Qualified))
            .ToListAsync(ct);
        foreach (var lead in open)
        {
            lead.OwnerId = to;
            lead.UpdatedAt = clock.GetUtcNow();
        }
        foreach (var form in await db.LeadForms.Where(f => f.OwnerId == from).ToListAsync(ct)) form.OwnerId = to;
        return open.Count;
    }
}
