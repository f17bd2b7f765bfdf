using Pipewright.Common;
using Pipewright.Erp;
using Pipewright.Quotes.SaveQuote;

namespace Pipewright.Quotes.Editor;

/// <summary>One line as the editor holds it while the salesperson types; figures come from <see cref="QuotePricing"/>.</summary>
public sealed class QuoteLineForm
{
    public required ProductChoice Product { get; init; }
    public Dictionary<string, Guid?> Chosen { get; } = [];
    public decimal Quantity { get; set; } = 1;
    public decimal UnitPrice { get; set; }
    public Availability? Availability { get; set; }

    public IEnumerable<OptionChoice> ChosenOptions =>
        Product.Options.Where(o => Chosen.GetValueOrDefault(o.Group) == o.Id);

    public decimal ListPrice => Product.ListPrice + ChosenOptions.Sum(o => o.PriceDelta);

    public decimal? UnitCost => Product.UnitCost is { } cost ? cost + ChosenOptions.Sum(o => o.CostDelta) : null;

    /// <summary>The price as a share of list (80 = 八折): typing it sets the unit price.</summary>
    public decimal? Percent
    {
        get => ListPrice > 0 ? Math.Round(UnitPrice / ListPrice * 100, 2) : null;
        set => UnitPrice = Math.Round(ListPrice * (value ?? 100) / 100, 2);
    }

    public bool BelowFloor => Product.FloorPrice is { } floor && UnitPrice < floor;

    public PricedLine Priced => new(Money.FromYuan(UnitPrice), Quantity, Money.FromYuan(ListPrice), UnitCost is { } c ? Money.FromYuan(c) : null);

    public QuoteLineInput ToInput() => new()
    {
        ProductId = Product.Id, Quantity = Quantity, UnitPrice = UnitPrice,
        OptionIds = [.. Chosen.Values.OfType<Guid>()],
    };
}
