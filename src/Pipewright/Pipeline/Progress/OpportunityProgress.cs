using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Data;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.Requirements;

namespace Pipewright.Pipeline.Progress;

/// <summary>A requirement that stands between a deal and the stage it should go to.</summary>
public sealed record UnmetRequirement(string Key, string Name, string StageKey, string Kind);

/// <summary>A deal loaded for a change, tracked in the caller's context, with the funnel in force and its completions.</summary>
public sealed class DealState(Opportunity opportunity, PipelineSpec spec, List<RequirementCompletion> completions, StageVisit? currentVisit)
{
    public Opportunity Opportunity { get; } = opportunity;
    public PipelineSpec Spec { get; } = spec;
    public List<RequirementCompletion> Completions { get; } = completions;
    public StageVisit? CurrentVisit { get; set; } = currentVisit;
    public int StageIndex => Spec.IndexOf(Opportunity.StageKey);
}

/// <summary>
/// Moves deals through the funnel: evaluates requirements, records every entry and exit, and advances a deal
/// by itself as far as its evidence allows. Works inside the caller's context; the caller saves, so evidence and
/// the advance it causes are one transaction (a follow-up, a quote's approval, a technical request's completion).
/// </summary>
public sealed class OpportunityProgress(IEnumerable<IRequirementKind> kinds, TimeProvider clock)
{
    private readonly Dictionary<string, IRequirementKind> _kinds = kinds.ToDictionary(k => k.Kind);

    public IReadOnlyCollection<string> KnownKinds => _kinds.Keys;

    public IRequirementKind? KindOf(string kind) => _kinds.GetValueOrDefault(kind);

    /// <summary>
    /// The one entry point for evidence: re-evaluates the deal's next step and advances it, automatically, as far
    /// as the requirements are met. Call it after adding the evidence to <paramref name="db"/>; db.Actor is recorded.
    /// </summary>
    public async Task ReevaluateAsync(PipewrightDb db, Guid opportunityId, CancellationToken ct)
    {
        var deal = await LoadAsync(db, opportunityId, ct);
        if (deal is not null) await AdvanceWhileMetAsync(db, deal, ct);
    }

    public async Task<DealState?> LoadAsync(PipewrightDb db, Guid opportunityId, CancellationToken ct)
    {
        var opportunity = await db.Opportunities.FindAsync([opportunityId], ct);
        if (opportunity is null) return null;
        var (spec, _) = await DefaultPipeline.CurrentAsync(db, ct);
        var completions = await db.RequirementCompletions.Where(c => c.OpportunityId == opportunityId).ToListAsync(ct);
        completions.AddRange(db.RequirementCompletions.Local.Where(c => c.OpportunityId == opportunityId && !completions.Contains(c)));
        var visit = db.StageVisits.Local.Where(v => v.OpportunityId == opportunityId && v.LeftAt is null).MaxBy(v => v.EnteredAt)
            ?? await db.StageVisits.Where(v => v.OpportunityId == opportunityId && v.LeftAt == null)
                .OrderByDescending(v => v.EnteredAt).FirstOrDefaultAsync(ct);
        return new DealState(opportunity, spec, completions, visit);
    }

    public async Task AdvanceWhileMetAsync(PipewrightDb db, DealState deal, CancellationToken ct)
    {
        while (deal.Opportunity.Status == OpportunityStatus.Open)
        {
            var index = deal.StageIndex;
            if (index < 0 || index + 1 >= deal.Spec.Stages.Count) return;
            var path = Path(deal.Spec, index, index + 1).ToList();
            // A step with no requirements at all is a judgement call: it waits for someone to move the deal.
            if (path.Count == 0 || (await UnmetAsync(db, deal, path, ct)).Count > 0) return;
            // A deal moved back had a reason to: its old evidence still meets the step, so a person carries it forward again.
            if (deal.CurrentVisit?.EnteredHow == StageMove.MovedBack) return;
            Enter(db, deal, index + 1, StageMove.Automatic, null);
        }
    }

