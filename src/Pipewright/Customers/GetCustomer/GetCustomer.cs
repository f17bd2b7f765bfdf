using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Customers.GetCustomer;

public sealed class GetCustomerHandler(IDbContextFactory<PipewrightDb> dbFactory, IEnumerable<IPoolContactPolicy> poolPolicies)
{
    /// <summary>A customer outside the caller's scope is "not found", never "forbidden": its existence is not disclosed.</summary>
    public async Task<Outcome<CustomerDto>> HandleAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().VisibleOrPooled(user).Include(c => c.Contacts)
            .SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return Failure.NotFound();
        var ownerName = await db.Users.Where(u => u.Id == customer.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        var dto = customer.ToDto(ownerName);
        if (customer.OwnerId is null && await MasksPhonesAsync(db, ct)) dto = dto.WithMaskedPhones();
        return dto;
    }

    private async Task<bool> MasksPhonesAsync(PipewrightDb db, CancellationToken ct)
    {
        foreach (var policy in poolPolicies)
            if (await policy.MasksPhonesAsync(db, ct)) return true;
        return false;
    }
}
