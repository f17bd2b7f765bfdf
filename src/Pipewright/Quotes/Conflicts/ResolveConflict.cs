using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Common.Ownership;
using Pipewright.Customers;
using Pipewright.Notifications;

namespace Pipewright.Quotes.Conflicts;

public sealed record ResolveConflictRequest
{
    [Required(ErrorMessage = "validation.required"), RegularExpression("^(assignCustomer|allowBoth)$", ErrorMessage = "quote.conflict.resolution.invalid")]
    public string Resolution { get; init; } = "";

    /// <summary>For assignCustomer: which of the two owners gets the customer.</summary>
    public Guid? OwnerId { get; init; }

    [MaxLength(QuoteLimits.ConflictNote, ErrorMessage = "validation.maxLength")] public string? Note { get; init; }
}

public sealed record ListConflictsRequest : PagedQuery
{
    /// <summary>open, allowedBoth, assigned, or resolved (either of the last two).</summary>
    [RegularExpression("^(?i)(open|allowedBoth|assigned|resolved)$", ErrorMessage = "validation.invalid")] public string? Status { get; init; }
}

/// <summary>
/// One 撞单 pair. Quote* is the family whose submission was refused, OtherQuote* the one it ran into: each family's
/// current version, as people cite it (BJ…-V2).
/// </summary>
public sealed record ConflictRecordDto(
    Guid Id, Guid CustomerId, string? CustomerName, string Model, Guid OwnerId, string? OwnerName, Guid OtherOwnerId, string? OtherOwnerName,
    Guid QuoteFamilyId, Guid OtherFamilyId, ConflictStatus Status, Guid? WinnerId, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt,
    Guid? QuoteId, string? QuoteCode, Guid? OtherQuoteId, string? OtherQuoteCode, Guid OtherCustomerId, string? OtherCustomerName,
    string? WinnerName, Guid? ResolvedById, string? ResolvedByName, string? Note);

/// <summary>A manager settles 撞单: both may quote, or the customer goes to one of the two (the other's submissions stay refused).</summary>
public sealed class ResolveConflictHandler(IDbContextFactory<PipewrightDb> dbFactory, CurrentUserLoader users, TimeProvider clock, Notifier notifier)
{
    private static readonly Strings L = new();

    public static bool MayResolve(CurrentUser user) =>
        user.IsAdmin || user.IsInRole(Roles.GeneralManager) || user.IsInRole(Roles.RegionalManager);

    private static bool InScope(CurrentUser user, QuoteConflict c) =>
        user.SeesEverything || user.ScopeOwnerIds.Contains(c.OwnerId) || user.ScopeOwnerIds.Contains(c.OtherOwnerId);

