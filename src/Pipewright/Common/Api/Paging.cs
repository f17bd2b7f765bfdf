using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace Pipewright.Common.Api;

/// <summary>?page=1&amp;pageSize=50 (pageSize ≤ 200), as every list of api-v1.md takes it; list queries derive from it.</summary>
public record PagedQuery
{
    [Range(1, 1_000_000, ErrorMessage = "validation.page")] public int? Page { get; init; }
    [Range(1, 200, ErrorMessage = "validation.pageSize")] public int? PageSize { get; init; }

    internal int PageOrFirst => Page ?? 1;
    internal int SizeOrDefault => PageSize ?? 50;
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public static class PagingExtensions
{
    /// <summary>Counts and fetches one page in the database; the query must already be ordered.</summary>
    public static Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> ordered, PagedQuery query, CancellationToken ct) =>
        ordered.ToPageAsync(query, ordered.CountAsync, ct);

    /// <summary>
    /// Fetches one page, then counts with <paramref name="count"/> — unless the page is short and not past the end:
    /// then it is the last page and tells the total itself (most searches fit on one page).
    /// </summary>
    public static Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> ordered, PagedQuery query,
        Func<CancellationToken, Task<int>> count, CancellationToken ct) =>
        PageAsync((skip, take, token) => ordered.Skip(skip).Take(take).ToListAsync(token), query, count, ct);

    /// <summary>
    /// As <see cref="ToPageAsync{T}(IQueryable{T}, PagedQuery, Func{CancellationToken, Task{int}}, CancellationToken)"/>,
    /// with the rows of a page read by <paramref name="slice"/> (skip, take): e.g. their ids first, then the rows.
    /// </summary>
    public static async Task<Paged<T>> PageAsync<T>(Func<int, int, CancellationToken, Task<List<T>>> slice, PagedQuery query,
        Func<CancellationToken, Task<int>> count, CancellationToken ct)
    {
        var (page, size) = (query.PageOrFirst, query.SizeOrDefault);
        var skip = (page - 1) * size;
        var items = await slice(skip, size, ct);
        var total = items.Count < size && (items.Count > 0 || page == 1) ? skip + items.Count : await count(ct);
        return new Paged<T>(items, total, page, size);
    }

    /// <summary>
    /// One page when the ids of every row are known already, in the list's order: the page's ids are cut from them
    /// and only those rows fetched (<paramref name="rowsWithIds"/>, in the list's order); the total is their number.
    /// </summary>
    public static async Task<Paged<T>> PageOfAsync<T>(IReadOnlyList<Guid> allIds, PagedQuery query,
        Func<List<Guid>, IQueryable<T>> rowsWithIds, CancellationToken ct)
    {
        var (page, size) = (query.PageOrFirst, query.SizeOrDefault);
        var items = await rowsWithIds(allIds.Skip((page - 1) * size).Take(size).ToList()).ToListAsync(ct);
        return new Paged<T>(items, allIds.Count, page, size);
    }
}
