namespace Pipewright.Erp;

/// <summary>
/// What the ERP says about shipping a quantity of a model: how many are on hand now, the earliest date the whole
/// quantity can ship, and whether that meets the date the customer needs. <see cref="CanMeet"/> is null when the
/// ERP could not be asked (down, slow, unknown model): the quote is never blocked, the answer is "unknown".
/// </summary>
public sealed record Availability(
    string Model, decimal? Available, DateOnly? EarliestDate, bool? CanMeet, string Source, DateTimeOffset AsOf)
{
    public bool IsKnown => CanMeet is not null;

    /// <summary>
    /// Why the answer is unknown, when it is: <c>unknownModel</c>, <c>timeout</c>, <c>unreachable</c>, <c>rejected</c>,
    /// <c>malformed</c> or <c>circuitOpen</c> (see docs/erp-contract.md). Null for a known answer.
    /// </summary>
    public string? Reason { get; init; }
}

/// <summary>The ERP behind availability checks: the built-in stock table, or an external ERP over HTTP.</summary>
public interface IErpGateway
{
    Task<Availability> GetAvailabilityAsync(string model, decimal quantity, DateOnly? needBy, CancellationToken ct);
}
