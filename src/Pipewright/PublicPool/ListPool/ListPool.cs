using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;

namespace Pipewright.PublicPool.ListPool;

public sealed record ListPoolRequest : PagedQuery
{
    [MaxLength(100, ErrorMessage = "validation.maxLength")] public string? Search { get; init; }
    [AllowedValues(null, "A", "B", "C", ErrorMessage = "validation.level")] public string? Level { get; init; }
}

public sealed record PoolItem(Guid Id, string Code, string Name, string Level, bool IsKey, string? Industry, string? Region,
    DateTimeOffset? PooledAt, int? DaysInPool, string? PoolReason, Guid? PreviousOwnerId, string? PreviousOwnerName);

/// <summary>The customers in the pool, longest-waiting first, for everyone who sells.</summary>
public sealed class ListPoolHandler(IDbContextFactory<PipewrightDb> dbFactory, CurrentUserLoader people, TimeProvider clock)
{
    public async Task<Outcome<Paged<PoolItem>>> HandleAsync(ListPoolRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!user.SeesPool()) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pool = db.Customers.AsNoTracking().InPool();
        if (request.Level is { } level)
        {
            var parsed = Enum.Parse<CustomerLevel>(level);
            pool = pool.Where(c => c.Level == parsed);
        }
        var counted = pool;
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var search = await pool.MatchingAsync(db, request.Search, unfiltered: false, oneOwner: false, ct);
            (pool, counted) = (search.Page, search.Count);
        }
        var page = await pool.OrderBy(c => c.PooledAt == null).ThenBy(c => c.PooledAt).ThenByDescending(c => c.Code)
            .Select(c => new { c.Id, c.Code, c.Name, c.Level, c.IsKey, c.Industry, c.Region, c.PooledAt, c.PoolReason, c.PreviousOwnerId })
            .ToPageAsync(request, counted.CountAsync, ct);
        var names = await people.DisplayNamesAsync(ct);
        var today = PoolDates.ChinaDate(clock.GetUtcNow());
        var items = page.Items.Select(c => new PoolItem(c.Id, c.Code, c.Name, c.Level.ToString(), c.IsKey, c.Industry, c.Region,
            c.PooledAt, c.PooledAt is { } at ? today.DayNumber - PoolDates.ChinaDate(at).DayNumber : null, c.PoolReason,
            c.PreviousOwnerId, c.PreviousOwnerId is { } p && names.TryGetValue(p, out var n) ? n : null)).ToList();
        return new Paged<PoolItem>(items, page.Total, page.Page, page.PageSize);
    }
}
