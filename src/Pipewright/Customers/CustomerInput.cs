using System.ComponentModel.DataAnnotations;

namespace Pipewright.Customers;

/// <summary>The fields a person fills in for a customer, on create and on edit; messages are string keys.</summary>
public record CustomerFields
{
    [Required(ErrorMessage = "validation.required"), StringLength(CustomerLimits.Name, MinimumLength = 2, ErrorMessage = "validation.length")]
    public string Name { get; init; } = "";

    [MaxLength(40, ErrorMessage = "validation.maxLength")]
    public string? CreditCode { get; init; }

    [MaxLength(CustomerLimits.Aliases, ErrorMessage = "validation.maxItems")]
    public List<string>? Aliases { get; init; }

    [MaxLength(CustomerLimits.Short, ErrorMessage = "validation.maxLength")] public string? Industry { get; init; }
    [MaxLength(CustomerLimits.Short, ErrorMessage = "validation.maxLength")] public string? Region { get; init; }
    [MaxLength(CustomerLimits.Address, ErrorMessage = "validation.maxLength")] public string? Address { get; init; }
    public LocationInput? Location { get; init; }

    [AllowedValues(null, "A", "B", "C", ErrorMessage = "validation.level")]
    public string? Level { get; init; }

    public bool? IsKey { get; init; }
    public Guid? OwnerId { get; init; }
    [MaxLength(CustomerLimits.Short, ErrorMessage = "validation.maxLength")] public string? Source { get; init; }

    /// <summary>Save although a customer with the same name key or phone exists (the warning was seen).</summary>
    public bool IgnoreSimilar { get; init; }

    /// <summary>Admin only: accept a credit code whose check character does not compute (some issued codes don't).</summary>
    public bool AcceptCheckMismatch { get; init; }
}

public sealed record LocationInput
{
    [Range(-90.0, 90.0, ErrorMessage = "validation.range")] public double Lat { get; init; }
    [Range(-180.0, 180.0, ErrorMessage = "validation.range")] public double Lng { get; init; }

    [Required(ErrorMessage = "validation.required"), AllowedValues("wgs84", "gcj02", "bd09", ErrorMessage = "validation.coordinateSystem")]
    public string System { get; init; } = "wgs84";
}

public record ContactInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(ContactLimits.Name, MinimumLength = 1, ErrorMessage = "validation.length")]
    public string Name { get; init; } = "";
    [MaxLength(ContactLimits.Short, ErrorMessage = "validation.maxLength")] public string? Title { get; init; }
    [MaxLength(30, ErrorMessage = "validation.maxLength")] public string? Mobile { get; init; }
    [MaxLength(40, ErrorMessage = "validation.maxLength")] public string? Phone { get; init; }
    [MaxLength(ContactLimits.Email, ErrorMessage = "validation.maxLength"), EmailAddress(ErrorMessage = "validation.email")]
    public string? Email { get; init; }
    [MaxLength(ContactLimits.Short, ErrorMessage = "validation.maxLength")] public string? WeChat { get; init; }
}

public sealed record CustomerDto(
    Guid Id, string Code, string Name, string? CreditCode, IReadOnlyList<string> Aliases,
    string? Industry, string? Region, string? Address, LocationDto? Location, string Level, bool IsKey,
    Guid? OwnerId, string? OwnerName, string? Source, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version,
    IReadOnlyList<ContactDto> Contacts)
{
    /// <summary>While in the pool: who held it last and since when.</summary>
    public Guid? PreviousOwnerId { get; init; }
    public DateTimeOffset? PooledAt { get; init; }

    /// <summary>The owner was warned: the business date it returns to the pool unless followed up.</summary>
    public DateOnly? PoolReturnOn { get; init; }
}

public sealed record LocationDto(double Lat, double Lng, string System, double WgsLat, double WgsLng);

public sealed record ContactDto(Guid Id, string Name, string? Title, string? Mobile, string? Phone, string? Email,
    string? WeChat, int Version);

public static class CustomerMapping
{
    public static CustomerDto ToDto(this Customer c, string? ownerName) => new(
        c.Id, c.Code, c.Name, c.CreditCode, c.Aliases, c.Industry, c.Region, c.Address,
        c.Location is { } l ? new LocationDto(l.Lat, l.Lng, l.System.ToString().ToLowerInvariant(), l.WgsLat, l.WgsLng) : null,
        c.Level.ToString(), c.IsKey, c.OwnerId, ownerName, c.Source, c.CreatedAt, c.UpdatedAt, c.Version,
        c.Contacts.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).Select(k => k.ToDto()).ToList())
    {
        PreviousOwnerId = c.PreviousOwnerId, PooledAt = c.PooledAt, PoolReturnOn = c.PoolReturnOn,
    };

    public static ContactDto ToDto(this Contact k) =>
        new(k.Id, k.Name, k.Title, k.Mobile, k.Phone, k.Email, k.WeChat, k.Version);
}
