namespace Pipewright.Dictation.Extraction;

/// <summary>What a dictated note names; every item carries the words it came from (<c>Text</c> at <c>Start</c>).</summary>
public sealed record VoiceExtraction(
    ExtractedCustomer? Customer,
    IReadOnlyList<ExtractedContact> Contacts,
    IReadOnlyList<ExtractedProduct> Products,
    IReadOnlyList<ExtractedDate> Dates,
    IReadOnlyList<ExtractedAmount> Amounts,
    IReadOnlyList<ExtractedCompetitor> Competitors);

public sealed record ExtractedCustomer(Guid Id, string Name, string Text, int Start);

/// <param name="ContactId">The customer's contact this person is, when exactly one fits.</param>
public sealed record ExtractedContact(string Name, string Text, int Start, Guid? ContactId);

/// <param name="QuantityText">The words the quantity came from ("两台"), at <c>QuantityStart</c>.</param>
public sealed record ExtractedProduct(Guid ProductId, string Model, decimal? Quantity, string Text, int Start,
    string? QuantityText, int? QuantityStart);

public sealed record ExtractedDate(DateOnly Date, string Text, int Start);

public sealed record ExtractedAmount(decimal Value, string Text, int Start);

public sealed record ExtractedCompetitor(string Name, string Text, int Start);
