using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;
using Pipewright.Common.Phones;
using Pipewright.Customers.Rules;

namespace Pipewright.Customers.CheckDuplicates;

/// <summary>
/// What the create form shows while a name, code or phone is typed: existing customers it would
/// duplicate, with only code, name and owner (no contact details the user may not see).
/// </summary>
public sealed class CheckDuplicatesHandler(IDbContextFactory<PipewrightDb> dbFactory)
{
    public async Task<DuplicateReport> HandleAsync(string? name, string? creditCode, string? phone, Guid? except, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(creditCode) ? null : CreditCode.Normalize(creditCode);
        if (code is not null && CreditCode.Check(code) == CreditCodeCheck.Malformed) code = null;
        var phones = PhoneNumber.ToE164(phone) is { } e164 ? new[] { e164 } : [];
        var usefulName = name?.Trim() is { Length: >= 2 } n ? n : null;
        if (code is null && usefulName is null && phones.Length == 0) return new DuplicateReport([], []);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.FindDuplicatesAsync(code, usefulName, phones, except, ct);
    }
}
