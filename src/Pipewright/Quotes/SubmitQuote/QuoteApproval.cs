using Pipewright.Approvals;
using Pipewright.Common.Data;
using Pipewright.Notifications;
using Pipewright.Pipeline.Progress;

namespace Pipewright.Quotes;

/// <summary>The moment a quote becomes approved: one method, inside the transaction that approves it.</summary>
public static class QuoteApproval
{
    /// <summary>
    /// Called whether the quote needed no approval or its last approver just approved it, in the transaction that
    /// approves it: the funnel's <c>quote</c> requirement (<see cref="ApprovedQuoteKind"/>) is met now, so the deal
    /// moves on (方案报价 → 商务谈判) in the same transaction.
    /// </summary>
    public static async Task MarkApprovedAsync(PipewrightDb db, Quote quote, DateTimeOffset now, OpportunityProgress progress, CancellationToken ct)
    {
        quote.Status = QuoteStatus.Approved;
        quote.ApprovedAt = now;
        quote.ReturnComment = null;
        quote.UpdatedAt = now;
        await progress.ReevaluateAsync(db, quote.OpportunityId, ct);
    }
}

/// <summary>Quotes as subjects of the approval engine: status changes and the messages people get.</summary>
public sealed class QuoteApprovalSubject(Notifier notifier, OpportunityProgress progress) : IApprovalSubject
{
    public const string Type = "quote";

    public string SubjectType => Type;

    public async Task OnApprovedAsync(PipewrightDb db, Approval approval, DateTimeOffset now, CancellationToken ct)
    {
        var quote = await LoadAsync(db, approval, ct);
        await QuoteApproval.MarkApprovedAsync(db, quote, now, progress, ct);
        notifier.Notify(db, approval.SubmitterId, "quote-approved", "quote.notice.approved.title", "quote.notice.approved.body",
            [approval.SubjectTitle], $"/quotes/{quote.Id}");
    }

    public async Task OnRejectedAsync(PipewrightDb db, Approval approval, string? comment, DateTimeOffset now, CancellationToken ct)
    {
        var quote = await LoadAsync(db, approval, ct);
        quote.Status = QuoteStatus.Rejected;
        quote.ReturnComment = comment;
        quote.UpdatedAt = now;
        notifier.Notify(db, approval.SubmitterId, "quote-rejected", "quote.notice.rejected.title", "quote.notice.rejected.body",
            [approval.SubjectTitle, comment ?? "-"], $"/quotes/{quote.Id}");
    }

    public async Task OnRecalledAsync(PipewrightDb db, Approval approval, DateTimeOffset now, CancellationToken ct)
    {
        var quote = await LoadAsync(db, approval, ct);
        quote.Status = QuoteStatus.Draft;
        quote.UpdatedAt = now;
    }

    public void OnTasksOpened(PipewrightDb db, Approval approval, IReadOnlyList<ApprovalTask> tasks)
    {
        foreach (var task in tasks)
            notifier.Notify(db, task.AssigneeId, "approval-needed", "approval.notice.needed.title", "approval.notice.needed.body",
                [approval.SubjectTitle, approval.Summary], "/approvals");
    }

    public void OnReminder(PipewrightDb db, Approval approval, ApprovalTask task, bool overdue) =>
        notifier.Notify(db, task.AssigneeId, "approval-reminder",
            overdue ? "approval.notice.overdue.title" : "approval.notice.dueSoon.title",
            overdue ? "approval.notice.overdue.body" : "approval.notice.dueSoon.body", [approval.SubjectTitle], "/approvals");

    private static async Task<Quote> LoadAsync(PipewrightDb db, Approval approval, CancellationToken ct) =>
        await db.Quotes.FindAsync([approval.SubjectId], ct) ?? throw new InvalidOperationException($"Quote {approval.SubjectId} of approval {approval.Id} is gone.");
}
