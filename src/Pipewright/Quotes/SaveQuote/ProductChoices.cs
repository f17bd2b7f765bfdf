using Microsoft.EntityFrameworkCore;
using Pipewright.Catalog;
using Pipewright.Common.Data;

namespace Pipewright.Quotes.SaveQuote;

public sealed record OptionChoice(Guid Id, string Group, string Value, decimal PriceDelta, decimal CostDelta);

public sealed record ProductChoice(Guid Id, string Model, string Name, string Unit, decimal ListPrice, decimal? UnitCost, decimal? FloorPrice,
    IReadOnlyList<OptionChoice> Options);

/// <summary>Active catalog products for the quote editor's picker, matched on model or name.</summary>
public sealed class ProductChoices(IDbContextFactory<PipewrightDb> dbFactory)
{
    public async Task<IReadOnlyList<ProductChoice>> SearchAsync(string? text, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var products = db.Products.AsNoTracking().Include(p => p.Options).Where(p => p.IsActive);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var key = Product.KeyOf(text);
            var name = text.Trim();
            products = products.Where(p => p.ModelKey.Contains(key) || p.Name.Contains(name) || p.Category.Contains(name));
        }
        return (await products.OrderBy(p => p.Model).Take(20).ToListAsync(ct)).Select(ToChoice).ToList();
    }

    public async Task<ProductChoice?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().Include(p => p.Options).SingleOrDefaultAsync(p => p.Id == id, ct);
        return product is null ? null : ToChoice(product);
    }

    private static ProductChoice ToChoice(Product p) => new(p.Id, p.Model, p.Name, p.Unit, p.ListPrice.Yuan, p.UnitCost?.Yuan, p.FloorPrice?.Yuan,
        [.. p.Options.OrderBy(o => o.Group).ThenBy(o => o.Value).Select(o => new OptionChoice(o.Id, o.Group, o.Value, o.PriceDelta.Yuan, o.CostDelta.Yuan))]);
}
