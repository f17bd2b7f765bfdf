using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Notifications;
using Pipewright.Pipeline;
using Pipewright.Tasks.Escalation;

namespace Pipewright.Tasks.RequestEvaluation;

public sealed record RequestEvaluationRequest
{
    [Required(ErrorMessage = "validation.required"), MaxLength(TechTaskLimits.Category, ErrorMessage = "validation.maxLength")]
    public string ProductCategory { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), MaxLength(TechTaskLimits.Description, ErrorMessage = "validation.maxLength")]
    public string Description { get; init; } = "";

    /// <summary>When the answer is needed; default Tasks:DefaultDueHours from now.</summary>
    public DateTimeOffset? DueAt { get; init; }
}

public sealed record EvaluationRequestedDto(Guid TaskId, Guid AssigneeId, string Code, string AssigneeName, DateTimeOffset DueAt);

/// <summary>A technical request on an opportunity the caller may see, routed to an engineer in the same transaction.</summary>
public sealed class RequestEvaluationHandler(IDbContextFactory<PipewrightDb> dbFactory, Notifier notifier, TimeProvider clock, IOptions<TaskOptions> options)
{
    public async Task<Outcome<EvaluationRequestedDto>> HandleAsync(Guid opportunityId, RequestEvaluationRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var opportunity = await db.Opportunities.VisibleTo(user).Where(o => o.Id == opportunityId)
            .Select(o => new { o.Id, o.CustomerId, o.Status }).SingleOrDefaultAsync(ct);
        if (opportunity is null) return Failure.NotFound();
        if (opportunity.Status != OpportunityStatus.Open) return Failure.Rule("tasks.request.closed");
        var now = clock.GetUtcNow();
        var dueAt = request.DueAt ?? now.AddHours(options.Value.DefaultDueHours);
        if (dueAt <= now) return Failure.Invalid("dueAt", "tasks.request.dueInPast");
        var category = request.ProductCategory.Trim();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await EngineerRouting.PickAsync(db, category, now, ct) is not { } assignee)
            return Failure.Rule("tasks.routing.noEngineer", category);
        var year = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).Year;
        var task = new TechTask
        {
            Code = CodeSequences.Format(TechTask.CodePrefix, year, await db.NextAsync(TechTask.CodePrefix, year, ct)),
            OpportunityId = opportunity.Id, CustomerId = opportunity.CustomerId, RequesterId = user.Id,
            Category = category, Description = request.Description.Trim(), DueAt = dueAt, AssigneeId = assignee,
            ChecklistItems = await Checklists.ItemsForAsync(db, category, ct), CreatedAt = now, AssignedAt = now,
        };
        db.TechTasks.Add(task);
        var customerName = await db.Customers.Where(c => c.Id == opportunity.CustomerId).Select(c => c.Name).SingleAsync(ct);
        TaskNotices.Assigned(notifier, db, task, customerName);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var assigneeName = await db.Users.Where(u => u.Id == assignee).Select(u => u.DisplayName).SingleAsync(ct);
        return new EvaluationRequestedDto(task.Id, assignee, task.Code, assigneeName, dueAt);
    }
}

public static class TaskNotices
{
    public static string Link(Guid taskId) => $"/m/tasks/{taskId}";

    public static void Assigned(Notifier notifier, PipewrightDb db, TechTask task, string customerName) =>
        notifier.Notify(db, task.AssigneeId, "task-assigned", "notification.task.assigned.title", "notification.task.assigned.body",
            [task.Code, task.Category, customerName, ChinaTimeText(task.DueAt)], Link(task.Id));

    public static string ChinaTimeText(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, ChinaTime.Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
