using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Phones;

namespace Pipewright.Customers;

/// <summary>
/// What Customers knows of the public pool (公海): who may look into it and how its contacts read there.
/// The pool's rules live in PublicPool, above; it answers <see cref="IPoolContactPolicy"/>.
/// </summary>
public static class PooledCustomers
{
    /// <summary>Everyone who sells, and the roles that see everything; not engineers.</summary>
    public static bool SeesPool(this CurrentUser user) =>
        user.SeesEverything || user.IsInRole(Roles.SalesRep) || user.IsInRole(Roles.RegionalManager);

    public static IQueryable<Customer> InPool(this IQueryable<Customer> customers) => customers.Where(c => c.OwnerId == null);

    /// <summary>The customers one may open: one's data scope, plus the pool for those who see it.</summary>
    public static IQueryable<Customer> VisibleOrPooled(this IQueryable<Customer> customers, CurrentUser user)
    {
        if (user.SeesEverything || !user.SeesPool()) return customers.VisibleTo(user);
        var owners = user.ScopeOwnerIds.ToList();
        return customers.Where(c => c.OwnerId == null || owners.Contains(c.OwnerId.Value));
    }

    /// <summary>138****8000: enough to tell numbers apart, not enough to call before claiming.</summary>
    public static string Mask(string e164)
    {
        var digits = PhoneNumber.Digits(e164.Split(";ext=")[0]);
        if (!digits.StartsWith('1')) digits = "0" + digits;
        return digits.Length <= 7 ? new string('*', digits.Length) : digits[..3] + "****" + digits[^4..];
    }

    public static CustomerDto WithMaskedPhones(this CustomerDto customer) => customer with
    {
        Contacts = customer.Contacts.Select(k => k with
        {
            Mobile = k.Mobile is null ? null : Mask(k.Mobile),
            Phone = k.Phone is null ? null : Mask(k.Phone),
        }).ToList(),
    };
}

/// <summary>Whether contacts stay masked in the pool: a rule of PublicPool, asked by the customer page and API.</summary>
public interface IPoolContactPolicy
{
    Task<bool> MasksPhonesAsync(PipewrightDb db, CancellationToken ct);
}

/// <summary>
/// A panel that a module above Customers adds to the customer page (the pool's release button and ownership
/// history …). The component receives <c>Customer</c> (CustomerDto) and <c>Changed</c> (EventCallback).
/// </summary>
public sealed record CustomerPageSection(Type Component, int Order);
