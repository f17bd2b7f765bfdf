using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Ownership;
using Pipewright.Customers;
using Pipewright.Notifications;

namespace Pipewright.PublicPool.ReleaseCustomer;

public sealed record ReleaseCustomerRequest
{
    [MaxLength(OwnershipLimits.Note, ErrorMessage = "validation.maxLength")] public string? Reason { get; init; }
}

/// <summary>
/// Puts a customer back into the pool: its owner, or a manager over the owner (their regional manager, the
/// general manager, an administrator). Finance sees the customer but does not decide who sells to it.
/// </summary>
public sealed class ReleaseCustomerHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock, Notifier notifier)
{
    public async Task<Outcome<CustomerDto>> HandleAsync(Guid id, ReleaseCustomerRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var customer = await db.Customers.VisibleOrPooled(user).Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return Failure.NotFound();
        if (customer.OwnerId is not { } owner) return Failure.Rule("pool.release.alreadyInPool");
        var mayRelease = owner == user.Id || user.IsAdmin || user.IsInRole(Roles.GeneralManager)
            || (user.IsInRole(Roles.RegionalManager) && user.ScopeOwnerIds.Contains(owner));
        if (!mayRelease) return Failure.Forbidden();

        var now = clock.GetUtcNow();
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        customer.TakeOver(null, now);
        (customer.PreviousOwnerId, customer.PooledAt, customer.PoolReason) = (owner, now, PoolReasons.Released);
        db.RecordOwnership(nameof(Customer), customer.Id, owner, null, OwnershipReason.Released, now, reason);
        if (owner != user.Id)
            notifier.Notify(db, owner, "pool.released", "notification.pool.released.title", "notification.pool.released.body",
                [customer.Name, user.DisplayName, reason ?? "—"], $"/customers/{customer.Id}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Concurrency();
        }
        return customer.ToDto(null);
    }
}
