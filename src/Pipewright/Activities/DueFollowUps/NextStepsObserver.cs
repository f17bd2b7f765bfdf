using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;

namespace Pipewright.Activities.DueFollowUps;

/// <summary>
/// A new follow-up on a customer takes care of the next steps written before it: they leave the due list,
/// whoever followed up (a colleague's call counts as much as one's own).
/// </summary>
public sealed class NextStepsObserver(TimeProvider clock) : IActivityObserver
{
    public async Task OnRecordedAsync(PipewrightDb db, Activity activity, CancellationToken ct)
    {
        var open = await db.Activities
            .Where(a => a.CustomerId == activity.CustomerId && a.Id != activity.Id && a.NextStepDoneAt == null
                        && (a.NextDate != null || a.NextStep != null) && a.OccurredAt <= activity.OccurredAt)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var earlier in open) earlier.NextStepDoneAt = now;
    }
}
