using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Ownership;

namespace Pipewright.Customers.UpdateCustomer;

public sealed record UpdateCustomerRequest : CustomerFields
{
    /// <summary>The version the editor started from; a save over a newer version is refused.</summary>
    public int Version { get; init; }
}

public sealed class UpdateCustomerHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public async Task<Outcome<CustomerDto>> HandleAsync(Guid id, UpdateCustomerRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var customer = await db.Customers.VisibleTo(user).Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return Failure.NotFound();
        if (customer.Version != request.Version) return Failure.Concurrency();

        var creditCode = CustomerRules.CheckCreditCode(request.CreditCode, request.AcceptCheckMismatch, user);
        if (creditCode.Failure is { } codeFailure) return codeFailure;
        var owner = await CustomerRules.ResolveOwnerAsync(db, user, request.OwnerId, customer.OwnerId, ct);
        if (owner.Failure is { } ownerFailure) return ownerFailure;

        var nameChanged = CustomerRules.NameKeyChanges(customer, request.Name);
        if (creditCode.Value != customer.CreditCode || nameChanged)
        {
            var duplicates = await db.FindDuplicatesAsync(
                creditCode.Value != customer.CreditCode ? creditCode.Value : null,
                nameChanged ? request.Name : null, [], customer.Id, ct);
            if (duplicates.Duplicates.Count > 0) return CustomerRules.DuplicateFailure(duplicates, hard: true);
            if (duplicates.Similar.Count > 0 && !request.IgnoreSimilar) return CustomerRules.DuplicateFailure(duplicates, hard: false);
        }

        if (CustomerRules.Apply(customer, request, creditCode.Value) is { } invalid) return invalid;
        if (owner.Value != customer.OwnerId)
        {
            db.RecordOwnership(nameof(Customer), customer.Id, customer.OwnerId, owner.Value, OwnershipReason.Assigned, clock.GetUtcNow());
            customer.TakeOver(owner.Value, clock.GetUtcNow());
        }
        customer.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveWithSearchIndexAsync(customer, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Concurrency();
        }
        catch (DbUpdateException) when (creditCode.Value is not null)
        {
            // Another edit took this credit code after our duplicate check: the unique index said no.
            return Failure.Concurrency();
        }
        var ownerName = await db.Users.Where(u => u.Id == customer.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return customer.ToDto(ownerName);
    }
}
