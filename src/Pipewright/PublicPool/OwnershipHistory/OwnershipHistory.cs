using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Ownership;
using Pipewright.Customers;

namespace Pipewright.PublicPool.OwnershipHistory;

public sealed record OwnershipChangeDto(DateTimeOffset At, string Reason, Guid? FromUserId, string? FromName,
    Guid? ToUserId, string? ToName, string? ByName, string? Note);

/// <summary>Who held a customer when, newest first, for anyone who may open the customer.</summary>
public sealed class OwnershipHistoryHandler(IDbContextFactory<PipewrightDb> dbFactory, CurrentUserLoader people)
{
    public async Task<Outcome<IReadOnlyList<OwnershipChangeDto>>> HandleAsync(Guid customerId, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Customers.VisibleOrPooled(user).AnyAsync(c => c.Id == customerId, ct)) return Failure.NotFound();
        var changes = await db.OwnershipChanges.AsNoTracking()
            .Where(o => o.EntityType == nameof(Customer) && o.EntityId == customerId)
            .OrderByDescending(o => o.At).ThenByDescending(o => o.Id).Take(200).ToListAsync(ct);
        var names = await people.DisplayNamesAsync(ct);
        string? Name(Guid? id) => id is { } x && names.TryGetValue(x, out var n) ? n : null;
        return changes.Select(o => new OwnershipChangeDto(o.At, ToCamel(o.Reason), o.FromUserId, Name(o.FromUserId),
            o.ToUserId, Name(o.ToUserId), Name(o.ByUserId), o.Note)).ToList();
    }

    private static string ToCamel(OwnershipReason reason) =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(reason.ToString());
}
