using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;
using Pipewright.Common.Ownership;
using Pipewright.Organisation;

namespace Pipewright.Leads;

/// <summary>
/// A departing salesperson's open leads (new, contacted, qualified) and the forms they own go to the successor;
/// converted and disqualified leads keep their owner for the reports. The count is of leads.
/// </summary>
public sealed class LeadHandover(TimeProvider clock) : IHandoverStep
{
    public string Name => "leads";

    public Task<int> CountAsync(PipewrightDb db, Guid from, CancellationToken ct) => Open(db, from).CountAsync(ct);

    public async Task<int> MoveAsync(PipewrightDb db, Guid from, Guid to, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = await Open(db, from).ToListAsync(ct);
        foreach (var lead in open)
        {
            lead.OwnerId = to;
            lead.UpdatedAt = now;
            db.RecordOwnership(nameof(Lead), lead.Id, from, to, OwnershipReason.Handover, now);
        }
        foreach (var form in await db.LeadForms.Where(f => f.OwnerId == from).ToListAsync(ct)) form.OwnerId = to;
        return open.Count;
    }

    private static IQueryable<Lead> Open(PipewrightDb db, Guid owner) =>
        db.Leads.Where(l => l.OwnerId == owner
            && (l.Status == LeadStatus.New || l.Status == LeadStatus.Contacted || l.Status == LeadStatus.Qualified));
}
