using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace Pipewright.Common.Api;

/// <summary>?page=1&amp;pageSize=50 (pageSize ≤ 200), as every list of api-v1.md takes it.</summary>
public sealed record PageRequest
{
    [Range(1, 1_000_000, ErrorMessage = "validation.page")] public int Page { get; init; } = 1;
    [Range(1, 200, ErrorMessage = "validation.pageSize")] public int PageSize { get; init; } = 50;

    public int Skip => (Page - 1) * PageSize;
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public static class PagingExtensions
{
    /// <summary>Counts and fetches one page in the database; the query must already be ordered.</summary>
    public static async Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest request, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var items = total == 0 ? [] : await ordered.Skip(request.Skip).Take(request.PageSize).ToListAsync(ct);
        return new Paged<T>(items, total, request.Page, request.PageSize);
    }
}
