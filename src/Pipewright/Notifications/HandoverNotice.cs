using Pipewright.Common.Data;
using Pipewright.Organisation;

namespace Pipewright.Notifications;

/// <summary>Tells the successor, in the hand-over's own transaction, what they have taken over and from whom.</summary>
public sealed class HandoverNotice(Notifier notifier) : IHandoverObserver
{
    public Task OnHandedOverAsync(PipewrightDb db, HandoverSummary summary, CancellationToken ct)
    {
        notifier.Notify(db, summary.ToUserId, "handover", "notification.handover.title", "notification.handover.body",
            [summary.FromDisplayName, summary.Count("customers"), summary.Count("opportunities"), summary.Count("quotes"),
             summary.Count("tasks"), summary.Count("leads")], "/customers");
        return Task.CompletedTask;
    }
}
