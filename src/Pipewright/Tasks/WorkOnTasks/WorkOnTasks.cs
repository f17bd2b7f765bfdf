using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Activities.Attachments;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Pipeline.Progress;
using Pipewright.Tasks.ListTasks;

namespace Pipewright.Tasks.WorkOnTasks;

public sealed record CompleteTaskRequest
{
    [MaxLength(TechTaskLimits.ChecklistItems, ErrorMessage = "validation.maxItems")] public List<string>? CheckedItems { get; init; }
    [MaxLength(TechTaskLimits.Note, ErrorMessage = "validation.maxLength")] public string? Note { get; init; }
    [MaxLength(TechTaskLimits.Attachments, ErrorMessage = "validation.maxItems")] public List<Guid>? AttachmentIds { get; init; }
}

/// <summary>The assignee's work on a request: starting it (the first action) and handing in the result.</summary>
public sealed class WorkOnTaskHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock, GetTaskHandler getTask, OpportunityProgress progress)
{
    private static readonly Strings L = new();

    public async Task<Outcome<TechTaskDto>> StartAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var found = await FindOwnAsync(db, id, user, ct);
        if (found.Failure is { } failure) return failure;
        found.Value!.RecordFirstAction(clock.GetUtcNow());
        if (await SaveAsync(db, ct) is { } conflict) return conflict;
        return await getTask.HandleAsync(id, user, ct);
    }

    public async Task<Outcome<TechTaskDto>> CompleteAsync(Guid id, CompleteTaskRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var found = await FindOwnAsync(db, id, user, ct);
        if (found.Failure is { } failure) return failure;
        var task = found.Value!;
        var checkedItems = (request.CheckedItems ?? []).Select(i => i.Trim()).Distinct().ToList();
        if (checkedItems.FirstOrDefault(i => !task.ChecklistItems.Contains(i)) is { } unknown)
            return Failure.Invalid("checkedItems", "tasks.complete.unknownItem", unknown);

        var attachmentIds = (request.AttachmentIds ?? []).Distinct().ToList();
        var attachments = await db.Attachments.Where(a => attachmentIds.Contains(a.Id)).ToListAsync(ct);
        // Only the engineer's own uploads, not yet handed in with a follow-up or another customer's request.
        var usable = attachments.Where(a => a.ActivityId is null && (a.UploadedById == user.Id || task.AttachmentIds.Contains(a.Id))
            && (a.CustomerId is null || a.CustomerId == task.CustomerId)).Select(a => a.Id).ToHashSet();
        if (attachmentIds.FirstOrDefault(a => !usable.Contains(a)) is var bad && bad != Guid.Empty)
            return Failure.Invalid("attachmentIds", "tasks.complete.attachment", bad);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // From now on whoever may see the customer may open the photos and the voice note.
        foreach (var attachment in attachments) attachment.CustomerId = task.CustomerId;
        // The one moment a request is done: saved first, so that the funnel's `task` requirement
        // (CompletedTechRequestKind) sees it, then the deal moves on as far as its evidence allows, in this transaction.
        task.Complete(checkedItems, request.Note, attachmentIds, clock.GetUtcNow());
        if (await SaveAsync(db, ct) is { } conflict) return conflict;
        await progress.ReevaluateAsync(db, task.OpportunityId, ct);
        if (await SaveAsync(db, ct) is { } moved) return moved;
        await transaction.CommitAsync(ct);
        return await getTask.HandleAsync(id, user, ct);
    }

    /// <summary>Visible (else 404), assigned to the caller (else 403), still open (else 409).</summary>
    private static async Task<Outcome<TechTask>> FindOwnAsync(PipewrightDb db, Guid id, CurrentUser user, CancellationToken ct)
    {
        var task = await (await TaskScope.VisibleToAsync(db, user, ct)).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Failure.NotFound();
        if (task.AssigneeId != user.Id) return Failure.Forbidden();
        if (!task.IsOpen) return NotOpen(task);
        return task;
    }

    public static Failure NotOpen(TechTask task) => new(409, "tasks.notOpen", L["tasks.notOpen.detail", task.Code],
        Extensions: new Dictionary<string, object?> { ["kind"] = "notOpen", ["status"] = TaskViews.StatusName(task.Status) });

    private static async Task<Failure?> SaveAsync(PipewrightDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Concurrency();
        }
    }
}
