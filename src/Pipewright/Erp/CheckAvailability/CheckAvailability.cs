using System.ComponentModel.DataAnnotations;

namespace Pipewright.Erp.CheckAvailability;

/// <summary>GET /erp/availability?model=&amp;quantity=&amp;needBy=</summary>
public sealed record AvailabilityRequest
{
    [Required(ErrorMessage = "validation.required"), MaxLength(64, ErrorMessage = "validation.maxLength")]
    public string? Model { get; init; }

    [Required(ErrorMessage = "validation.required"), Range(typeof(decimal), "0.001", "100000000", ErrorMessage = "erp.validation.quantity")]
    public decimal? Quantity { get; init; }

    /// <summary>The date the customer needs the goods (yyyy-MM-dd); without it, canMeet says whether they can be made at all.</summary>
    public DateOnly? NeedBy { get; init; }
}

/// <summary>The availability answer of api-v1.md, plus why it is unknown when it is.</summary>
public sealed record AvailabilityDto(
    string Model, decimal? Available, DateOnly? EarliestDate, bool? CanMeet, string Source, DateTimeOffset AsOf, string? Reason)
{
    public static AvailabilityDto From(Availability a) => new(a.Model, a.Available, a.EarliestDate, a.CanMeet, a.Source, a.AsOf, a.Reason);
}
