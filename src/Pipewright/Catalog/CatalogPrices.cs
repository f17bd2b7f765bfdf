using Microsoft.EntityFrameworkCore;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Data;

namespace Pipewright.Catalog;

/// <summary>
/// The price of a catalog product as configured for a quote line: the list price and unit cost with the chosen
/// options' deltas added. <see cref="UnitCost"/> is null when the catalog has no cost for the model. The floor
/// price is the model's own (options move it by their price delta too, so that a dearer material does not lower
/// the floor's share).
/// </summary>
public sealed record CatalogPrice(
    Guid ProductId, string Model, string Name, string Category, string Unit,
    Money ListPrice, Money? UnitCost, Money? FloorPrice, IReadOnlyList<ProductOption> Options);

/// <summary>What the quotes use to price a line from the catalog; only active catalog products can be quoted.</summary>
public static class CatalogPrices
{
    /// <summary>Prices a product with its chosen options in the caller's context.</summary>
    public static async Task<Outcome<CatalogPrice>> PriceAsync(this PipewrightDb db, Guid productId,
        IReadOnlyCollection<Guid> optionIds, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking().Include(p => p.Options).SingleOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null) return Failure.Invalid("productId", "products.notInCatalog");
        return Price(product, optionIds);
    }

    /// <summary>
    /// Prices a loaded product (with its options). Refused: a withdrawn model (422), an option of another product,
    /// or two options of one group (400).
    /// </summary>
    public static Outcome<CatalogPrice> Price(Product product, IReadOnlyCollection<Guid> optionIds)
    {
        if (!product.IsActive) return Failure.Rule("products.inactive", product.Model);
        var chosen = new List<ProductOption>();
        foreach (var id in optionIds.Distinct())
        {
            var option = product.Options.FirstOrDefault(o => o.Id == id);
            if (option is null) return Failure.Invalid("optionIds", "products.option.unknown", product.Model);
            if (chosen.Any(c => c.Group == option.Group)) return Failure.Invalid("optionIds", "products.option.oneOfGroup", option.Group);
            chosen.Add(option);
        }
        var priceDelta = chosen.Aggregate(Money.Zero, (sum, o) => sum + o.PriceDelta);
        var costDelta = chosen.Aggregate(Money.Zero, (sum, o) => sum + o.CostDelta);
        return new CatalogPrice(product.Id, product.Model, product.Name, product.Category, product.Unit,
            product.ListPrice + priceDelta, product.UnitCost is { } cost ? cost + costDelta : null,
            product.FloorPrice is { } floor ? floor + priceDelta : null, chosen);
    }
}
