using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pipewright.Catalog;
using Pipewright.Common;
using Pipewright.Common.Localization;
using Pipewright.Pipeline.Configuration;

namespace Pipewright.Pipeline.Requirements;

/// <summary>Fields of the deal itself (预计金额, 决策人, 选型 …): posting sets them; met while they are all filled.</summary>
public sealed class FieldKind : IRequirementKind
{
    private static readonly Strings L = new();

    public static readonly IReadOnlyList<string> Fields =
        ["expectedAmount", "expectedCloseDate", "productCategory", "decisionMaker", "marginEstimate", "products"];

    public string Kind => "field";
    public bool TakesValues => true;

    public IEnumerable<(string Path, string MessageKey)> CheckDefinition(RequirementSpec spec)
    {
        if (spec.OpportunityFields is not { Count: > 0 } fields) yield return ("opportunityFields", "requirement.opportunityFields.missing");
        else if (fields.Any(f => !Fields.Contains(f)) || fields.Distinct().Count() != fields.Count)
            yield return ("opportunityFields", "requirement.opportunityFields.invalid");
    }

    public async Task<Dictionary<string, string[]>> ApplyAsync(RequirementContext context, RequirementInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var allowed = context.Spec.OpportunityFields ?? [];
        var o = context.Opportunity;
        foreach (var (key, value) in input.Values)
        {
            if (!allowed.Contains(key))
            {
                Fail(key, "requirement.value.unknown", key);
                continue;
            }
            var empty = value.ValueKind is JsonValueKind.Null || value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString());
            switch (key)
            {
                case "expectedAmount":
                    if (empty) o.ExpectedAmount = null;
                    else if (Number(value) is { } amount and >= 0 and <= 10_000_000_000m) o.ExpectedAmount = Money.FromYuan(amount);
                    else Fail(key, "requirement.value.amount");
                    break;
                case "marginEstimate":
                    if (empty) o.MarginEstimate = null;
                    else if (Number(value) is { } rate and >= -1 and <= 1) o.MarginEstimate = rate;
                    else Fail(key, "requirement.value.rate");
                    break;
                case "expectedCloseDate":
                    if (empty) o.ExpectedCloseDate = null;
                    else if (value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd",
                                 CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) o.ExpectedCloseDate = date;
                    else Fail(key, "requirement.value.date");
                    break;
                case "productCategory" or "decisionMaker":
                    var text = empty ? null : value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";
                    if (text is { Length: 0 or > OpportunityLimits.Short }) Fail(key, "requirement.value.text");
                    else if (key == "productCategory") o.ProductCategory = text;
                    else o.DecisionMaker = text;
                    break;
                case "products":
                    await SetProductsAsync(context, value, key, Fail, ct);
                    break;
            }
        }
        return errors;

        void Fail(string key, string messageKey, string? label = null) =>
            errors[$"values.{key}"] = [L[messageKey, label ?? L[$"field.{key}"].Value].Value];
    }

    private static async Task SetProductsAsync(RequirementContext context, JsonElement value, string key,
        Action<string, string, string?> fail, CancellationToken ct)
    {
        var ids = value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String && Guid.TryParse(v.GetString(), out var id) ? id : Guid.Empty).ToList()
            : value.ValueKind == JsonValueKind.Null ? [] : null;
        if (ids is null || ids.Contains(Guid.Empty) || ids.Count > 50)
        {
            fail(key, "requirement.value.products", null);
            return;
        }
        ids = ids.Distinct().ToList();
        var known = await context.Db.Set<Product>().CountAsync(p => ids.Contains(p.Id) && p.IsActive, ct);
        if (known != ids.Count)
        {
            fail(key, "requirement.value.products", null);
            return;
        }
        var o = context.Opportunity;
        var current = await context.Db.OpportunityProducts.Where(p => p.OpportunityId == o.Id).ToListAsync(ct);
        context.Db.OpportunityProducts.RemoveRange(current.Where(p => !ids.Contains(p.ProductId)));
        context.Db.OpportunityProducts.AddRange(ids.Where(id => current.All(p => p.ProductId != id))
            .Select(id => new OpportunityProduct { OpportunityId = o.Id, ProductId = id }));
    }

    private static decimal? Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var n) ? n
        : value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out n) ? n
        : null;

    public async Task<bool> IsMetAsync(RequirementContext context, CancellationToken ct)
    {
        var o = context.Opportunity;
        foreach (var field in context.Spec.OpportunityFields ?? [])
        {
            var filled = field switch
            {
                "expectedAmount" => o.ExpectedAmount is not null,
                "expectedCloseDate" => o.ExpectedCloseDate is not null,
                "productCategory" => !string.IsNullOrEmpty(o.ProductCategory),
                "decisionMaker" => !string.IsNullOrEmpty(o.DecisionMaker),
                "marginEstimate" => o.MarginEstimate is not null,
                "products" => await HasProductsAsync(context, ct),
                _ => false,
            };
            if (!filled) return false;
        }
        return true;
    }

    /// <summary>Counts the saved rows and the ones added or removed in this context but not saved yet.</summary>
    private static async Task<bool> HasProductsAsync(RequirementContext context, CancellationToken ct)
    {
        var id = context.Opportunity.Id;
        var tracked = context.Db.ChangeTracker.Entries<OpportunityProduct>().Where(e => e.Entity.OpportunityId == id).ToList();
        if (tracked.Any(e => e.State == EntityState.Added)) return true;
        var removed = tracked.Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToList();
        return await context.Db.OpportunityProducts.AnyAsync(p => p.OpportunityId == id && !removed.Contains(p.Id), ct);
    }
}

/// <summary>A file of a named kind (客户预算区间截图): met once at least one is attached.</summary>
public sealed class AttachmentKind(IEvidenceFiles files) : IRequirementKind
{
    private static readonly Strings L = new();

    public string Kind => "attachment";
    public bool TakesValues => true;

    public IEnumerable<(string Path, string MessageKey)> CheckDefinition(RequirementSpec spec) => [];

    public async Task<Dictionary<string, string[]>> ApplyAsync(RequirementContext context, RequirementInput input, CancellationToken ct)
    {
        if (input.AttachmentIds.Count == 0)
            return new() { ["attachmentIds"] = [L["requirement.attachments.missing"].Value] };
        var taken = context.User is null ? null
            : await files.TakeAsync(context.Db, context.User, context.Opportunity.CustomerId, input.AttachmentIds.Distinct().ToList(), ct);
        if (taken is null) return new() { ["attachmentIds"] = [L["requirement.attachments.unavailable"].Value] };
        foreach (var file in taken.Where(f => !context.Completion.AttachmentIds.Contains(f.Id))) context.Completion.AttachmentIds.Add(file.Id);
        return [];
    }

    public Task<bool> IsMetAsync(RequirementContext context, CancellationToken ct) =>
        Task.FromResult(context.Completion.AttachmentIds.Count > 0);
}
