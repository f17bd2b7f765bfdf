using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Approvals;

/// <summary>
/// What the engine calls back, inside the caller's transaction, for one kind of subject: the subject changes its own
/// state (approved, returned, unlocked) and tells people (the engine sits below Notifications and knows no messages).
/// </summary>
public interface IApprovalSubject
{
    string SubjectType { get; }
    Task OnApprovedAsync(PipewrightDb db, Approval approval, DateTimeOffset now, CancellationToken ct);
    Task OnRejectedAsync(PipewrightDb db, Approval approval, string? comment, DateTimeOffset now, CancellationToken ct);
    Task OnRecalledAsync(PipewrightDb db, Approval approval, DateTimeOffset now, CancellationToken ct);
    void OnTasksOpened(PipewrightDb db, Approval approval, IReadOnlyList<ApprovalTask> tasks);
    void OnReminder(PipewrightDb db, Approval approval, ApprovalTask task, bool overdue);
}

/// <summary>
/// The generic approval engine: picks the policies whose conditions hold for a subject's facts, merges their steps,
/// and walks the steps as people decide. It knows nothing of quotes; everything happens in the caller's context.
/// </summary>
public sealed class ApprovalEngine(IEnumerable<IApprovalSubject> subjects)
{
    private IApprovalSubject Subject(string type) => subjects.Single(s => s.SubjectType == type);

    /// <summary>
    /// The steps of every active policy that applies, in policy order then step order; a step naming the same approvers
    /// as an earlier one is dropped, so merged policies never ask the same person twice for one reason.
    /// </summary>
    public static async Task<IReadOnlyList<ApprovalStepRule>> PathAsync(PipewrightDb db, string subjectType, ApprovalFacts facts, CancellationToken ct)
    {
        var policies = await db.ApprovalPolicies.AsNoTracking().Include(p => p.Conditions).Include(p => p.Steps)
            .Where(p => p.SubjectType == subjectType && p.IsActive).OrderBy(p => p.Order).ToListAsync(ct);
        var path = new List<ApprovalStepRule>();
        foreach (var policy in policies.Where(p => p.Conditions.All(c => c.Holds(facts))))
            foreach (var step in policy.Steps.OrderBy(s => s.Order))
                if (path.All(p => p.ApproverKey != step.ApproverKey)) path.Add(step);
        return path;
    }

    /// <summary>
    /// Starts an approval for a submission; null when no policy applies (the subject is approved at once by its caller).
    /// The approval may come back already approved when every step was skipped (nobody left to ask).
    /// </summary>
    public async Task<Approval?> StartAsync(PipewrightDb db, string subjectType, Guid subjectId, string title, string summary, Guid submitterId,
        Guid ownerId, ApprovalFacts facts, DateTimeOffset now, CancellationToken ct)
    {
        var path = await PathAsync(db, subjectType, facts, ct);
        if (path.Count == 0) return null;
        var approval = new Approval
        {
            SubjectType = subjectType, SubjectId = subjectId, SubjectTitle = title, Summary = summary, SubmitterId = submitterId, OwnerId = ownerId,
            Status = ApprovalStatus.Pending, SubmittedAt = now, UpdatedAt = now,
        };
        approval.Steps = [.. path.Select((rule, i) => new ApprovalStep
        {
            ApprovalId = approval.Id, Order = i + 1, ApproverKind = rule.ApproverKind, Role = rule.Role, UserId = rule.UserId,
            Mode = rule.Mode, DueHours = rule.DueHours, RejectToPreviousStep = rule.RejectToPreviousStep, Status = StepStatus.Waiting,
        })];
        db.Approvals.Add(approval);
        await AdvanceAsync(db, approval, 0, now, ct);
        return approval;
    }

