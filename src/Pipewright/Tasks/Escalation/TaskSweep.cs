using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Notifications;
using Pipewright.Tasks.RequestEvaluation;

namespace Pipewright.Tasks.Escalation;

public sealed class TaskOptions
{
    /// <summary>Due time of a request made without one (wall-clock hours from the request).</summary>
    [Range(1, 24 * 60)] public int DefaultDueHours { get; set; } = 48;

    /// <summary>The assignee is reminded this long before the due time.</summary>
    [Range(1, 24 * 14)] public int DueSoonHours { get; set; } = 4;

    [Range(1, 24 * 60)] public int SweepEveryMinutes { get; set; } = 5;
    public bool SweepEnabled { get; set; } = true;
}

public sealed record SweepResult(int Reminded, int Escalated);

/// <summary>
/// Reminds assignees of requests due soon, and escalates overdue ones to the engineering manager (the manager of
/// the assignee's team or a team above; the administrators when none) — each once, marked on the task.
/// </summary>
public sealed partial class TaskSweep(IDbContextFactory<PipewrightDb> dbFactory, Notifier notifier, TimeProvider clock,
    IOptions<TaskOptions> options, ILogger<TaskSweep> logger)
{
    public async Task<SweepResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var soon = now.AddHours(options.Value.DueSoonHours);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var dueSoon = await Open(db).Where(t => t.DueSoonNotifiedAt == null && t.DueAt > now && t.DueAt <= soon).Select(t => t.Id).ToListAsync(ct);
        var overdue = await Open(db).Where(t => t.EscalatedAt == null && t.DueAt <= now).Select(t => t.Id).ToListAsync(ct);

        var reminded = 0;
        foreach (var id in dueSoon)
            if (await OneAsync(id, (db, task, customer) => Remind(db, task, customer, now), ct)) reminded++;
        var escalated = 0;
        foreach (var id in overdue)
            if (await OneAsync(id, (db, task, customer) => EscalateAsync(db, task, customer, now, ct), ct)) escalated++;
        return new SweepResult(reminded, escalated);
    }

    private static IQueryable<TechTask> Open(PipewrightDb db) =>
        db.TechTasks.Where(t => t.Status == TechTaskStatus.Open || t.Status == TechTaskStatus.InProgress);

    private Task Remind(PipewrightDb db, TechTask task, string customer, DateTimeOffset now)
    {
        if (task.DueSoonNotifiedAt is not null) return Task.CompletedTask;
        task.DueSoonNotifiedAt = now;
        notifier.Notify(db, task.AssigneeId, "task-due-soon", "notification.task.dueSoon.title", "notification.task.dueSoon.body",
            [task.Code, task.Category, customer, TaskNotices.ChinaTimeText(task.DueAt)], TaskNotices.Link(task.Id));
        return Task.CompletedTask;
    }

    private async Task EscalateAsync(PipewrightDb db, TechTask task, string customer, DateTimeOffset now, CancellationToken ct)
    {
        if (task.EscalatedAt is not null) return;
        List<Guid> managers = await TaskScope.ManagerOfAsync(db, task.AssigneeId, ct) is { } manager
            ? [manager]
            : await AdministratorsAsync(db, ct);
        task.EscalatedAt = now;
        task.EscalatedToId = managers.FirstOrDefault() is var first && first != Guid.Empty ? first : null;
        var assignee = await db.Users.Where(u => u.Id == task.AssigneeId).Select(u => u.DisplayName).SingleAsync(ct);
        foreach (var id in managers)
            notifier.Notify(db, id, "task-escalated", "notification.task.escalated.title", "notification.task.escalated.body",
                [task.Code, task.Category, customer, assignee, TaskNotices.ChinaTimeText(task.DueAt)], "/tasks");
        notifier.Notify(db, task.AssigneeId, "task-overdue", "notification.task.overdue.title", "notification.task.overdue.body",
            [task.Code, task.Category, customer, TaskNotices.ChinaTimeText(task.DueAt)], TaskNotices.Link(task.Id));
    }

    private static async Task<List<Guid>> AdministratorsAsync(PipewrightDb db, CancellationToken ct)
    {
        var role = db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id);
        return await db.Users.Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && role.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>One task per transaction: a completion racing the sweep wins, and the sweep tries again next time.</summary>
    private async Task<bool> OneAsync(Guid id, Func<PipewrightDb, TechTask, string, Task> act, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await Open(db).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return false;
        var customer = await db.Customers.Where(c => c.Id == task.CustomerId).Select(c => c.Name).SingleAsync(ct);
        await act(db, task, customer);
        try
        {
            return await db.SaveChangesAsync(ct) > 0;
        }
        catch (DbUpdateConcurrencyException)
        {
            LogRaced(logger, task.Code);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tasks: {Code} changed while being reminded or escalated; next run retries.")]
    private static partial void LogRaced(ILogger logger, string code);
}

/// <summary>Runs <see cref="TaskSweep"/> every Tasks:SweepEveryMinutes. Each step is marked on the task, so a rerun repeats nothing.</summary>
public sealed class TaskJob(TaskSweep sweep, TimeProvider clock, IOptions<TaskOptions> options, ILogger<TaskJob> logger)
    : PeriodicJob(clock, logger)
{
    protected override bool Enabled => options.Value.SweepEnabled;
    protected override string RunName => "Tasks: the reminder and escalation run";
    protected override TimeSpan UntilNextRun(DateTimeOffset now) => TimeSpan.FromMinutes(options.Value.SweepEveryMinutes);
    protected override Task RunOnceAsync(CancellationToken ct) => sweep.RunAsync(ct);
}
