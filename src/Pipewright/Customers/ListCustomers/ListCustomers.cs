using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Customers.ListCustomers;

public sealed record ListCustomersRequest : PagedQuery
{
    [MaxLength(100, ErrorMessage = "validation.maxLength")] public string? Search { get; init; }
    public Guid? OwnerId { get; init; }

    /// <summary>true: only customers in the public pool (no owner).</summary>
    public bool? Pool { get; init; }
    [AllowedValues(null, "A", "B", "C", ErrorMessage = "validation.level")] public string? Level { get; init; }
}

public sealed record CustomerListItem(
    Guid Id, string Code, string Name, IReadOnlyList<string> Aliases, string Level, bool IsKey,
    string? Industry, string? Region, Guid? OwnerId, string? OwnerName, DateTimeOffset UpdatedAt)
{
    /// <summary>The owner was warned: the business date it returns to the public pool unless followed up.</summary>
    public DateOnly? PoolReturnOn { get; init; }
}

public sealed class ListCustomersHandler(IDbContextFactory<PipewrightDb> dbFactory, CurrentUserLoader people)
{
    public async Task<Paged<CustomerListItem>> HandleAsync(ListCustomersRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Three or four small queries: one connection for all of them, not an open and a close each.
        await db.Database.OpenConnectionAsync(ct);
        // The pool is open to everyone who sells, beyond their own data scope.
        var customers = request.Pool is true
            ? user.SeesPool() ? db.Customers.AsNoTracking().InPool() : db.Customers.AsNoTracking().Where(c => false)
            : db.Customers.AsNoTracking().VisibleTo(user);
        if (request.OwnerId is { } ownerId) customers = customers.Where(c => c.OwnerId == ownerId);
        if (request.Level is { } level)
        {
            var parsed = Enum.Parse<CustomerLevel>(level);
            customers = customers.Where(c => c.Level == parsed);
        }
        var counted = customers;
        int? total = null;
        IReadOnlyList<Guid>? inListOrder = null;
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var unfiltered = user.SeesEverything && request.OwnerId is null && request.Pool is not true && request.Level is null;
            var oneOwner = request.OwnerId is not null || (!user.SeesEverything && request.Pool is not true && user.ScopeOwnerIds.Count <= 1);
            var search = await customers.MatchingAsync(db, request.Search, unfiltered, oneOwner, ct);
            (customers, counted, total, inListOrder) = (search.Page, search.Count, search.MatchCount, search.InListOrder);
        }
        var rows = customers.OrderByDescending(c => c.Code)
            .Select(c => new { c.Id, c.Code, c.Name, c.Aliases, c.Level, c.IsKey, c.Industry, c.Region, c.OwnerId, c.UpdatedAt, c.PoolReturnOn });
        // When the search found every match already, the page is cut from their ids and fetched by them.
        var page = inListOrder is not null
            ? await rows.PageOfAsync(request, inListOrder, (query, ids) => query.Where(c => ids.Contains(c.Id)), ct)
            : await rows.ToPageAsync(request, total is { } known ? _ => Task.FromResult(known) : counted.CountAsync, ct);

        // Owner names from memory: people are few and seldom renamed, lists are many.
        var names = await people.DisplayNamesAsync(ct);
        var items = page.Items.Select(c => new CustomerListItem(c.Id, c.Code, c.Name, c.Aliases, c.Level.ToString(), c.IsKey,
            c.Industry, c.Region, c.OwnerId, c.OwnerId is { } o && names.TryGetValue(o, out var n) ? n : null, c.UpdatedAt)
        { PoolReturnOn = c.PoolReturnOn }).ToList();
        return new Paged<CustomerListItem>(items, page.Total, page.Page, page.PageSize);
    }
}