    public async Task<Outcome<Approval>> DecideAsync(PipewrightDb db, Guid approvalId, CurrentUser user, bool approve, string? comment,
        DateTimeOffset now, CancellationToken ct)
    {
        var approval = await LoadAsync(db, approvalId, ct);
        if (approval is null || !MaySee(approval, user)) return Failure.NotFound();
        if (approval.Status != ApprovalStatus.Pending) return Failure.Rule("approval.decided");
        var step = approval.CurrentStep!;
        var task = step.Tasks.FirstOrDefault(t => t.AssigneeId == user.Id && t.Status == ApprovalTaskStatus.Pending);
        if (task is null) return Failure.Rule("approval.notYourTurn");

        approval.UpdatedAt = now;
        task.Status = approve ? ApprovalTaskStatus.Approved : ApprovalTaskStatus.Rejected;
        task.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        task.DecidedAt = now;
        if (approve)
        {
            if (step.Mode == ApprovalMode.All && step.Tasks.Any(t => t.Status == ApprovalTaskStatus.Pending)) return approval;
            Complete(step, StepStatus.Approved, now);
            await AdvanceAsync(db, approval, step.Order, now, ct);
            return approval;
        }

        Complete(step, StepStatus.Rejected, now);
        var previous = approval.Steps.Where(s => s.Order < step.Order && s.Status == StepStatus.Approved).MaxBy(s => s.Order);
        if (step.RejectToPreviousStep && previous is not null)
        {
            // Back one step: the earlier step decides again; this one waits for its turn once more.
            step.Status = StepStatus.Waiting;
            await AdvanceAsync(db, approval, previous.Order - 1, now, ct);
            return approval;
        }
        Finish(approval, ApprovalStatus.Rejected, task.Comment, now);
        await Subject(approval.SubjectType).OnRejectedAsync(db, approval, task.Comment, now, ct);
        return approval;
    }

    /// <summary>The submitter takes a pending approval back; the subject unlocks.</summary>
    public async Task<Outcome<Approval>> RecallAsync(PipewrightDb db, Guid approvalId, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var approval = await LoadAsync(db, approvalId, ct);
        if (approval is null) return Failure.NotFound();
        if (approval.SubmitterId != userId) return Failure.Forbidden();
        if (approval.Status != ApprovalStatus.Pending) return Failure.Rule("approval.decided");
        approval.UpdatedAt = now;
        Finish(approval, ApprovalStatus.Recalled, null, now);
        await Subject(approval.SubjectType).OnRecalledAsync(db, approval, now, ct);
        return approval;
    }

    /// <summary>Sends each active step's reminder once when it is nearly due (the last quarter of its time) and once when overdue.</summary>
    public async Task<int> RemindAsync(PipewrightDb db, DateTimeOffset now, CancellationToken ct)
    {
        var steps = await db.ApprovalSteps.Include(s => s.Tasks)
            .Where(s => s.Status == StepStatus.Active && s.DueAt != null && (s.RemindedAt == null || s.OverdueNoticeAt == null))
            .ToListAsync(ct);
        var sent = 0;
        foreach (var step in steps)
        {
            var overdue = step.DueAt <= now;
            var soon = step.DueAt!.Value - TimeSpan.FromHours(step.DueHours / 4.0) <= now;
            if (overdue ? step.OverdueNoticeAt is not null : !soon || step.RemindedAt is not null) continue;
            if (overdue) step.OverdueNoticeAt = now;
            step.RemindedAt ??= now;
            var approval = await db.Approvals.SingleAsync(a => a.Id == step.ApprovalId, ct);
            foreach (var task in step.Tasks.Where(t => t.Status == ApprovalTaskStatus.Pending))
            {
                Subject(approval.SubjectType).OnReminder(db, approval, task, overdue);
                sent++;
            }
        }
        return sent;
    }

    /// <summary>Those who took part, and those who see the owner's records (managers of the owner, finance, the GM).</summary>
    public static bool MaySee(Approval approval, CurrentUser user) =>
        user.SeesEverything || approval.SubmitterId == user.Id || user.ScopeOwnerIds.Contains(approval.OwnerId)
        || approval.Steps.SelectMany(s => s.Tasks).Any(t => t.AssigneeId == user.Id || t.ApproverId == user.Id);

    public static Task<Approval?> LoadAsync(PipewrightDb db, Guid approvalId, CancellationToken ct) =>
        db.Approvals.Include(a => a.Steps).ThenInclude(s => s.Tasks).AsSplitQuery().SingleOrDefaultAsync(a => a.Id == approvalId, ct);