    /// <summary>What a forward move from stage <paramref name="from"/> to <paramref name="to"/> must meet: exits of the stages left, entries of the stages reached.</summary>
    public static IEnumerable<(StageSpec Stage, RequirementSpec Requirement)> Path(PipelineSpec spec, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            foreach (var r in spec.Stages[i].Exit) yield return (spec.Stages[i], r);
            foreach (var r in spec.Stages[i + 1].Entry) yield return (spec.Stages[i + 1], r);
        }
    }

    /// <summary>Evaluates the requirements, stamps the met ones (and unstamps those no longer met), and returns the unmet.</summary>
    public async Task<List<UnmetRequirement>> UnmetAsync(PipewrightDb db, DealState deal,
        IEnumerable<(StageSpec Stage, RequirementSpec Requirement)> requirements, CancellationToken ct)
    {
        var unmet = new List<UnmetRequirement>();
        var now = clock.GetUtcNow();
        foreach (var (stage, requirement) in requirements)
        {
            var completion = CompletionFor(deal, requirement.Key);
            var met = KindOf(requirement.Kind) is { } kind
                && await kind.IsMetAsync(new RequirementContext(db, deal.Opportunity, requirement, completion, null, now), ct);
            if (met && completion.DoneAt is null) (completion.DoneAt, completion.DoneById, completion.UpdatedAt) = (now, db.Actor.UserId, now);
            else if (!met && completion.DoneAt is not null) (completion.DoneAt, completion.DoneById, completion.UpdatedAt) = (null, null, now);
            if (!met) unmet.Add(new UnmetRequirement(requirement.Key, requirement.Name, stage.Key, requirement.Kind));
            Keep(db, completion);
        }
        return unmet;
    }

    /// <summary>The deal's completion of a requirement; a new, untracked one until it holds something.</summary>
    public static RequirementCompletion CompletionFor(DealState deal, string requirementKey)
    {
        var completion = deal.Completions.FirstOrDefault(c => c.RequirementKey == requirementKey);
        if (completion is not null) return completion;
        completion = new RequirementCompletion { OpportunityId = deal.Opportunity.Id, RequirementKey = requirementKey };
        deal.Completions.Add(completion);
        return completion;
    }

    /// <summary>Adds a new completion to the context once it holds values, evidence or a done stamp.</summary>
    public static void Keep(PipewrightDb db, RequirementCompletion completion)
    {
        var holds = completion.DoneAt is not null || completion.Values is not null || completion.AttachmentIds.Count > 0
            || completion.ActivityIds.Count > 0 || completion.EvidenceIds.Count > 0;
        if (holds && db.Entry(completion).State == EntityState.Detached) db.RequirementCompletions.Add(completion);
    }

    /// <summary>Records the move: the current stay ends, a new one starts; entering the won stage wins the deal.</summary>
    public void Enter(PipewrightDb db, DealState deal, int index, StageMove how, string? reason)
    {
        var now = clock.GetUtcNow();
        var stage = deal.Spec.Stages[index];
        var o = deal.Opportunity;
        Leave(db, deal, how, now);
        var visit = new StageVisit
        {
            OpportunityId = o.Id, StageKey = stage.Key, EnteredAt = now, EnteredById = db.Actor.UserId, EnteredHow = how, Reason = reason,
        };
        db.StageVisits.Add(visit);
        deal.CurrentVisit = visit;
        (o.StageKey, o.StageEnteredAt, o.UpdatedAt) = (stage.Key, now, now);
        if (stage.IsWon) (o.Status, o.ClosedAt) = (OpportunityStatus.Won, now);
    }

    public void Lose(PipewrightDb db, DealState deal, string reason, string? competitor)
    {
        var now = clock.GetUtcNow();
        Leave(db, deal, StageMove.Lost, now);
        var o = deal.Opportunity;
        (o.Status, o.ClosedAt, o.UpdatedAt, o.LostReason, o.Competitor) = (OpportunityStatus.Lost, now, now, reason, competitor);
    }

    private static void Leave(PipewrightDb db, DealState deal, StageMove how, DateTimeOffset now)
    {
        if (deal.CurrentVisit is not { } current) return;
        (current.LeftAt, current.LeftById, current.LeftHow) = (now, db.Actor.UserId, how);
    }

    /// <summary>Opens the first stay of a new deal (called by <see cref="Opportunities.OpenAsync"/>).</summary>
    internal static StageVisit FirstVisit(PipewrightDb db, Opportunity opportunity, DateTimeOffset now) => new()
    {
        OpportunityId = opportunity.Id, StageKey = opportunity.StageKey, EnteredAt = now, EnteredById = db.Actor.UserId, EnteredHow = StageMove.Created,
    };

    public static Failure Unmet(IReadOnlyList<UnmetRequirement> unmet) =>
        Failure.Rule("opportunity.move.unmet", string.Join("、", unmet.Select(u => u.Name))) with
        {
            Extensions = new Dictionary<string, object?> { ["unmet"] = unmet },
        };
}
