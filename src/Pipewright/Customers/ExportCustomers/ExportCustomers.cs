using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using Pipewright.Common.Api;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Common.Phones;
using Pipewright.Customers.ImportCustomers;

namespace Pipewright.Customers.ExportCustomers;

public sealed record ExportCustomersRequest
{
    [MaxLength(100, ErrorMessage = "validation.maxLength")] public string? Search { get; init; }
    public Guid? OwnerId { get; init; }
    public bool? Pool { get; init; }
    [AllowedValues(null, "A", "B", "C", ErrorMessage = "validation.level")] public string? Level { get; init; }
}

public sealed class ExportOptions
{
    /// <summary>A sales rep exports at most this many customers at once: a whole book walking out of the door is a manager's call.</summary>
    [Range(1, 1_000_000)] public int ExportRowLimitForSalesRep { get; set; } = 200;
}

/// <summary>Text for spreadsheet cells that Excel must not read as a formula (CSV/formula injection).</summary>
public static class Spreadsheet
{
    public static string? Neutralize(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}

/// <summary>
/// Writes the customers a person sees (the list's filters) to an xlsx file in the import template's columns,
/// one row per contact, so that an export can be edited and imported again. Streamed in chunks; audited.
/// </summary>
public sealed class ExportCustomersHandler(IDbContextFactory<PipewrightDb> dbFactory, IOptions<ExportOptions> options, TimeProvider clock)
{
    private const int Chunk = 1000;
    private static readonly Strings L = new();

    public static bool MayExport(CurrentUser user) =>
        user.SeesEverything || user.IsInRole(Roles.RegionalManager) || user.IsInRole(Roles.SalesRep);

    /// <summary>Sales reps (and nobody with a wider role) are held to the row limit.</summary>
    public static bool IsLimited(CurrentUser user) => !user.SeesEverything && !user.IsInRole(Roles.RegionalManager);

    /// <summary>Writes the file to <paramref name="output"/>; a refusal when not allowed or over the limit.</summary>
    public async Task<Failure?> HandleAsync(ExportCustomersRequest request, CurrentUser user, Stream output, CancellationToken ct)
    {
        if (!MayExport(user)) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var customers = db.Customers.AsNoTracking().VisibleTo(user);
        if (request.OwnerId is { } ownerId) customers = customers.Where(c => c.OwnerId == ownerId);
        if (request.Pool is true) customers = customers.Where(c => c.OwnerId == null);
        if (request.Level is { } level)
        {
            var parsed = Enum.Parse<CustomerLevel>(level);
            customers = customers.Where(c => c.Level == parsed);
        }
        if (!string.IsNullOrWhiteSpace(request.Search))
            customers = (await customers.MatchingAsync(db, request.Search, unfiltered: false, oneOwner: false, ct)).Page;

        var count = await customers.CountAsync(ct);
        var limit = options.Value.ExportRowLimitForSalesRep;
        // Refused rather than cut: a file that silently holds only part of a list is worse than none.
        if (IsLimited(user) && count > limit) return Failure.Rule("export.overLimit", count, limit);

        var owners = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.UserName ?? "", ct);
        var ids = await customers.OrderBy(c => c.Code).Select(c => c.Id).ToListAsync(ct);
        await MiniExcel.SaveAsAsync(output, Rows(db, ids, owners), cancellationToken: ct);

        var exportId = Guid.CreateVersion7();
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), UserId = user.Id, UserName = user.UserName, EntityType = "CustomerExport",
            EntityId = exportId, RootType = "CustomerExport", RootId = exportId, Action = "exported",
            Changes = JsonSerializer.Serialize(new[]
            {
                new FieldChange("Filter", null, Filter(request)),
                new FieldChange("Rows", null, count.ToString(CultureInfo.InvariantCulture)),
            }, JsonSerializerOptions.Web),
        });
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static string Filter(ExportCustomersRequest r) => string.Join("&", new[]
    {
        r.Search is { Length: > 0 } s ? "search=" + s : null,
        r.OwnerId is { } o ? "ownerId=" + o : null,
        r.Pool is { } p ? "pool=" + (p ? "true" : "false") : null,
        r.Level is { } l ? "level=" + l : null,
    }.OfType<string>());

    /// <summary>
    /// Rows one chunk of customers at a time (MiniExcel pulls them as it writes), so memory holds a chunk,
    /// not the list. MiniExcel's writer is synchronous over the enumeration, hence the synchronous queries.
    /// </summary>
    private static IEnumerable<Dictionary<string, object?>> Rows(PipewrightDb db, List<Guid> ids, Dictionary<Guid, string> owners)
    {
        var headers = ImportFields.All.Select(f => f.TemplateHeader).ToList();
        var code = L["customers.code"].Value;
        for (var i = 0; i < ids.Count; i += Chunk)
        {
            var chunk = ids.GetRange(i, Math.Min(Chunk, ids.Count - i));
            var customers = db.Customers.AsNoTracking().Include(c => c.Contacts).AsSplitQuery()
                .Where(c => chunk.Contains(c.Id)).OrderBy(c => c.Code).ToList();
            foreach (var c in customers)
            {
                var contacts = c.Contacts.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).Cast<Contact?>().DefaultIfEmpty();
                foreach (var k in contacts)
                {
                    var values = new string?[]
                    {
                        c.Name, c.CreditCode, ListText.Join(c.Aliases), c.Industry, c.Region, c.Address, c.Level.ToString(),
                        c.IsKey ? "是" : "否", c.OwnerId is { } o ? owners.GetValueOrDefault(o) : null, c.Source,
                        k?.Name, k?.Title, Phone(k?.Mobile), Phone(k?.Phone), k?.Email, k?.WeChat,
                    };
                    var row = new Dictionary<string, object?> { [code] = c.Code };
                    for (var h = 0; h < headers.Count; h++) row[headers[h]] = Spreadsheet.Neutralize(values[h]) ?? "";
                    yield return row;
                }
            }
        }
    }

    /// <summary>As people dial it, as text (a leading 0 kept): 13800138000, 057487654321-8001.</summary>
    private static string? Phone(string? e164)
    {
        if (e164 is null) return null;
        var parts = e164.Split(";ext=");
        var digits = PhoneNumber.Digits(parts[0]);
        // Mobiles and 400/800 service numbers have no trunk 0; landlines do (0574…).
        var national = digits.StartsWith('1') || digits.StartsWith("400", StringComparison.Ordinal) || digits.StartsWith("800", StringComparison.Ordinal)
            ? digits : "0" + digits;
        return parts.Length > 1 ? national + "-" + parts[1] : national;
    }
}
