using System.ComponentModel.DataAnnotations;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Localization;

namespace Pipewright.Catalog;

/// <summary>
/// Who may do what with the catalog. Finance keeps prices and costs, the administrator sets the system up: they
/// edit. Costs and floor prices are what the company earns and the least it accepts: the people who approve and
/// steer prices see them (finance, general manager, regional managers, the administrator); reps and engineers see
/// list prices only, and learn margins from the quote's server-side totals.
/// </summary>
public static class CatalogAccess
{
    public static bool MayEdit(CurrentUser user) => user.IsAdmin || user.IsInRole(Roles.Finance);

    public static bool SeesCost(CurrentUser user) =>
        user.SeesEverything || user.IsInRole(Roles.RegionalManager);
}

public sealed record ProductOptionInput
{
    [Required(ErrorMessage = "validation.required"), MaxLength(ProductLimits.Short, ErrorMessage = "validation.maxLength")]
    public string Group { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), MaxLength(ProductLimits.Short, ErrorMessage = "validation.maxLength")]
    public string Value { get; init; } = "";

    /// <summary>What the option adds to the list price, yuan; negative for a cheaper variant.</summary>
    [Range(-100_000_000, 100_000_000, ErrorMessage = "validation.range")]
    public decimal PriceDelta { get; init; }

    [Range(-100_000_000, 100_000_000, ErrorMessage = "validation.range")]
    public decimal CostDelta { get; init; }
}

/// <summary>The fields of a product as create, update and import take them (money in yuan).</summary>
public record ProductFields : IValidatableObject
{
    [Required(ErrorMessage = "validation.required"), MaxLength(ProductLimits.Model, ErrorMessage = "validation.maxLength")]
    public string Model { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), MaxLength(ProductLimits.Name, ErrorMessage = "validation.maxLength")]
    public string Name { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), MaxLength(ProductLimits.Short, ErrorMessage = "validation.maxLength")]
    public string Category { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), MaxLength(8, ErrorMessage = "validation.maxLength")]
    public string Unit { get; init; } = "台";

    [Range(typeof(decimal), "0.01", "10000000000", ErrorMessage = "products.validation.positive")]
    public decimal ListPrice { get; init; }

    [Range(typeof(decimal), "0", "10000000000", ErrorMessage = "products.validation.notNegative")]
    public decimal? UnitCost { get; init; }

    [Range(typeof(decimal), "0", "10000000000", ErrorMessage = "products.validation.notNegative")]
    public decimal? FloorPrice { get; init; }

    [MaxLength(ProductLimits.Options, ErrorMessage = "validation.maxItems")]
    public List<ProductOptionInput>? Options { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FloorPrice is { } floor && floor > ListPrice)
            yield return new ValidationResult("products.validation.floorAboveList", [nameof(FloorPrice)]);
        var seen = new HashSet<(string, string)>();
        foreach (var option in Options ?? [])
            if (!seen.Add((option.Group.Trim(), option.Value.Trim())))
            {
                yield return new ValidationResult("products.validation.optionTwice", [nameof(Options)]);
                yield break;
            }
    }
}

public sealed record ProductOptionDto(Guid Id, string Group, string Value, decimal PriceDelta, decimal? CostDelta);

/// <summary>A product as the API shows it: cost and floor price are null for those who may not see them.</summary>
public sealed record ProductDto(
    Guid Id, string Model, string Name, string Category, string Unit, decimal ListPrice, decimal? UnitCost,
    decimal? FloorPrice, bool IsActive, int Version, DateTimeOffset UpdatedAt, IReadOnlyList<ProductOptionDto> Options);

public static class ProductMapping
{
    private static readonly Strings L = new();

    public static ProductDto ToDto(this Product p, CurrentUser user)
    {
        var cost = CatalogAccess.SeesCost(user);
        return new ProductDto(p.Id, p.Model, p.Name, p.Category, p.Unit, p.ListPrice.Yuan,
            cost ? p.UnitCost?.Yuan : null, cost ? p.FloorPrice?.Yuan : null, p.IsActive, p.Version, p.UpdatedAt,
            p.Options.OrderBy(o => o.Group, StringComparer.Ordinal).ThenBy(o => o.PriceDelta.Fen).ThenBy(o => o.Value, StringComparer.Ordinal)
                .Select(o => new ProductOptionDto(o.Id, o.Group, o.Value, o.PriceDelta.Yuan, cost ? o.CostDelta.Yuan : null))
                .ToList());
    }

    public static Failure Duplicate(Product existing) => new(409, "products.duplicate",
        L["products.duplicate.detail", existing.Model],
        Extensions: new Dictionary<string, object?>
        {
            ["kind"] = "duplicate",
            ["existing"] = new { id = existing.Id, model = existing.Model, name = existing.Name },
        });
}
