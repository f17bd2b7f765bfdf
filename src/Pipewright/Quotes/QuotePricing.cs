using Pipewright.Common;

namespace Pipewright.Quotes;

public sealed record LineFigures(Money Amount, Money NetAmount, Money? Cost, Money? GrossMargin, decimal? GrossMarginRate, decimal PriceRatio, decimal DiscountRate);

public sealed record QuoteFigures(Money Amount, Money NetAmount, Money? Cost, Money? GrossMargin, decimal? GrossMarginRate, IReadOnlyList<LineFigures> Lines);

public sealed record PricedLine(Money UnitPrice, decimal Quantity, Money ListPrice, Money? UnitCost);

/// <summary>
/// The one place quote margins are computed, to the fen. Quoted prices include VAT (含税价): the margin is earned on
/// the amount without VAT (amount / (1 + tax rate), per line). A line's cost is its unit cost (model plus options)
/// times the quantity; the quote's cost adds the freight and installation we bear. A line without a known cost has
/// no margin, and then neither has the quote.
/// </summary>
public static class QuotePricing
{
    public static LineFigures Line(PricedLine line, decimal taxRate)
    {
        var amount = line.UnitPrice * line.Quantity;
        var net = Money.FromYuan(amount.Yuan / (1 + taxRate));
        Money? cost = line.UnitCost is { } unitCost ? unitCost * line.Quantity : null;
        Money? margin = cost is { } c ? net - c : null;
        var ratio = line.ListPrice.Fen > 0 ? Math.Round((decimal)line.UnitPrice.Fen / line.ListPrice.Fen, 4) : 1m;
        return new LineFigures(amount, net, cost, margin, Rate(margin, net), ratio, 1 - ratio);
    }

    public static QuoteFigures Quote(IEnumerable<PricedLine> lines, Money freight, Money installation, decimal taxRate)
    {
        var figures = lines.Select(l => Line(l, taxRate)).ToList();
        var amount = figures.Aggregate(Money.Zero, (sum, l) => sum + l.Amount);
        var net = figures.Aggregate(Money.Zero, (sum, l) => sum + l.NetAmount);
        Money? cost = figures.All(l => l.Cost is not null)
            ? figures.Aggregate(freight + installation, (sum, l) => sum + l.Cost!.Value)
            : null;
        Money? margin = cost is { } c ? net - c : null;
        return new QuoteFigures(amount, net, cost, margin, Rate(margin, net), figures);
    }

    private static decimal? Rate(Money? margin, Money net) =>
        margin is { } m && net.Fen != 0 ? Math.Round((decimal)m.Fen / net.Fen, 4) : null;
}
