using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Pipeline.Configuration;

/// <summary>The funnel's configuration: one row holding the stages and their requirements as a JSON document.</summary>
public sealed class PipelineDefinition : IAudited, IVersioned
{
    /// <summary>The one row; absent until an administrator first saves the funnel (the default applies until then).</summary>
    public static readonly Guid SingletonId = new("0199c0de-0000-7000-8000-00000000b001");

    public Guid Id { get; set; } = SingletonId;
    public string Document { get; set; } = "{}";
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<PipelineDefinition>
    {
        public void Configure(EntityTypeBuilder<PipelineDefinition> p) => p.Property(x => x.Version).IsConcurrencyToken();
    }
}

/// <summary>GET/PUT /pipeline: the funnel as api-v1.md shows it, plus its settings. Also the stored document.</summary>
public sealed record PipelineSpec
{
    /// <summary>May a deal jump over stages (their requirements are still checked)?</summary>
    public bool AllowSkip { get; init; }

    /// <summary>May a deal move back (always with a reason)?</summary>
    public bool AllowMoveBack { get; init; } = true;

    [MaxLength(30, ErrorMessage = "validation.maxItems")]
    public List<string> LostReasons { get; init; } = [];

    [MaxLength(20, ErrorMessage = "validation.maxItems")]
    public List<StageSpec> Stages { get; init; } = [];

    /// <summary>The version read, for optimistic concurrency on PUT (0 while the default applies).</summary>
    public int? Version { get; init; }

    public StageSpec? Stage(string key) => Stages.FirstOrDefault(s => s.Key == key);

    public int IndexOf(string key) => Stages.FindIndex(s => s.Key == key);

    public StageSpec FirstStage => Stages[0];

    public IEnumerable<(StageSpec Stage, RequirementSpec Requirement)> AllRequirements =>
        Stages.SelectMany(s => s.Requirements.Select(r => (s, r)));
}

public sealed record StageSpec
{
    [Required(ErrorMessage = "validation.required"), RegularExpression(PipelineRules.KeyPattern, ErrorMessage = "pipeline.key.invalid")]
    [MaxLength(OpportunityLimits.Key, ErrorMessage = "validation.maxLength")]
    public string Key { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), MaxLength(30, ErrorMessage = "validation.maxLength")]
    public string Name { get; init; } = "";

    /// <summary>Position, from 1; on PUT the order of the list wins.</summary>
    public int Order { get; init; }

    [Range(0.0, 1.0, ErrorMessage = "validation.range")] public decimal Probability { get; init; }
    public bool IsWon { get; init; }

    /// <summary>How long a deal normally stays here; past it the deal is flagged as rotting (停滞).</summary>
    [Range(1, 3650, ErrorMessage = "validation.range")] public int? DwellDays { get; init; }

    [MaxLength(20, ErrorMessage = "validation.maxItems")]
    public List<RequirementSpec> Requirements { get; init; } = [];

    public IEnumerable<RequirementSpec> Entry => Requirements.Where(r => r.AppliesOn == RequirementSpec.OnEntry);
    public IEnumerable<RequirementSpec> Exit => Requirements.Where(r => r.AppliesOn == RequirementSpec.OnExit);
}

/// <summary>
/// One requirement of a stage. The kind says what meets it; the other members are the kind's settings
/// (a form's fields, an activity's kind and count, the opportunity fields to fill).
/// </summary>
public sealed record RequirementSpec
{
    public const string OnEntry = "entry";
    public const string OnExit = "exit";

    [Required(ErrorMessage = "validation.required"), RegularExpression(PipelineRules.KeyPattern, ErrorMessage = "pipeline.key.invalid")]
    [MaxLength(OpportunityLimits.Key, ErrorMessage = "validation.maxLength")]
    public string Key { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), MaxLength(50, ErrorMessage = "validation.maxLength")]
    public string Name { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), MaxLength(20, ErrorMessage = "validation.maxLength")]
    public string Kind { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), AllowedValues(OnEntry, OnExit, ErrorMessage = "requirement.appliesOn.invalid")]
    public string AppliesOn { get; init; } = OnExit;

    /// <summary>form and checklist: the fields (a checklist's are boolean items).</summary>
    [MaxLength(40, ErrorMessage = "validation.maxItems")]
    public List<FormFieldSpec>? Fields { get; init; }

    /// <summary>activity: the follow-up kind that counts (visit, call, …).</summary>
    public string? ActivityKind { get; init; }

    /// <summary>activity (and evidence kinds): how many are needed.</summary>
    [Range(1, 100, ErrorMessage = "validation.range")] public int? MinCount { get; init; }

    /// <summary>activity: only follow-ups with at least one photo count.</summary>
    public bool? WithPhotos { get; init; }

    /// <summary>field: the opportunity fields that must be filled (expectedAmount, products, …).</summary>
    [MaxLength(10, ErrorMessage = "validation.maxItems")]
    public List<string>? OpportunityFields { get; init; }
}

public sealed record FormFieldSpec
{
    [Required(ErrorMessage = "validation.required"), RegularExpression(PipelineRules.KeyPattern, ErrorMessage = "pipeline.key.invalid")]
    [MaxLength(OpportunityLimits.Key, ErrorMessage = "validation.maxLength")]
    public string Key { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), MaxLength(50, ErrorMessage = "validation.maxLength")]
    public string Label { get; init; } = "";

    [Required(ErrorMessage = "validation.required")]
    [AllowedValues("text", "number", "date", "select", "multiSelect", "boolean", "photo", "file", ErrorMessage = "requirement.fieldType.invalid")]
    public string Type { get; init; } = "text";

    public bool Required { get; init; }

    /// <summary>select and multiSelect: the values to choose from.</summary>
    [MaxLength(50, ErrorMessage = "validation.maxItems")]
    public List<string>? Options { get; init; }
}

public static class PipelineRules
{
    public const string KeyPattern = "^[a-zA-Z][a-zA-Z0-9_-]*$";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