    public async Task<Outcome<Paged<ConflictRecordDto>>> ListAsync(ListConflictsRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!MayResolve(user)) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conflicts = db.QuoteConflicts.AsNoTracking();
        if (!user.SeesEverything)
        {
            var owners = user.ScopeOwnerIds.ToList();
            conflicts = conflicts.Where(c => owners.Contains(c.OwnerId) || owners.Contains(c.OtherOwnerId));
        }
        var resolved = "resolved".Equals(request.Status, StringComparison.OrdinalIgnoreCase);
        if (resolved) conflicts = conflicts.Where(c => c.Status != ConflictStatus.Open);
        else if (request.Status is { } text)
        {
            var status = Enum.Parse<ConflictStatus>(text, ignoreCase: true);
            conflicts = conflicts.Where(c => c.Status == status);
        }
        // Settled ones newest settlement first; open ones newest first.
        var ordered = resolved ? conflicts.OrderByDescending(c => c.ResolvedAt).ThenByDescending(c => c.CreatedAt) : conflicts.OrderByDescending(c => c.CreatedAt);
        var page = await ordered.ToPageAsync(request, ct);
        var related = await RelatedAsync(db, page.Items, ct);
        return new Paged<ConflictRecordDto>([.. page.Items.Select(related.ToDto)], page.Total, page.Page, page.PageSize);
    }

    /// <summary>How many conflicts wait for this manager (the navigation badge); 0 for those who may not resolve.</summary>
    public async Task<int> CountOpenAsync(CurrentUser user, CancellationToken ct)
    {
        if (!MayResolve(user)) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conflicts = db.QuoteConflicts.Where(c => c.Status == ConflictStatus.Open);
        if (!user.SeesEverything)
        {
            var owners = user.ScopeOwnerIds.ToList();
            conflicts = conflicts.Where(c => owners.Contains(c.OwnerId) || owners.Contains(c.OtherOwnerId));
        }
        return await conflicts.CountAsync(ct);
    }

    public async Task<Outcome<ConflictRecordDto>> ResolveAsync(Guid id, ResolveConflictRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!MayResolve(user)) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var conflict = await db.QuoteConflicts.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (conflict is null || !InScope(user, conflict)) return Failure.NotFound();
        if (conflict.Status != ConflictStatus.Open) return Failure.Rule("quote.conflict.resolved");
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (request.Resolution == "allowBoth") conflict.Status = ConflictStatus.AllowedBoth;
        else
        {
            if (request.OwnerId is not { } winner || (winner != conflict.OwnerId && winner != conflict.OtherOwnerId))
                return Failure.Invalid("ownerId", "quote.conflict.ownerOfPair");
            conflict.Status = ConflictStatus.Assigned;
            conflict.WinnerId = winner;
            foreach (var customer in await db.Customers.Where(c => c.Id == conflict.CustomerId || c.Id == conflict.OtherCustomerId).ToListAsync(ct))
            {
                if (customer.OwnerId == winner) continue;
                db.RecordOwnership(nameof(Customer), customer.Id, customer.OwnerId, winner, OwnershipReason.Assigned, now, L["quote.conflict.ownershipNote"]);
                customer.TakeOver(winner, now);
            }
        }
        conflict.ResolvedById = user.Id;
        conflict.ResolvedAt = now;
        conflict.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var related = await RelatedAsync(db, [conflict], ct);
        var dto = related.ToDto(conflict);
        NotifyOwners(db, dto);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return dto;
    }

    /// <summary>Both salespeople learn the outcome (and may submit again, or not) without trying and being refused.</summary>
    private void NotifyOwners(PipewrightDb db, ConflictRecordDto c)
    {
        var body = c.Status == ConflictStatus.AllowedBoth ? "conflicts.notice.allowedBoth" : "conflicts.notice.assigned";
        object[] args = [c.CustomerName ?? "", c.ResolvedByName ?? "", c.WinnerName ?? "", c.Note ?? ""];
        foreach (var (owner, quoteId) in new[] { (c.OwnerId, c.QuoteId), (c.OtherOwnerId, c.OtherQuoteId) })
            notifier.Notify(db, owner, "quote-conflict", "conflicts.notice.title", body, args, quoteId is { } id ? $"/quotes/{id}" : null);
    }

    /// <summary>The names and current quote versions a page of conflicts refers to, fetched once per page.</summary>
    private async Task<Related> RelatedAsync(PipewrightDb db, IReadOnlyList<QuoteConflict> conflicts, CancellationToken ct)
    {
        var customerIds = conflicts.SelectMany(c => new[] { c.CustomerId, c.OtherCustomerId }).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var families = conflicts.SelectMany(c => new[] { c.QuoteFamilyId, c.OtherFamilyId }).Distinct().ToList();
        var quotes = await db.Quotes.AsNoTracking().Where(q => q.IsCurrent && families.Contains(q.FamilyId))
            .Select(q => new { q.FamilyId, q.Id, q.Code, q.Revision }).ToListAsync(ct);
        return new Related(customers, quotes.ToDictionary(q => q.FamilyId, q => (q.Id, QuoteViews.DisplayCode(q.Code, q.Revision))),
            await users.DisplayNamesAsync(ct));
    }

    private sealed record Related(
        IReadOnlyDictionary<Guid, string> Customers, IReadOnlyDictionary<Guid, (Guid Id, string Code)> Quotes, IReadOnlyDictionary<Guid, string> Names)
    {
        public ConflictRecordDto ToDto(QuoteConflict c)
        {
            var quote = Quotes.TryGetValue(c.QuoteFamilyId, out var q) ? q : default((Guid Id, string Code)?);
            var other = Quotes.TryGetValue(c.OtherFamilyId, out var o) ? o : default((Guid Id, string Code)?);
            return new(c.Id, c.CustomerId, Customers.GetValueOrDefault(c.CustomerId), c.Model, c.OwnerId, Names.GetValueOrDefault(c.OwnerId),
                c.OtherOwnerId, Names.GetValueOrDefault(c.OtherOwnerId), c.QuoteFamilyId, c.OtherFamilyId, c.Status, c.WinnerId, c.CreatedAt,
                c.ResolvedAt, quote?.Id, quote?.Code, other?.Id, other?.Code, c.OtherCustomerId, Customers.GetValueOrDefault(c.OtherCustomerId),
                c.WinnerId is { } w ? Names.GetValueOrDefault(w) : null, c.ResolvedById,
                c.ResolvedById is { } r ? Names.GetValueOrDefault(r) : null, c.Note);
        }
    }
}
