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
    public static async Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> ordered, PagedQuery query, CancellationToken ct)
    {
        var (page, size) = (query.PageOrFirst, query.SizeOrDefault);
        var total = await ordered.CountAsync(ct);
        var items = total == 0 ? [] : await ordered.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<T>(items, total, page, size);
    }
}
