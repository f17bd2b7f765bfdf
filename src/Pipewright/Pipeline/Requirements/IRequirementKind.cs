using System.Text.Json;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Pipeline.Configuration;

namespace Pipewright.Pipeline.Requirements;

/// <summary>
/// What can meet a stage requirement. One class per kind, registered in DI: the pipeline's own kinds live here;
/// modules above (quotes, technical requests) add theirs the same way, and PUT /pipeline refuses kinds nobody registered.
/// </summary>
public interface IRequirementKind
{
    /// <summary>The kind's name in the configuration (form, attachment, quote …).</summary>
    string Kind { get; }

    /// <summary>True when people complete it by posting values; false when it completes itself from evidence.</summary>
    bool TakesValues { get; }

    /// <summary>Problems with an administrator's definition: (member path below the requirement, message key).</summary>
    IEnumerable<(string Path, string MessageKey)> CheckDefinition(RequirementSpec spec);

    /// <summary>Validates posted values and stores them (in the completion, or on the deal); per-field errors when bad.</summary>
    Task<Dictionary<string, string[]>> ApplyAsync(RequirementContext context, RequirementInput input, CancellationToken ct);

    /// <summary>Whether the deal meets it now; evidence kinds record the evidence's ids in the completion.</summary>
    Task<bool> IsMetAsync(RequirementContext context, CancellationToken ct);
}

/// <summary>Values posted to POST /opportunities/{id}/requirements/{key}.</summary>
public sealed record RequirementInput(IReadOnlyDictionary<string, JsonElement> Values, IReadOnlyList<Guid> AttachmentIds);

/// <summary>One requirement of one deal being applied or evaluated, inside the caller's context.</summary>
public sealed class RequirementContext(
    PipewrightDb db, Opportunity opportunity, RequirementSpec spec, RequirementCompletion completion, CurrentUser? user, DateTimeOffset now)
{
    public PipewrightDb Db { get; } = db;
    public Opportunity Opportunity { get; } = opportunity;
    public RequirementSpec Spec { get; } = spec;

    /// <summary>Tracked; new ones are added by the caller when they hold something.</summary>
    public RequirementCompletion Completion { get; } = completion;

    /// <summary>Who posts values; null while evidence is evaluated.</summary>
    public CurrentUser? User { get; } = user;
    public DateTimeOffset Now { get; } = now;
}

/// <summary>
/// Uploaded files as evidence. Attachments belong to Activities, a module beside this one, so the module above
/// both (Evidence) answers: which of these files may the user put on this customer's deal, and takes them.
/// </summary>
public interface IEvidenceFiles
{
    /// <summary>The files, linked to the customer so that whoever sees the deal may open them; null when one is not the user's to use.</summary>
    Task<IReadOnlyList<EvidenceFile>?> TakeAsync(PipewrightDb db, CurrentUser user, Guid customerId, IReadOnlyCollection<Guid> ids, CancellationToken ct);
}

public sealed record EvidenceFile(Guid Id, bool IsImage);
