using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Tasks.ListTasks;

public sealed record ListTasksRequest : PagedQuery
{
    /// <summary>"me", or a person's id.</summary>
    [MaxLength(36, ErrorMessage = "validation.maxLength")] public string? Assignee { get; init; }

    /// <summary>open (open or in progress), done, cancelled, or all (default).</summary>
    [RegularExpression("^(open|done|cancelled|all)$", ErrorMessage = "tasks.list.status")] public string? Status { get; init; }
    public Guid? OpportunityId { get; init; }
}

/// <summary>Requests the caller may see, the most urgent first (open ones by due time; finished ones latest first).</summary>
public sealed class ListTasksHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public async Task<Outcome<Paged<TechTaskDto>>> HandleAsync(ListTasksRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tasks = (await TaskScope.VisibleToAsync(db, user, ct)).AsNoTracking();
        if (request.Assignee is { Length: > 0 } assignee)
        {
            if (assignee == "me") tasks = tasks.Where(t => t.AssigneeId == user.Id);
            else if (Guid.TryParse(assignee, out var id)) tasks = tasks.Where(t => t.AssigneeId == id);
            else return Failure.Invalid("assignee", "tasks.list.assignee");
        }
        if (request.OpportunityId is { } opportunityId) tasks = tasks.Where(t => t.OpportunityId == opportunityId);
        tasks = request.Status switch
        {
            "open" => tasks.Where(t => t.Status == TechTaskStatus.Open || t.Status == TechTaskStatus.InProgress),
            "done" => tasks.Where(t => t.Status == TechTaskStatus.Done),
            "cancelled" => tasks.Where(t => t.Status == TechTaskStatus.Cancelled),
            _ => tasks,
        };
        var ordered = request.Status == "open"
            ? tasks.OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            : tasks.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id);
        var page = await ordered.ToPageAsync(request, ct);
        var items = await TaskViews.ToDtosAsync(db, page.Items, clock.GetUtcNow(), withDetails: false, ct);
        return new Paged<TechTaskDto>(items, page.Total, page.Page, page.PageSize);
    }
}

public sealed class GetTaskHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public async Task<Outcome<TechTaskDto>> HandleAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await (await TaskScope.VisibleToAsync(db, user, ct)).AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Failure.NotFound();
        return (await TaskViews.ToDtosAsync(db, [task], clock.GetUtcNow(), withDetails: true, ct))[0];
    }
}
