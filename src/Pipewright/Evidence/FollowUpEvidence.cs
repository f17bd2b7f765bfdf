using Pipewright.Activities;
using Pipewright.Common.Data;
using Pipewright.Pipeline.Progress;

namespace Pipewright.Evidence;

/// <summary>A follow-up on a deal (a 现场勘测 visit with photos) may meet its requirement: the deal is re-evaluated in the same transaction.</summary>
public sealed class FollowUpEvidence(OpportunityProgress progress) : IActivityObserver
{
    public Task OnRecordedAsync(PipewrightDb db, Activity activity, CancellationToken ct) =>
        activity.OpportunityId is { } opportunityId ? progress.ReevaluateAsync(db, opportunityId, ct) : Task.CompletedTask;
}
