using System.ComponentModel.DataAnnotations;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Pipeline.GetOpportunity;
using Pipewright.Pipeline.Progress;

namespace Pipewright.Pipeline.MoveOpportunity;

public sealed record AdvanceRequest
{
    /// <summary>The version the caller read; a stale one is a 409.</summary>
    public int? Version { get; init; }
}

public sealed record MoveRequest
{
    [Required(ErrorMessage = "validation.required"), MaxLength(OpportunityLimits.Key, ErrorMessage = "validation.maxLength")]
    public string ToStage { get; init; } = "";

    [MaxLength(OpportunityLimits.Reason, ErrorMessage = "validation.maxLength")] public string? Reason { get; init; }
    public int? Version { get; init; }
}

public sealed record CloseRequest
{
    [Required(ErrorMessage = "validation.required"), AllowedValues("won", "lost", ErrorMessage = "opportunity.outcome.invalid")]
    public string Outcome { get; init; } = "";

    [MaxLength(OpportunityLimits.Short, ErrorMessage = "validation.maxLength")] public string? LostReason { get; init; }
    [MaxLength(OpportunityLimits.Competitor, ErrorMessage = "validation.maxLength")] public string? Competitor { get; init; }
    public int? Version { get; init; }
}

/// <summary>
/// Manual moves. Forward: to the next stage (advance) or, when the funnel allows skipping, further, meeting the
/// exit and entry requirements of every stage passed. Back: when allowed, with a reason. Entering the won stage wins.
/// </summary>
public sealed class MoveOpportunityHandler(DealChange change, OpportunityProgress progress)
{
    public Task<Outcome<OpportunityDetailsDto>> AdvanceAsync(Guid id, AdvanceRequest request, CurrentUser user, CancellationToken ct) =>
        change.RunAsync(id, request.Version, user, async (db, deal) =>
        {
            if (Closed(deal) is { } closed) return closed;
            if (deal.StageIndex + 1 >= deal.Spec.Stages.Count) return Failure.Rule("opportunity.move.last");
            return await ForwardAsync(db, deal, deal.StageIndex + 1, null, ct);
        }, ct);

    public Task<Outcome<OpportunityDetailsDto>> MoveAsync(Guid id, MoveRequest request, CurrentUser user, CancellationToken ct) =>
        change.RunAsync(id, request.Version, user, async (db, deal) =>
        {
            if (Closed(deal) is { } closed) return closed;
            var target = deal.Spec.IndexOf(request.ToStage);
            if (target < 0) return Failure.Invalid("toStage", "opportunity.move.unknownStage");
            var from = deal.StageIndex;
            if (target == from) return Failure.Rule("opportunity.move.same");
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
            if (target > from) return await ForwardAsync(db, deal, target, reason, ct);
            if (!deal.Spec.AllowMoveBack) return Failure.Rule("opportunity.move.backNotAllowed");
            if (reason is null) return Failure.Invalid("reason", "opportunity.move.reasonRequired");
            progress.Enter(db, deal, target, StageMove.MovedBack, reason);
            return null;
        }, ct);

    public Task<Outcome<OpportunityDetailsDto>> CloseAsync(Guid id, CloseRequest request, CurrentUser user, CancellationToken ct) =>
        change.RunAsync(id, request.Version, user, async (db, deal) =>
        {
            if (Closed(deal) is { } closed) return closed;
            if (request.Outcome == "won")
            {
                var won = deal.Spec.Stages.FindIndex(s => s.IsWon);
                return await ForwardAsync(db, deal, won, null, ct);
            }
            var reason = request.LostReason?.Trim();
            if (string.IsNullOrEmpty(reason)) return Failure.Invalid("lostReason", "opportunity.lostReason.required");
            if (!deal.Spec.LostReasons.Contains(reason)) return Failure.Invalid("lostReason", "opportunity.lostReason.unknown");
            progress.Lose(db, deal, reason, string.IsNullOrWhiteSpace(request.Competitor) ? null : request.Competitor.Trim());
            return null;
        }, ct);

    private async Task<Failure?> ForwardAsync(Common.Data.PipewrightDb db, DealState deal, int target, string? reason, CancellationToken ct)
    {
        var from = deal.StageIndex;
        // A deal in a stage that was removed from the funnel may go anywhere forward: there is no path to check.
        if (from >= 0 && target > from + 1 && !deal.Spec.AllowSkip) return Failure.Rule("opportunity.move.skipNotAllowed");
        var path = from < 0 ? [] : OpportunityProgress.Path(deal.Spec, from, target).ToList();
        var unmet = await progress.UnmetAsync(db, deal, path, ct);
        if (unmet.Count > 0) return OpportunityProgress.Unmet(unmet);
        progress.Enter(db, deal, target, StageMove.Manual, reason);
        // Evidence gathered ahead (the next stage's form already filled) carries the deal on.
        await progress.AdvanceWhileMetAsync(db, deal, ct);
        return null;
    }

    private static Failure? Closed(DealState deal) =>
        deal.Opportunity.Status == OpportunityStatus.Open ? null : Failure.Rule("opportunity.closed");
}
