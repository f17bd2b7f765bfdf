using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
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
        var search = string.IsNullOrWhiteSpace(request.Search) ? null : request.Search;
        if (search is not null)
        {
            var unfiltered = user.SeesEverything && request.OwnerId is null && request.Pool is not true && request.Level is null;
            var oneOwner = request.OwnerId is not null || (!user.SeesEverything && request.Pool is not true && user.ScopeOwnerIds.Count <= 1);
            var matching = await customers.MatchingAsync(db, search, unfiltered, oneOwner, ct);
            (customers, counted, total, inListOrder) = (matching.Page, matching.Count, matching.MatchCount, matching.InListOrder);
        }
        var byCode = customers.OrderByDescending(c => c.Code);
        Func<CancellationToken, Task<int>> count = total is { } known ? _ => Task.FromResult(known) : counted.CountAsync;
        var page = inListOrder is not null
            // The search found every match already: the page is cut from their ids and fetched by them.
            ? await PagingExtensions.PageOfAsync(inListOrder, request, ids => byCode.Where(c => ids.Contains(c.Id)).Select(Item), ct)
            : search is not null && user.SeesEverything && request.OwnerId is null && request.Pool is not true
                // Searching everyone's customers picks the page's ids first, from the index (Id, OwnerId, Code), then
                // reads only their rows: sorting the whole rows of a few hundred matches cost more than finding them.
                // In a narrower scope most matches fall out on that index already, and one statement plans faster.
                ? await PagingExtensions.PageAsync((skip, take) =>
                {
                    var ids = byCode.Skip(skip).Take(take).Select(c => c.Id);
                    return db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderByDescending(c => c.Code).Select(Item);
                }, request, count, ct)
                : await byCode.Select(Item).ToPageAsync(request, count, ct);

        // Owner names from memory: people are few and seldom renamed, lists are many.
        var names = await people.DisplayNamesAsync(ct);
        var items = page.Items.Select(c => new CustomerListItem(c.Id, c.Code, c.Name, c.Aliases, c.Level.ToString(), c.IsKey,
            c.Industry, c.Region, c.OwnerId, c.OwnerId is { } o && names.TryGetValue(o, out var n) ? n : null, c.UpdatedAt)
        { PoolReturnOn = c.PoolReturnOn }).ToList();
        return new Paged<CustomerListItem>(items, page.Total, page.Page, page.PageSize);
    }

    private static readonly Expression<Func<Customer, ListedCustomer>> Item = c => new ListedCustomer(
        c.Id, c.Code, c.Name, c.Aliases, c.Level, c.IsKey, c.Industry, c.Region, c.OwnerId, c.UpdatedAt, c.PoolReturnOn);

    private sealed record ListedCustomer(Guid Id, string Code, string Name, List<string> Aliases, CustomerLevel Level, bool IsKey,
        string? Industry, string? Region, Guid? OwnerId, DateTimeOffset UpdatedAt, DateOnly? PoolReturnOn);
}
