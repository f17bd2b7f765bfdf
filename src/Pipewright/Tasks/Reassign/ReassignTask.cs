using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Notifications;
using Pipewright.Tasks.ListTasks;
using Pipewright.Tasks.RequestEvaluation;
using Pipewright.Tasks.WorkOnTasks;

namespace Pipewright.Tasks.Reassign;

public sealed record ReassignTaskRequest
{
    [Required(ErrorMessage = "validation.required")] public Guid? AssigneeId { get; init; }
    [MaxLength(TechTaskLimits.Reason, ErrorMessage = "validation.maxLength")] public string? Reason { get; init; }
}

/// <summary>The engineering manager gives a request to another engineer; the history keeps who had it.</summary>
public sealed class ReassignTaskHandler(IDbContextFactory<PipewrightDb> dbFactory, Notifier notifier, TimeProvider clock, GetTaskHandler getTask)
{
    public async Task<Outcome<TechTaskDto>> HandleAsync(Guid id, ReassignTaskRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var task = await (await TaskScope.VisibleToAsync(db, user, ct)).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Failure.NotFound();
        if (!await TaskScope.MayReassignAsync(db, user, task, ct)) return Failure.Forbidden();
        if (!task.IsOpen) return WorkOnTaskHandler.NotOpen(task);
        var to = request.AssigneeId!.Value;
        if (to == task.AssigneeId) return Failure.Invalid("assigneeId", "tasks.reassign.same");
        if (!(await EngineerRouting.EngineersAsync(db, ct)).Any(e => e.Id == to)) return Failure.Invalid("assigneeId", "tasks.reassign.notEngineer");

        var now = clock.GetUtcNow();
        db.TechTaskReassignments.Add(new TechTaskReassignment
        {
            TaskId = task.Id, FromId = task.AssigneeId, ToId = to, ById = user.Id,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(), At = now,
        });
        task.Reassign(to, now);
        var customerName = await db.Customers.Where(c => c.Id == task.CustomerId).Select(c => c.Name).SingleAsync(ct);
        TaskNotices.Assigned(notifier, db, task, customerName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Concurrency();
        }
        return await getTask.HandleAsync(id, user, ct);
    }
}

/// <summary>The requester (or the engineering manager, Admin, GM) withdraws a request that is no longer needed.</summary>
public sealed class CancelTaskHandler(IDbContextFactory<PipewrightDb> dbFactory, GetTaskHandler getTask)
{
    public async Task<Outcome<TechTaskDto>> HandleAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var task = await (await TaskScope.VisibleToAsync(db, user, ct)).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Failure.NotFound();
        if (task.RequesterId != user.Id && !await TaskScope.MayReassignAsync(db, user, task, ct)) return Failure.Forbidden();
        if (!task.IsOpen) return WorkOnTaskHandler.NotOpen(task);
        task.Cancel();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Concurrency();
        }
        return await getTask.HandleAsync(id, user, ct);
    }
}
