using Pipewright.Common;

namespace Pipewright.Quotes;

public sealed record QuoteTotalsDto(decimal Amount, decimal NetAmount, decimal? Cost, decimal? GrossMargin, decimal? GrossMarginRate,
    decimal Freight, decimal Installation, decimal TaxRate);

public sealed record QuoteLineDto(
    Guid Id, int LineNo, Guid ProductId, string Model, string ProductName, string Unit, decimal Quantity, decimal UnitPrice,
    decimal ListPrice, decimal PriceRatio, decimal DiscountRate, decimal Amount, decimal? UnitCost, decimal? Cost, decimal? GrossMargin,
    decimal? GrossMarginRate, bool BelowFloor, IReadOnlyList<Guid> OptionIds, string OptionsText, DateOnly? EarliestShipDate, bool? CanMeet);

public sealed record QuoteRevisionDto(Guid Id, int Revision, QuoteStatus Status, bool IsCurrent, DateTimeOffset CreatedAt);

public sealed record QuoteDto(
    Guid Id, string Code, int Revision, bool IsCurrent, Guid FamilyId, Guid OpportunityId, string? OpportunityTitle,
    Guid CustomerId, string? CustomerName, Guid OwnerId, string? OwnerName, QuoteStatus Status, DateOnly ValidUntil,
    DateOnly? PromisedDeliveryDate, string? Note, QuoteTotalsDto Totals, IReadOnlyList<QuoteLineDto> Lines, Guid? ApprovalId,
    string? ReturnComment, DateTimeOffset? SubmittedAt, DateTimeOffset? ApprovedAt, DateTimeOffset CreatedAt, int Version,
    IReadOnlyList<QuoteRevisionDto> Revisions);

public sealed record QuoteSummaryDto(
    Guid Id, string Code, int Revision, Guid OpportunityId, Guid CustomerId, string? CustomerName, Guid OwnerId, string? OwnerName,
    QuoteStatus Status, decimal Amount, DateOnly ValidUntil, DateTimeOffset UpdatedAt);

public static class QuoteViews
{
    public static PricedLine Priced(this QuoteLine l) => new(l.UnitPrice, l.Quantity, l.ListPrice, l.UnitCost);

    public static QuoteFigures Figures(this Quote q) =>
        QuotePricing.Quote(q.Lines.OrderBy(l => l.LineNo).Select(Priced), q.Freight, q.Installation, q.TaxRate);

    public static QuoteDto ToDto(this Quote q, string? opportunityTitle, string? customerName, string? ownerName, IReadOnlyList<QuoteRevisionDto> revisions)
    {
        var figures = q.Figures();
        var lines = q.Lines.OrderBy(l => l.LineNo).ToList();
        return new QuoteDto(
            q.Id, q.Code, q.Revision, q.IsCurrent, q.FamilyId, q.OpportunityId, opportunityTitle, q.CustomerId, customerName, q.OwnerId,
            ownerName, q.Status, q.ValidUntil, q.PromisedDeliveryDate, q.Note,
            new QuoteTotalsDto(figures.Amount.Yuan, figures.NetAmount.Yuan, figures.Cost?.Yuan, figures.GrossMargin?.Yuan, figures.GrossMarginRate,
                q.Freight.Yuan, q.Installation.Yuan, q.TaxRate),
            [.. lines.Select((l, i) => l.ToDto(figures.Lines[i]))],
            q.ApprovalId, q.ReturnComment, q.SubmittedAt, q.ApprovedAt, q.CreatedAt, q.Version, revisions);
    }

    public static QuoteLineDto ToDto(this QuoteLine l, LineFigures f) => new(
        l.Id, l.LineNo, l.ProductId, l.Model, l.ProductName, l.Unit, l.Quantity, l.UnitPrice.Yuan, l.ListPrice.Yuan, f.PriceRatio,
        f.DiscountRate, f.Amount.Yuan, l.UnitCost?.Yuan, f.Cost?.Yuan, f.GrossMargin?.Yuan, f.GrossMarginRate,
        l.FloorPrice is { } floor && l.UnitPrice < floor, l.OptionIds, l.OptionsText, l.EarliestShipDate, l.CanMeet);

    /// <summary>The code as people cite it: BJ202600012, and BJ202600012-V2 from the second revision on.</summary>
    public static string DisplayCode(string code, int revision) => revision > 1 ? $"{code}-V{revision}" : code;

    public static string Yuan(Money money) => money.ToString();
}
