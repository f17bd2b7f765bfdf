using Microsoft.EntityFrameworkCore;
using Pipewright.Activities;
using Pipewright.Common.Data;

namespace Pipewright.Leads;

/// <summary>
/// The owner's first follow-up with a lead's customer after the lead came in is the lead's first response
/// (unless the owner had already marked it contacted earlier). Runs inside the follow-up's transaction.
/// </summary>
public sealed class LeadFirstResponse(TimeProvider clock) : IActivityObserver
{
    public async Task OnRecordedAsync(PipewrightDb db, Activity activity, CancellationToken ct)
    {
        // A follow-up logged for a future date has not happened yet: it answers nobody.
        var at = activity.OccurredAt <= clock.GetUtcNow() ? activity.OccurredAt : clock.GetUtcNow();
        var leads = await db.Leads
            .Where(l => l.CustomerId == activity.CustomerId && l.OwnerId == activity.AuthorId && l.CreatedAt <= at
                        && (l.FirstRespondedAt == null || l.FirstRespondedAt > at))
            .ToListAsync(ct);
        foreach (var lead in leads)
        {
            if (lead.RecordResponse(at)) lead.UpdatedAt = clock.GetUtcNow();
        }
    }
}
