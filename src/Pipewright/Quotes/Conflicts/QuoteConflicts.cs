using Microsoft.EntityFrameworkCore;
using Pipewright.Approvals;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Notifications;

namespace Pipewright.Quotes.Conflicts;

public sealed record ConflictDto(Guid ConflictId, Guid QuoteId, string Code, Guid OwnerId, string? OwnerName, string Model);

/// <summary>
/// 撞单 at submission: another person's open quote (draft, returned, pending, or approved within the last N days) to the
/// same customer — the same record, credit code or name key — for a model of this quote.
/// </summary>
public static class QuoteConflicts
{
    public static async Task<IReadOnlyList<ConflictDto>> CheckAsync(PipewrightDb db, Quote quote, DateTimeOffset now, int days,
        Notifier notifier, IReadOnlyDictionary<Guid, string> names, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == quote.CustomerId)
            .Select(c => new { c.CreditCode, c.NameKey, c.Name }).SingleAsync(ct);
        var models = quote.Lines.Select(l => l.ModelKey).Distinct().ToList();
        var since = now.AddDays(-days);
        var customers = db.Customers;
        var lines = db.QuoteLines;
        var open = db.Quotes.Where(q => q.IsCurrent && q.OwnerId != quote.OwnerId && q.FamilyId != quote.FamilyId
            && (q.Status != QuoteStatus.Approved || q.ApprovedAt >= since));
        var candidates = await (
            from q in open
            join c in customers on q.CustomerId equals c.Id
            where q.CustomerId == quote.CustomerId
                  || (customer.CreditCode != null && c.CreditCode == customer.CreditCode)
                  || (customer.NameKey != "" && c.NameKey == customer.NameKey)
            from l in lines
            where l.QuoteId == q.Id && models.Contains(l.ModelKey)
            select new { q.Id, q.FamilyId, q.Code, q.Revision, q.OwnerId, q.CustomerId, l.Model }).ToListAsync(ct);
        if (candidates.Count == 0) return [];

        var families = candidates.Select(c => c.FamilyId).Distinct().ToList();
        var recorded = await db.QuoteConflicts.Where(c =>
            (c.QuoteFamilyId == quote.FamilyId && families.Contains(c.OtherFamilyId))
            || (c.OtherFamilyId == quote.FamilyId && families.Contains(c.QuoteFamilyId))).ToListAsync(ct);
        var refused = new List<ConflictDto>();
        foreach (var pair in candidates.GroupBy(c => c.FamilyId))
        {
            var other = pair.First();
            var row = recorded.FirstOrDefault(r => r.Involves(quote.FamilyId, other.FamilyId));
            if (row is { Status: ConflictStatus.AllowedBoth }) continue;
            if (row is { Status: ConflictStatus.Assigned } && row.WinnerId == quote.OwnerId) continue;
            if (row is null)
            {
                row = new QuoteConflict
                {
                    QuoteFamilyId = quote.FamilyId, OtherFamilyId = other.FamilyId, CustomerId = quote.CustomerId, OtherCustomerId = other.CustomerId,
                    Model = string.Join(", ", pair.Select(p => p.Model).Distinct()), OwnerId = quote.OwnerId, OtherOwnerId = other.OwnerId,
                    Status = ConflictStatus.Open, CreatedAt = now,
                };
                db.QuoteConflicts.Add(row);
                await NotifyManagersAsync(db, row, customer.Name, names, notifier, ct);
            }
            refused.Add(new ConflictDto(row.Id, other.Id, QuoteViews.DisplayCode(other.Code, other.Revision), other.OwnerId,
                names.GetValueOrDefault(other.OwnerId), row.Model));
        }
        return refused;
    }

    /// <summary>Both owners' regional managers, once per pair; the general managers when neither has one.</summary>
    private static async Task NotifyManagersAsync(PipewrightDb db, QuoteConflict row, string customerName,
        IReadOnlyDictionary<Guid, string> names, Notifier notifier, CancellationToken ct)
    {
        var managers = new HashSet<Guid>();
        foreach (var owner in new[] { row.OwnerId, row.OtherOwnerId })
            if (await Approvers.RegionalManagerOfAsync(db, owner, ct) is { } manager) managers.Add(manager);
        if (managers.Count == 0) managers.UnionWith(await Approvers.InRoleAsync(db, Roles.GeneralManager, ct));
        foreach (var manager in managers)
            notifier.Notify(db, manager, "quote-conflict", "quote.notice.conflict.title", "quote.notice.conflict.body",
                [customerName, row.Model, names.GetValueOrDefault(row.OwnerId) ?? "", names.GetValueOrDefault(row.OtherOwnerId) ?? ""],
                "/quotes/conflicts");
    }
}
