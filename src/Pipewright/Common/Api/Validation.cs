using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Pipewright.Common.Localization;

namespace Pipewright.Common.Api;

/// <summary>
/// DataAnnotations validation with messages from our string tables: an attribute's ErrorMessage is a key,
/// formatted with the field's localized name. Shared by the API (endpoint filter) and the Blazor forms.
/// </summary>
public static class Validation
{
    private static readonly Strings L = new();

    public static Dictionary<string, string[]> Validate(object model)
    {
        var errors = new Dictionary<string, List<string>>();
        Collect(model, "", errors);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void Collect(object model, string prefix, Dictionary<string, List<string>> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(member);
                var attribute = model.GetType().GetProperty(member)?.GetCustomAttributes(true)
                    .OfType<ValidationAttribute>().FirstOrDefault(a => a.ErrorMessage == result.ErrorMessage);
                var message = Localize(result.ErrorMessage ?? "validation.invalid", name, attribute);
                var field = prefix + name;
                (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);
            }
        }
        // Nested request objects (a location, a list of contacts) are validated too, with paths like contacts[1].mobile.
        foreach (var property in model.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length > 0 || !IsOurs(property.PropertyType)
                && !(property.PropertyType.IsGenericType && property.PropertyType.GetGenericArguments().Any(IsOurs)))
                continue;
            var value = property.GetValue(model);
            var name = prefix + JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (value is System.Collections.IEnumerable items and not string)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item is not null) Collect(item, $"{name}[{i}].", errors);
                    i++;
                }
            }
            else if (value is not null) Collect(value, name + ".", errors);
        }
    }

    private static bool IsOurs(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Pipewright", StringComparison.Ordinal) == true;

    private static string Localize(string key, string field, ValidationAttribute? attribute)
    {
        var label = L[$"field.{field}"] is { ResourceNotFound: false } found ? found.Value : field;
        return attribute switch
        {
            StringLengthAttribute s => L[key, label, s.MaximumLength, s.MinimumLength],
            MaxLengthAttribute m => L[key, label, m.Length],
            RangeAttribute r => L[key, label, r.Minimum, r.Maximum],
            _ => L[key, label],
        };
    }

    /// <summary>Endpoint filter: a 400 with per-field errors before the handler runs.</summary>
    public static RouteHandlerBuilder Validated<T>(this RouteHandlerBuilder builder) where T : class =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var model = context.Arguments.OfType<T>().FirstOrDefault();
            if (model is null) return Failure.Invalid("body", "validation.body").ToProblem();
            var errors = Validate(model);
            return errors.Count > 0 ? Failure.Invalid(errors).ToProblem() : await next(context);
        }).ProducesValidationProblem();
}
