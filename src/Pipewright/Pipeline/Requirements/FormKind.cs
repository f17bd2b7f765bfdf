using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipewright.Common.Localization;
using Pipewright.Pipeline.Configuration;

namespace Pipewright.Pipeline.Requirements;

/// <summary>A form the administrator designed (技术参数匹配表): met when every required field has a valid value.</summary>
public sealed class FormKind(IEvidenceFiles files) : IRequirementKind
{
    public const int TextLength = 500;
    internal static readonly string[] FieldTypes = ["text", "number", "date", "select", "multiSelect", "boolean", "photo", "file"];

    public string Kind => "form";
    public bool TakesValues => true;

    public IEnumerable<(string Path, string MessageKey)> CheckDefinition(RequirementSpec spec) => CheckFields(spec, booleanOnly: false);

    internal static IEnumerable<(string Path, string MessageKey)> CheckFields(RequirementSpec spec, bool booleanOnly)
    {
        if (spec.Fields is not { Count: > 0 } fields)
        {
            yield return ("fields", "requirement.fields.missing");
            yield break;
        }
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (fields.FindIndex(f => f.Key == field.Key) != i) yield return ($"fields[{i}].key", "requirement.fields.duplicate");
            if (booleanOnly && field.Type != "boolean") yield return ($"fields[{i}].type", "requirement.checklist.booleanOnly");
            var choice = field.Type is "select" or "multiSelect";
            if (choice && field.Options is not { Count: > 0 }) yield return ($"fields[{i}].options", "requirement.options.missing");
            if (choice && field.Options is { } options && (options.Distinct().Count() != options.Count || options.Any(string.IsNullOrWhiteSpace)))
                yield return ($"fields[{i}].options", "requirement.options.invalid");
            if (!choice && field.Options is { Count: > 0 }) yield return ($"fields[{i}].options", "requirement.options.unexpected");
        }
    }

    public async Task<Dictionary<string, string[]>> ApplyAsync(RequirementContext context, RequirementInput input, CancellationToken ct)
    {
        var (values, errors) = await ReadAsync(context, input, files, ct);
        foreach (var field in context.Spec.Fields ?? [])
        {
            if (field.Required && values[field.Key] is null) Add(errors, field.Key, "requirement.value.required", field.Label);
        }
        if (errors.Count == 0) context.Completion.Values = values.ToJsonString(PipelineRules.Json);
        return errors;
    }

    public Task<bool> IsMetAsync(RequirementContext context, CancellationToken ct)
    {
        var values = Stored(context.Completion);
        return Task.FromResult((context.Spec.Fields ?? []).All(f => !f.Required || values[f.Key] is not null));
    }

    internal static JsonObject Stored(RequirementCompletion completion) =>
        completion.Values is null ? [] : JsonNode.Parse(completion.Values)!.AsObject();

    /// <summary>Checks each posted value against its field and normalises it (numbers as numbers, dates as yyyy-MM-dd).</summary>
    internal static async Task<(JsonObject Values, Dictionary<string, string[]> Errors)> ReadAsync(
        RequirementContext context, RequirementInput input, IEvidenceFiles files, CancellationToken ct)
    {
        var fields = context.Spec.Fields ?? [];
        var errors = new Dictionary<string, string[]>();
        var values = new JsonObject();
        foreach (var key in input.Values.Keys.Where(k => fields.All(f => f.Key != k))) Add(errors, key, "requirement.value.unknown", key);
        foreach (var field in fields)
        {
            if (!input.Values.TryGetValue(field.Key, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
                || value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString())
                || value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
            {
                values[field.Key] = null;
                continue;
            }
            var (node, messageKey) = await NormaliseAsync(context, field, value, files, ct);
            if (messageKey is not null) Add(errors, field.Key, messageKey, field.Label);
            values[field.Key] = node;
        }
        return (values, errors);
    }

    private static async Task<(JsonNode? Node, string? MessageKey)> NormaliseAsync(
        RequirementContext context, FormFieldSpec field, JsonElement value, IEvidenceFiles files, CancellationToken ct)
    {
        switch (field.Type)
        {
            case "text":
                return value.ValueKind != JsonValueKind.String ? (null, "requirement.value.text")
                    : value.GetString()!.Trim().Length > TextLength ? (null, "requirement.value.tooLong")
                    : (JsonValue.Create(value.GetString()!.Trim()), null);
            case "number":
                return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
                    || value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out number)
                    ? (JsonValue.Create(number), null) : (null, "requirement.value.number");
            case "date":
                return value.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? (JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), null) : (null, "requirement.value.date");
            case "boolean":
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? (JsonValue.Create(value.GetBoolean()), null) : (null, "requirement.value.boolean");
            case "select":
                return value.ValueKind == JsonValueKind.String && field.Options!.Contains(value.GetString()!)
                    ? (JsonValue.Create(value.GetString()), null) : (null, "requirement.value.option");
            case "multiSelect":
                if (value.ValueKind != JsonValueKind.Array) return (null, "requirement.value.options");
                var chosen = value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null).ToList();
                return chosen.All(c => c is not null && field.Options!.Contains(c))
                    ? (new JsonArray([.. chosen.Distinct().Select(c => JsonValue.Create(c))]), null) : (null, "requirement.value.options");
            default: // photo, file: an attachment id the user may use
                if (value.ValueKind != JsonValueKind.String || !Guid.TryParse(value.GetString(), out var id)) return (null, "requirement.value.attachment");
                var taken = context.User is null ? null
                    : await files.TakeAsync(context.Db, context.User, context.Opportunity.CustomerId, [id], ct);
                if (taken is not [var file]) return (null, "requirement.value.attachment");
                if (field.Type == "photo" && !file.IsImage) return (null, "requirement.value.photo");
                if (!context.Completion.AttachmentIds.Contains(id)) context.Completion.AttachmentIds.Add(id);
                return (JsonValue.Create(id), null);
        }
    }

    private static readonly Strings L = new();

    internal static void Add(Dictionary<string, string[]> errors, string field, string messageKey, string label) =>
        errors[$"values.{field}"] = [L[messageKey, label].Value];
}

/// <summary>Items ticked by hand (合同条款已确认 …): ticks may come one at a time; met when all are ticked.</summary>
public sealed class ChecklistKind(IEvidenceFiles files) : IRequirementKind
{
    public string Kind => "checklist";
    public bool TakesValues => true;

    public IEnumerable<(string Path, string MessageKey)> CheckDefinition(RequirementSpec spec) => FormKind.CheckFields(spec, booleanOnly: true);

    public async Task<Dictionary<string, string[]>> ApplyAsync(RequirementContext context, RequirementInput input, CancellationToken ct)
    {
        var (posted, errors) = await FormKind.ReadAsync(context, input, files, ct);
        if (errors.Count > 0) return errors;
        var values = FormKind.Stored(context.Completion);
        foreach (var key in input.Values.Keys) values[key] = posted[key]?.DeepClone();
        context.Completion.Values = values.ToJsonString(PipelineRules.Json);
        return errors;
    }

    public Task<bool> IsMetAsync(RequirementContext context, CancellationToken ct)
    {
        var values = FormKind.Stored(context.Completion);
        return Task.FromResult((context.Spec.Fields ?? []).All(f => values[f.Key] is JsonValue v && v.TryGetValue<bool>(out var ticked) && ticked));
    }
}
