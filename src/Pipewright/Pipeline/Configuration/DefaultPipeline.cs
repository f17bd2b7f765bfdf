using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;

namespace Pipewright.Pipeline.Configuration;

/// <summary>
/// A valve/pump manufacturer's funnel: 线索获取 → 需求确认 → 技术交流 → 方案报价 → 商务谈判 → 合同签订. Names
/// and labels come from the string tables in the reader's language until an administrator saves the funnel;
/// from then on they are the company's own words. Leaving 技术交流 takes a completed technical evaluation and leaving
/// 方案报价 an approved quote: the modules that provide those kinds tick them.
/// </summary>
public static class DefaultPipeline
{
    private static readonly Strings L = new();

    public const string Needs = "needs";
    public const string Technical = "technical";
    public const string Proposal = "proposal";
    public const string Negotiation = "negotiation";
    public const string Contract = "contract";

    public static PipelineSpec Build() => new()
    {
        AllowSkip = false,
        AllowMoveBack = true,
        LostReasons = new[] { "price", "delivery", "quality", "competitor", "cancelled", "payment", "unreachable", "other" }
            .Select(r => L[$"pipeline.default.lostReason.{r}"].Value).ToList(),
        Stages =
        [
            Stage(Opportunity.FirstStageKey, 0.1m, 14,
                Field("budget", RequirementSpec.OnExit, "expectedAmount", "expectedCloseDate", "productCategory")),
            Stage(Needs, 0.2m, 14,
                Form("needsSurvey", RequirementSpec.OnExit,
                    FormField("application", "text", true),
                    FormField("quantity", "number", true),
                    FormField("purchaseMode", "select", true, "tender", "comparison", "single"),
                    FormField("neededBy", "date", false)),
                Field("decisionMaker", RequirementSpec.OnExit, "decisionMaker")),
            Stage(Technical, 0.4m, 21,
                new RequirementSpec
                {
                    Key = "siteSurvey", Name = L["pipeline.default.requirement.siteSurvey"], Kind = "activity",
                    AppliesOn = RequirementSpec.OnExit, ActivityKind = "visit", MinCount = 1, WithPhotos = true,
                },
                Form("techMatch", RequirementSpec.OnExit,
                    FormField("lineRate", "number", true),
                    FormField("medium", "select", true, "water", "steam", "oil", "gas", "chemical"),
                    FormField("pressure", "number", true),
                    FormField("temperature", "number", false),
                    FormField("connection", "select", false, "flange", "thread", "weld"),
                    FormField("materials", "multiSelect", false, "wcb", "cf8", "cf8m", "duplex"),
                    FormField("explosionProof", "boolean", false),
                    FormField("sitePhoto", "photo", false)),
                Evidence("techEvaluation", "task")),
            Stage(Proposal, 0.6m, 14,
                Field("selection", RequirementSpec.OnEntry, "products", "marginEstimate"),
                new RequirementSpec
                {
                    Key = "budgetScreenshot", Name = L["pipeline.default.requirement.budgetScreenshot"], Kind = "attachment",
                    AppliesOn = RequirementSpec.OnEntry,
                },
                Evidence("approvedQuote", "quote")),
            Stage(Negotiation, 0.8m, 21,
                Checklist("contractTerms", RequirementSpec.OnExit, "paymentTerms", "deliveryTerms", "contractReviewed")),
            Stage(Contract, 1m, null) with { IsWon = true },
        ],
    };

    /// <summary>The funnel in force: the saved one, else the default.</summary>
    public static async Task<(PipelineSpec Spec, int Version)> CurrentAsync(PipewrightDb db, CancellationToken ct)
    {
        var saved = await db.PipelineDefinitions.AsNoTracking().Where(p => p.Id == PipelineDefinition.SingletonId)
            .Select(p => new { p.Document, p.Version }).SingleOrDefaultAsync(ct);
        return saved is null
            ? (Build(), 0)
            : (System.Text.Json.JsonSerializer.Deserialize<PipelineSpec>(saved.Document, PipelineRules.Json)!, saved.Version);
    }

    private static StageSpec Stage(string key, decimal probability, int? dwellDays, params RequirementSpec[] requirements) => new()
    {
        Key = key, Name = L[$"pipeline.default.stage.{key}"], Probability = probability, DwellDays = dwellDays,
        Requirements = [.. requirements],
    };

    private static RequirementSpec Field(string key, string appliesOn, params string[] fields) => new()
    {
        Key = key, Name = L[$"pipeline.default.requirement.{key}"], Kind = "field", AppliesOn = appliesOn, OpportunityFields = [.. fields],
    };

    /// <summary>A requirement that ticks itself when its module's evidence arrives (quote: Quotes/, task: Tasks/).</summary>
    private static RequirementSpec Evidence(string key, string kind) => new()
    {
        Key = key, Name = L[$"pipeline.default.requirement.{key}"], Kind = kind, AppliesOn = RequirementSpec.OnExit,
    };

    private static RequirementSpec Form(string key, string appliesOn, params FormFieldSpec[] fields) => new()
    {
        Key = key, Name = L[$"pipeline.default.requirement.{key}"], Kind = "form", AppliesOn = appliesOn, Fields = [.. fields],
    };

    private static RequirementSpec Checklist(string key, string appliesOn, params string[] items) => new()
    {
        Key = key, Name = L[$"pipeline.default.requirement.{key}"], Kind = "checklist", AppliesOn = appliesOn,
        Fields = [.. items.Select(i => new FormFieldSpec { Key = i, Label = L[$"pipeline.default.item.{i}"], Type = "boolean", Required = true })],
    };

    private static FormFieldSpec FormField(string key, string type, bool required, params string[] options) => new()
    {
        Key = key, Label = L[$"pipeline.default.field.{key}"], Type = type, Required = required,
        Options = options.Length == 0 ? null : [.. options.Select(o => L[$"pipeline.default.option.{o}"].Value)],
    };
}
