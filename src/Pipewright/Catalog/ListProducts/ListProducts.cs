using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Catalog.ListProducts;

public sealed record ListProductsRequest : PagedQuery
{
    /// <summary>Part of the model (spaces and case do not matter: "z41h dn100") or of the name.</summary>
    [MaxLength(100, ErrorMessage = "validation.maxLength")] public string? Search { get; init; }
    [MaxLength(ProductLimits.Short, ErrorMessage = "validation.maxLength")] public string? Category { get; init; }

    /// <summary>Withdrawn models too (the catalog's keepers want them; quoting does not).</summary>
    public bool? IncludeInactive { get; init; }
}

public static class ProductQueries
{
    /// <summary>
    /// Products matching every word of the search in the model (spaces and case ignored, so "d371x dn300" finds
    /// D371X-16 DN300), the name or the category.
    /// </summary>
    public static IQueryable<Product> Matching(this IQueryable<Product> products, string search)
    {
        foreach (var term in search.Split([' ', '\u3000', '\t'], StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            var key = Product.KeyOf(term);
            products = products.Where(p => p.ModelKey.Contains(key) || p.Name.Contains(term) || p.Category.Contains(term));
        }
        return products;
    }
}

public sealed class ListProductsHandler(IDbContextFactory<PipewrightDb> dbFactory)
{
    public async Task<Paged<ProductDto>> HandleAsync(ListProductsRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var products = db.Products.AsNoTracking();
        if (request.IncludeInactive is not true) products = products.Where(p => p.IsActive);
        if (!string.IsNullOrWhiteSpace(request.Category)) products = products.Where(p => p.Category == request.Category.Trim());
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var first = Product.KeyOf(request.Search.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
            // A model-key prefix ranks first (typing "Z41H" finds the gate valves), then the other matches.
            products = products.Matching(request.Search)
                .OrderBy(p => p.ModelKey.StartsWith(first) ? 0 : 1).ThenBy(p => p.Category).ThenBy(p => p.ModelKey);
        }
        else
        {
            products = products.OrderBy(p => p.Category).ThenBy(p => p.ModelKey);
        }
        var page = await products.Include(p => p.Options).ToPageAsync(request, ct);
        return new Paged<ProductDto>(page.Items.Select(p => p.ToDto(user)).ToList(), page.Total, page.Page, page.PageSize);
    }

    public async Task<Outcome<ProductDto>> GetAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().Include(p => p.Options).SingleOrDefaultAsync(p => p.Id == id, ct);
        return product is null ? Failure.NotFound() : product.ToDto(user);
    }

    /// <summary>The categories in use, for filters and the editor's suggestions.</summary>
    public async Task<IReadOnlyList<string>> CategoriesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().Select(p => p.Category).Distinct().OrderBy(c => c).ToListAsync(ct);
    }
}
