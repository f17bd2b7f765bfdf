using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Leads;

/// <summary>A lead's history is visible to whoever may see the lead, a form's to whoever may see the form.</summary>
public sealed class LeadAuditScope : IAuditScope
{
    public IReadOnlyCollection<string> EntityTypes { get; } = [nameof(Lead), nameof(LeadForm)];

    public Task<bool> CanSeeAsync(PipewrightDb db, CurrentUser user, string entityType, Guid entityId, CancellationToken ct) =>
        entityType == nameof(LeadForm)
            ? db.LeadForms.VisibleTo(user).AnyAsync(f => f.Id == entityId, ct)
            : db.Leads.VisibleTo(user).AnyAsync(l => l.Id == entityId, ct);
}