    /// <summary>Activates the first waiting step after <paramref name="afterOrder"/> that needs somebody; approves when none is left.</summary>
    private async Task AdvanceAsync(PipewrightDb db, Approval approval, int afterOrder, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var step in approval.Steps.Where(s => s.Order > afterOrder).OrderBy(s => s.Order))
        {
            // After a return to an earlier step, the steps from there on decide again.
            step.Status = StepStatus.Waiting;
            var tasks = await OpenTasksAsync(db, approval, step, now, ct);
            if (tasks.Count == 0) continue;
            Subject(approval.SubjectType).OnTasksOpened(db, approval, tasks);
            return;
        }
        Finish(approval, ApprovalStatus.Approved, null, now);
        await Subject(approval.SubjectType).OnApprovedAsync(db, approval, now, ct);
    }

    private async Task<IReadOnlyList<ApprovalTask>> OpenTasksAsync(PipewrightDb db, Approval approval, ApprovalStep step, DateTimeOffset now, CancellationToken ct)
    {
        step.ActivatedAt = now;
        step.CompletedAt = null;
        step.RemindedAt = null;
        step.OverdueNoticeAt = null;
        var approvers = (await Approvers.ResolveAsync(db, step.ApproverKind, step.Role, step.UserId, approval.OwnerId, ct))
            .Where(id => id != approval.SubmitterId).ToList();
        if (step.Mode == ApprovalMode.One) approvers = approvers.Take(1).ToList();
        var alreadyApproved = approval.Steps
            .Where(s => s.Order < step.Order && s.Status is StepStatus.Approved)
            .SelectMany(s => s.Tasks).Where(t => t.Status == ApprovalTaskStatus.Approved)
            .SelectMany(t => new[] { t.ApproverId, t.AssigneeId }).ToHashSet();
        // One of an any-of group already approved this subject: that approval stands for the step.
        var satisfied = step.Mode != ApprovalMode.All && approvers.Any(alreadyApproved.Contains);
        var toAsk = satisfied ? [] : approvers.Where(id => !alreadyApproved.Contains(id)).ToList();
        if (toAsk.Count == 0)
        {
            Complete(step, StepStatus.Skipped, now);
            return [];
        }

        var delegations = await db.ApprovalDelegations.AsNoTracking()
            .Where(d => toAsk.Contains(d.UserId) && d.From <= now && d.Until > now).ToListAsync(ct);
        step.Status = StepStatus.Active;
        step.DueAt = now.AddHours(step.DueHours);
        var tasks = toAsk.Select(id => new ApprovalTask
        {
            ApprovalId = approval.Id, StepId = step.Id, ApproverId = id, Status = ApprovalTaskStatus.Pending, CreatedAt = now,
            AssigneeId = delegations.Where(d => d.UserId == id).OrderByDescending(d => d.CreatedAt).Select(d => (Guid?)d.DelegateId).FirstOrDefault() ?? id,
        }).ToList();
        step.Tasks.AddRange(tasks);
        db.ApprovalTasks.AddRange(tasks);
        return tasks;
    }

    private static void Complete(ApprovalStep step, StepStatus status, DateTimeOffset now)
    {
        step.Status = status;
        step.CompletedAt = now;
        foreach (var open in step.Tasks.Where(t => t.Status == ApprovalTaskStatus.Pending)) open.Status = ApprovalTaskStatus.Cancelled;
    }

    private static void Finish(Approval approval, ApprovalStatus status, string? comment, DateTimeOffset now)
    {
        approval.Status = status;
        approval.DecidedAt = now;
        approval.DecisionComment = comment;
        foreach (var step in approval.Steps.Where(s => s.Status is StepStatus.Active or StepStatus.Waiting))
        {
            step.Status = status == ApprovalStatus.Approved ? step.Status : StepStatus.Cancelled;
            foreach (var open in step.Tasks.Where(t => t.Status == ApprovalTaskStatus.Pending)) open.Status = ApprovalTaskStatus.Cancelled;
        }
    }
}
