using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Geo;
using Pipewright.Common.Phones;
using Pipewright.Customers.Rules;

namespace Pipewright.Customers;

/// <summary>The rules a customer's fields must keep, shared by create, edit and import.</summary>
public static class CustomerRules
{
    /// <summary>Normalizes and checks a credit code: null when empty, a 400 saying what is wrong otherwise.</summary>
    public static Outcome<string?> CheckCreditCode(string? raw, bool acceptMismatch, CurrentUser user)
    {
        if (string.IsNullOrWhiteSpace(raw)) return (string?)null;
        var code = CreditCode.Normalize(raw);
        return CreditCode.Check(code) switch
        {
            CreditCodeCheck.Valid => code,
            CreditCodeCheck.Malformed => Failure.Invalid("creditCode", "customer.creditCode.malformed"),
            // Some codes really issued fail the check: an administrator may accept them knowingly.
            _ when acceptMismatch && user.IsAdmin => code,
            CreditCodeCheck.WrongOrganisationCheck => Failure.Invalid("creditCode", "customer.creditCode.wrongOrganisationCheck"),
            _ => Failure.Invalid("creditCode", "customer.creditCode.wrongCheckCharacter", CreditCode.ComputeCheckCharacter(code[..17])),
        };
    }

    public static Outcome<string?> CheckPhone(string? raw, string field)
    {
        if (string.IsNullOrWhiteSpace(raw)) return (string?)null;
        return PhoneNumber.ToE164(raw) is { } e164 ? e164 : Failure.Invalid(field, "contact.phone.invalid", raw);
    }

    /// <summary>Who will own the customer: oneself by default; others only within one's scope.</summary>
    public static async Task<Outcome<Guid?>> ResolveOwnerAsync(PipewrightDb db, CurrentUser user, Guid? requested, Guid? current, CancellationToken ct)
    {
        if (requested is null || requested == current) return current ?? user.Id;
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == requested && u.IsActive).Select(u => u.Id).SingleOrDefaultAsync(ct);
        if (owner == Guid.Empty) return Failure.Invalid("ownerId", "customer.owner.unknown");
        if (!user.SeesEverything && !user.ScopeOwnerIds.Contains(owner)) return Failure.Forbidden();
        return owner;
    }

    /// <summary>Copies the checked fields onto the entity; returns the first field that is wrong.</summary>
    public static Failure? Apply(Customer customer, CustomerFields fields, string? creditCode)
    {
        var aliases = (fields.Aliases ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToList();
        if (aliases.Any(a => a.Length > CustomerLimits.Short))
            return Failure.Invalid("aliases", "validation.maxLength", "aliases", CustomerLimits.Short);
        customer.Name = fields.Name.Trim();
        customer.NameKey = CompanyNameKey.Compute(customer.Name);
        customer.CreditCode = creditCode;
        customer.Aliases = aliases;
        customer.Industry = Clean(fields.Industry);
        customer.Region = Clean(fields.Region);
        customer.Address = Clean(fields.Address);
        customer.Source = Clean(fields.Source);
        if (fields.Level is { } level) customer.Level = Enum.Parse<CustomerLevel>(level);
        if (fields.IsKey is { } isKey) customer.IsKey = isKey;
        customer.Location = fields.Location is { } l
            ? GeoPoint.From(l.Lat, l.Lng, Enum.Parse<CoordinateSystem>(l.System, ignoreCase: true))
            : null;
        return null;
    }

    public static bool NameKeyChanges(Customer customer, string newName) =>
        CompanyNameKey.Compute(newName.Trim()) != customer.NameKey;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static Failure DuplicateFailure(DuplicateReport report, bool hard) => new(409,
        hard ? "customer.duplicate.title" : "customer.similar.title",
        new Common.Localization.Strings()[hard ? "customer.duplicate.detail" : "customer.similar.detail"],
        Extensions: new Dictionary<string, object?>
        {
            ["kind"] = hard ? "duplicate" : "similar",
            ["duplicates"] = (hard ? report.Duplicates : report.Similar)
                .Select(d => new { d.Id, d.Code, d.Name, d.Reason, d.OwnerName }).ToList(),
        });
}
