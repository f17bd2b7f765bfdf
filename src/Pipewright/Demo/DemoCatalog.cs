using Pipewright.Catalog;
using Pipewright.Common;
using Pipewright.Common.Data;
using Pipewright.Erp;

namespace Pipewright.Demo;

/// <summary>
/// 恒信阀业's catalog: six series of flanged valves in the categories the demo engineers specialise in, with the
/// standard material and pressure options, list prices at 25–40 % margin, floor prices between cost and list,
/// and stock levels for the built-in ERP (some models sold out but in production, some neither).
/// </summary>
public static class DemoCatalog
{
    private sealed record Series(string Category, string Prefix, string Name, string Unit, decimal PriceAtDn50, int[] Sizes);

    private static readonly Series[] All =
    [
        new("闸阀", "Z41H-16C", "法兰闸阀", "台", 1180m, [50, 65, 80, 100, 125, 150, 200, 250, 300]),
        new("截止阀", "J41H-16C", "法兰截止阀", "台", 1260m, [25, 32, 40, 50, 65, 80, 100, 150]),
        new("球阀", "Q41F-16C", "法兰球阀", "台", 980m, [25, 40, 50, 80, 100, 150]),
        new("蝶阀", "D371X-16", "蜗轮对夹软密封蝶阀", "台", 620m, [100, 150, 200, 300, 400, 500]),
        new("止回阀", "H44H-16C", "旋启式止回阀", "台", 1050m, [50, 80, 100, 150, 200]),
        new("调节阀", "ZDLP-16C", "电动单座调节阀", "套", 6800m, [25, 40, 50, 80, 100, 150]),
    ];

    /// <summary>Material (材质) and pressure class (压力等级): share of the list price and of the cost they add.</summary>
    private static readonly (string Group, string Value, decimal Price, decimal Cost)[] Options =
    [
        ("材质", "WCB 碳钢", 0m, 0m),
        ("材质", "CF8 不锈钢", 0.45m, 0.40m),
        ("材质", "CF8M 316不锈钢", 0.75m, 0.70m),
        ("压力等级", "PN16", 0m, 0m),
        ("压力等级", "PN25", 0.12m, 0.10m),
        ("压力等级", "PN40", 0.28m, 0.25m),
    ];

    public static async Task LoadAsync(PipewrightDb db, DateTimeOffset now, CancellationToken ct)
    {
        var i = 0;
        foreach (var series in All)
            foreach (var dn in series.Sizes)
            {
                var list = Round(series.PriceAtDn50 * (decimal)Math.Pow(dn / 50.0, 1.3));
                var margin = 0.25m + i % 4 * 0.05m;
                var cost = Round(list * (1 - margin));
                var model = $"{series.Prefix} DN{dn}";
                var product = new Product
                {
                    Model = model, ModelKey = Product.KeyOf(model), Name = $"DN{dn} {series.Name}", Category = series.Category,
                    Unit = series.Unit, ListPrice = Money.FromYuan(list), UnitCost = Money.FromYuan(cost),
                    FloorPrice = Money.FromYuan(Round(cost + (list - cost) * 0.4m)), CreatedAt = now, UpdatedAt = now,
                };
                product.Options = Options.Select(o => new ProductOption
                {
                    ProductId = product.Id, Group = o.Group, Value = o.Value,
                    PriceDelta = Money.FromYuan(Round(list * o.Price)), CostDelta = Money.FromYuan(Round(cost * o.Cost)),
                }).ToList();
                db.Products.Add(product);

                // Every fifth model is sold out and not in the production plan, the next one sold out but being made.
                var (onHand, capacity) = (i % 5) switch
                {
                    0 => (0m, 0m),
                    1 => (0m, Math.Max(4, 60 - dn / 10)),
                    _ => ((decimal)(i * 7 % 50 + 5), (decimal)Math.Max(4, 80 - dn / 5)),
                };
                db.StockLevels.Add(new StockLevel { ModelKey = product.ModelKey, OnHand = onHand, WeeklyCapacity = capacity, UpdatedAt = now });
                i++;
            }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Price lists are written in whole tens of yuan.</summary>
    private static decimal Round(decimal yuan) => Math.Round(yuan / 10m, MidpointRounding.AwayFromZero) * 10m;
}
