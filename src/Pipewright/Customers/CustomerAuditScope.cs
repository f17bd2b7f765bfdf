using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Customers;

/// <summary>A customer's and its contacts' history is visible to whoever may see the customer.</summary>
public sealed class CustomerAuditScope : IAuditScope
{
    public IReadOnlyCollection<string> EntityTypes { get; } = [nameof(Customer), nameof(Contact)];

    public Task<bool> CanSeeAsync(PipewrightDb db, CurrentUser user, string entityType, Guid entityId, CancellationToken ct) =>
        entityType == nameof(Contact)
            ? db.Customers.VisibleTo(user).AnyAsync(c => c.Contacts.Any(k => k.Id == entityId), ct)
            : db.Customers.VisibleTo(user).AnyAsync(c => c.Id == entityId, ct);
}
