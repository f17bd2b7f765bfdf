using System.Text.Json;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Pipeline.GetOpportunity;
using Pipewright.Pipeline.Progress;
using Pipewright.Pipeline.Requirements;

namespace Pipewright.Pipeline.MoveOpportunity;

public sealed record CompleteRequirementRequest
{
    /// <summary>fieldKey → value: a form's fields, a checklist's ticks, the deal's fields.</summary>
    public Dictionary<string, JsonElement>? Values { get; init; }

    [System.ComponentModel.DataAnnotations.MaxLength(20, ErrorMessage = "validation.maxItems")]
    public List<Guid>? AttachmentIds { get; init; }
    public int? Version { get; init; }
}

/// <summary>Stores posted values for a requirement, stamps it when met, and lets the deal advance by itself.</summary>
public sealed class CompleteRequirementHandler(DealChange change, OpportunityProgress progress, TimeProvider clock)
{
    public Task<Outcome<OpportunityDetailsDto>> HandleAsync(Guid id, string key, CompleteRequirementRequest request, CurrentUser user, CancellationToken ct) =>
        change.RunAsync(id, request.Version, user, async (db, deal) =>
        {
            if (deal.Opportunity.Status != OpportunityStatus.Open) return Failure.Rule("opportunity.closed");
            if (deal.Spec.AllRequirements.FirstOrDefault(r => r.Requirement.Key == key) is not ({ } stage, { } requirement)) return Failure.NotFound();
            if (progress.KindOf(requirement.Kind) is not { } kind) return Failure.Rule("requirement.kind.unavailable", requirement.Kind);
            if (!kind.TakesValues) return Failure.Rule("requirement.evidenceOnly", requirement.Name);

            var now = clock.GetUtcNow();
            var completion = OpportunityProgress.CompletionFor(deal, key);
            var input = new RequirementInput(request.Values ?? [], request.AttachmentIds ?? []);
            var errors = await kind.ApplyAsync(new RequirementContext(db, deal.Opportunity, requirement, completion, user, now), input, ct);
            if (errors.Count > 0) return Failure.Invalid(errors);
            completion.UpdatedAt = now;
            deal.Opportunity.UpdatedAt = now;
            OpportunityProgress.Keep(db, completion);
            await progress.UnmetAsync(db, deal, [(stage, requirement)], ct);
            await progress.AdvanceWhileMetAsync(db, deal, ct);
            return null;
        }, ct);
}
