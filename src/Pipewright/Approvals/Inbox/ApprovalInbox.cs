using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Approvals.Inbox;

public enum InboxFilter { Pending, Done }

public sealed record ApprovalInboxRequest : PagedQuery
{
    [RegularExpression("^(?i)(pending|done)$", ErrorMessage = "validation.invalid")] public string? Status { get; init; }
}

public sealed record DecisionRequest
{
    [Required(ErrorMessage = "validation.required"), RegularExpression("^(approve|reject)$", ErrorMessage = "approval.decision.invalid")]
    public string Decision { get; init; } = "";

    [MaxLength(ApprovalLimits.Comment, ErrorMessage = "validation.maxLength")]
    public string? Comment { get; init; }
}

/// <summary>One task in a person's inbox. <c>Id</c> is the approval's id (what a decision is posted to).</summary>
public sealed record InboxItemDto(
    Guid Id, Guid TaskId, string SubjectType, Guid SubjectId, string SubjectTitle, string Summary, Guid SubmitterId, string? SubmitterName,
    int StepOrder, string? Role, Guid? OnBehalfOfId, string? OnBehalfOfName, DateTimeOffset SubmittedAt, DateTimeOffset WaitingSince,
    DateTimeOffset? DueAt, bool Overdue, ApprovalTaskStatus TaskStatus, ApprovalStatus ApprovalStatus, string? Comment, DateTimeOffset? DecidedAt);

public sealed record ApprovalTaskDto(
    Guid Id, Guid ApproverId, string? ApproverName, Guid AssigneeId, string? AssigneeName, ApprovalTaskStatus Status,
    string? Comment, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);

public sealed record ApprovalStepDto(
    int Order, string? Role, Guid? ApproverId, ApproverKind ApproverKind, ApprovalMode Mode, StepStatus Status,
    DateTimeOffset? ActivatedAt, DateTimeOffset? CompletedAt, DateTimeOffset? DueAt, IReadOnlyList<ApprovalTaskDto> Tasks);

public sealed record ApprovalDto(
    Guid Id, string SubjectType, Guid SubjectId, string SubjectTitle, string Summary, Guid SubmitterId, string? SubmitterName,
    ApprovalStatus Status, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, string? Comment, IReadOnlyList<ApprovalStepDto> Steps);

public static class ApprovalViews
{
    /// <summary>The role a step asks, as api-v1.md names roles; null for a named person.</summary>
    public static string? RoleOf(ApproverKind kind, string? role) => kind switch
    {
        ApproverKind.RelativeRegionalManager => Roles.RegionalManager,
        ApproverKind.Role => role,
        _ => null,
    };

    public static ApprovalDto ToDto(this Approval a, IReadOnlyDictionary<Guid, string> names) => new(
        a.Id, a.SubjectType, a.SubjectId, a.SubjectTitle, a.Summary, a.SubmitterId, names.GetValueOrDefault(a.SubmitterId),
        a.Status, a.SubmittedAt, a.DecidedAt, a.DecisionComment,
        [.. a.Steps.OrderBy(s => s.Order).Select(s => new ApprovalStepDto(
            s.Order, RoleOf(s.ApproverKind, s.Role),
            s.ApproverKind == ApproverKind.User ? s.UserId : s.Tasks.OrderByDescending(t => t.CreatedAt).Select(t => (Guid?)t.ApproverId).FirstOrDefault(),
            s.ApproverKind, s.Mode, s.Status, s.ActivatedAt, s.CompletedAt, s.DueAt,
            [.. s.Tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.DecidedAt).Select(t => new ApprovalTaskDto(
                t.Id, t.ApproverId, names.GetValueOrDefault(t.ApproverId), t.AssigneeId, names.GetValueOrDefault(t.AssigneeId),
                t.Status, t.Comment, t.CreatedAt, t.DecidedAt))]))]);
}

/// <summary>A person's approval tasks (their turn now, or decided by them), one approval's history, and decisions.</summary>
public sealed class ApprovalInboxHandler(IDbContextFactory<PipewrightDb> dbFactory, ApprovalEngine engine, CurrentUserLoader users, TimeProvider clock)
{
    public async Task<Paged<InboxItemDto>> ListAsync(ApprovalInboxRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var pending = Enum.Parse<InboxFilter>(request.Status ?? nameof(InboxFilter.Pending), ignoreCase: true) == InboxFilter.Pending;
        var tasks = db.ApprovalTasks.AsNoTracking().Where(t => t.AssigneeId == user.Id);
        tasks = pending
            ? tasks.Where(t => t.Status == ApprovalTaskStatus.Pending)
            : tasks.Where(t => t.Status == ApprovalTaskStatus.Approved || t.Status == ApprovalTaskStatus.Rejected);
        var query = from t in tasks
                    join s in db.ApprovalSteps on t.StepId equals s.Id
                    join a in db.Approvals on t.ApprovalId equals a.Id
                    orderby t.CreatedAt descending
                    select new { t, s, a };
        var page = await query.ToPageAsync(request, ct);
        var names = await users.DisplayNamesAsync(ct);
        return new Paged<InboxItemDto>([.. page.Items.Select(x => new InboxItemDto(
            x.a.Id, x.t.Id, x.a.SubjectType, x.a.SubjectId, x.a.SubjectTitle, x.a.Summary, x.a.SubmitterId, names.GetValueOrDefault(x.a.SubmitterId),
            x.s.Order, ApprovalViews.RoleOf(x.s.ApproverKind, x.s.Role),
            x.t.IsDelegated ? x.t.ApproverId : null, x.t.IsDelegated ? names.GetValueOrDefault(x.t.ApproverId) : null,
            x.a.SubmittedAt, x.t.CreatedAt, x.s.DueAt, x.t.Status == ApprovalTaskStatus.Pending && x.s.DueAt < now,
            x.t.Status, x.a.Status, x.t.Comment, x.t.DecidedAt))], page.Total, page.Page, page.PageSize);
    }

    public async Task<Outcome<ApprovalDto>> GetAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var approval = await ApprovalEngine.LoadAsync(db, id, ct);
        if (approval is null || !ApprovalEngine.MaySee(approval, user)) return Failure.NotFound();
        return approval.ToDto(await users.DisplayNamesAsync(ct));
    }

    public async Task<Outcome<ApprovalDto>> DecideAsync(Guid id, DecisionRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await engine.DecideAsync(db, id, user, request.Decision == "approve", request.Comment, clock.GetUtcNow(), ct);
        if (outcome.Failure is { } failure) return failure;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Failure.Concurrency(); }
        await transaction.CommitAsync(ct);
        return outcome.Value!.ToDto(await users.DisplayNamesAsync(ct));
    }
}
