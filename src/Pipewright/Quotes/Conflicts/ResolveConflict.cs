using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Common.Ownership;
using Pipewright.Customers;

namespace Pipewright.Quotes.Conflicts;

public sealed record ResolveConflictRequest
{
    [Required(ErrorMessage = "validation.required"), RegularExpression("^(assignCustomer|allowBoth)$", ErrorMessage = "quote.conflict.resolution.invalid")]
    public string Resolution { get; init; } = "";

    /// <summary>For assignCustomer: which of the two owners gets the customer.</summary>
    public Guid? OwnerId { get; init; }
}

public sealed record ListConflictsRequest : PagedQuery
{
    [RegularExpression("^(?i)(open|allowedBoth|assigned)$", ErrorMessage = "validation.invalid")] public string? Status { get; init; }
}

public sealed record ConflictRecordDto(
    Guid Id, Guid CustomerId, string? CustomerName, string Model, Guid OwnerId, string? OwnerName, Guid OtherOwnerId, string? OtherOwnerName,
    Guid QuoteFamilyId, Guid OtherFamilyId, ConflictStatus Status, Guid? WinnerId, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);

/// <summary>A manager settles 撞单: both may quote, or the customer goes to one of the two (the other's submissions stay refused).</summary>
public sealed class ResolveConflictHandler(IDbContextFactory<PipewrightDb> dbFactory, CurrentUserLoader users, TimeProvider clock)
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
        if (request.Status is { } text)
        {
            var status = Enum.Parse<ConflictStatus>(text, ignoreCase: true);
            conflicts = conflicts.Where(c => c.Status == status);
        }
        var page = await conflicts.OrderByDescending(c => c.CreatedAt).ToPageAsync(request, ct);
        var customerIds = page.Items.Select(c => c.CustomerId).Distinct().ToList();
        var customers = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var names = await users.DisplayNamesAsync(ct);
        return new Paged<ConflictRecordDto>([.. page.Items.Select(c => ToDto(c, customers.GetValueOrDefault(c.CustomerId), names))],
            page.Total, page.Page, page.PageSize);
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
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var customerName = await db.Customers.Where(c => c.Id == conflict.CustomerId).Select(c => c.Name).SingleOrDefaultAsync(ct);
        return ToDto(conflict, customerName, await users.DisplayNamesAsync(ct));
    }

    private static ConflictRecordDto ToDto(QuoteConflict c, string? customerName, IReadOnlyDictionary<Guid, string> names) => new(
        c.Id, c.CustomerId, customerName, c.Model, c.OwnerId, names.GetValueOrDefault(c.OwnerId), c.OtherOwnerId, names.GetValueOrDefault(c.OtherOwnerId),
        c.QuoteFamilyId, c.OtherFamilyId, c.Status, c.WinnerId, c.CreatedAt, c.ResolvedAt);
}
