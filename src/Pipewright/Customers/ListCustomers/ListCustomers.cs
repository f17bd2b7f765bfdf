using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Search;

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
        RecordRange? narrow = null;
        var search = string.IsNullOrWhiteSpace(request.Search) ? null : request.Search;
        // Everyone's customers, perhaps of one level; with no level either, nothing but the scope narrows the list.
        var everyone = user.SeesEverything && request.OwnerId is null && request.Pool is not true;
        var scopeOnly = request.OwnerId is null && request.Pool is not true && request.Level is null;
        if (search is not null)
        {
            var unfiltered = everyone && scopeOnly;
            var oneOwner = request.OwnerId is not null || (!user.SeesEverything && request.Pool is not true && user.ScopeOwnerIds.Count <= 1);
            var matching = await customers.MatchingAsync(db, search, unfiltered, oneOwner, ct);
            (customers, counted, total, inListOrder, narrow) = (matching.Page, matching.Count, matching.MatchCount, matching.InListOrder, matching.Narrow);
        }
        var byCode = customers.OrderByDescending(c => c.Code);
        Func<CancellationToken, Task<int>> count = total is { } known ? _ => Task.FromResult(known) : counted.CountAsync;
        Paged<ListedCustomer> page;
        if (narrow is { } range && scopeOnly && Compiled(user) is { } compiled)
            // What a search box sends most, as a compiled query: EF would take the query apart and look it up again.
            page = await PagingExtensions.PageAsync((skip, take, token) => compiled(db, range, skip, take).ToListAsync(token).AsTask(),
                request, count, ct);
        else if (inListOrder is not null)
            // The search found every match already: the page is cut from their ids and fetched by them.
            page = await PagingExtensions.PageOfAsync(inListOrder, request, ids => byCode.Where(c => ids.Contains(c.Id)).Select(Item), ct);
        else if (search is not null && everyone)
            // Searching everyone's customers picks the page's ids first, from the index (Id, OwnerId, Code), then reads
            // only their rows: sorting the whole rows of a few hundred matches cost more than finding them. In a
            // narrower scope most matches fall out on that index already, and one statement plans faster.
            page = await PagingExtensions.PageAsync((skip, take, token) =>
            {
                var ids = byCode.Skip(skip).Take(take).Select(c => c.Id);
                return db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderByDescending(c => c.Code).Select(Item).ToListAsync(token);
            }, request, count, ct);
        else page = await byCode.Select(Item).ToPageAsync(request, count, ct);

        // Owner names from memory: people are few and seldom renamed, lists are many.
        var names = await people.DisplayNamesAsync(ct);
        var items = page.Items.Select(c => new CustomerListItem(c.Id, c.Code, c.Name, c.Aliases, c.Level.ToString(), c.IsKey,
            c.Industry, c.Region, c.OwnerId, c.OwnerId is { } o && names.TryGetValue(o, out var n) ? n : null, c.UpdatedAt)
        { PoolReturnOn = c.PoolReturnOn }).ToList();
        return new Paged<CustomerListItem>(items, page.Total, page.Page, page.PageSize);
    }

    /// <summary>
    /// The page of a narrow search with nothing else filtered, for everyone's customers or one sales rep's: the
    /// same statements as the composed LINQ, compiled once. Taking the query apart and finding it in EF's cache took a
    /// sixth of the page's cost (docs/performance.md). The search rows' condition is SearchIndex.Records, spelled out:
    /// a compiled query cannot call it.
    /// </summary>
    private static Func<PipewrightDb, RecordRange, int, int, IAsyncEnumerable<ListedCustomer>>? Compiled(CurrentUser user)
    {
        if (user.SeesEverything)
            return (db, range, skip, take) => EveryonesNarrowPage(db, CustomerQueries.SearchKind, range.Prefix, range.Upper, range.Length, skip, take);
        if (user.ScopeOwnerIds.Count != 1) return null;
        var owner = user.ScopeOwnerIds.First();
        return (db, range, skip, take) => OwnersNarrowPage(db, owner, CustomerQueries.SearchKind, range.Prefix, range.Upper, range.Length, skip, take);
    }

    private static readonly Func<PipewrightDb, string, string, string, int, int, int, IAsyncEnumerable<ListedCustomer>> EveryonesNarrowPage =
        EF.CompileAsyncQuery((PipewrightDb db, string kind, string prefix, string upper, int length, int skip, int take) =>
            db.Set<Customer>().AsNoTracking()
                .Where(c => db.Set<Customer>()
                    .Where(x => db.Set<SearchTerm>()
                        .Where(t => t.Kind == kind && t.Term.CompareTo(prefix) >= 0 && t.Term.CompareTo(upper) < 0 && t.SharedPrefix < length)
                        .Select(t => t.EntityId).Contains(x.Id))
                    .OrderByDescending(x => x.Code).Skip(skip).Take(take).Select(x => x.Id).Contains(c.Id))
                .OrderByDescending(c => c.Code)
                .Select(c => new ListedCustomer(c.Id, c.Code, c.Name, c.Aliases, c.Level, c.IsKey, c.Industry, c.Region, c.OwnerId, c.UpdatedAt, c.PoolReturnOn)));

    private static readonly Func<PipewrightDb, Guid, string, string, string, int, int, int, IAsyncEnumerable<ListedCustomer>> OwnersNarrowPage =
        EF.CompileAsyncQuery((PipewrightDb db, Guid owner, string kind, string prefix, string upper, int length, int skip, int take) =>
            db.Set<Customer>().AsNoTracking()
                .Where(c => c.OwnerId == owner && db.Set<SearchTerm>()
                    .Where(t => t.Kind == kind && t.Term.CompareTo(prefix) >= 0 && t.Term.CompareTo(upper) < 0 && t.SharedPrefix < length)
                    .Select(t => t.EntityId).Contains(c.Id))
                .OrderByDescending(c => c.Code).Skip(skip).Take(take)
                .Select(c => new ListedCustomer(c.Id, c.Code, c.Name, c.Aliases, c.Level, c.IsKey, c.Industry, c.Region, c.OwnerId, c.UpdatedAt, c.PoolReturnOn)));

    private static readonly Expression<Func<Customer, ListedCustomer>> Item = c => new ListedCustomer(
        c.Id, c.Code, c.Name, c.Aliases, c.Level, c.IsKey, c.Industry, c.Region, c.OwnerId, c.UpdatedAt, c.PoolReturnOn);

    private sealed record ListedCustomer(Guid Id, string Code, string Name, List<string> Aliases, CustomerLevel Level, bool IsKey,
        string? Industry, string? Region, Guid? OwnerId, DateTimeOffset UpdatedAt, DateOnly? PoolReturnOn);
}
