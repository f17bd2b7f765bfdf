using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;
using Pipewright.Organisation;

namespace Pipewright.Tasks;

/// <summary>A departing engineer's open requests go to the successor; finished ones keep their assignee for the metrics.</summary>
public sealed class TaskHandover(TimeProvider clock) : IHandoverStep
{
    public string Name => "tasks";

    public Task<int> CountAsync(PipewrightDb db, Guid from, CancellationToken ct) =>
        db.TechTasks.CountAsync(t => t.AssigneeId == from && (t.Status == TechTaskStatus.Open || t.Status == TechTaskStatus.InProgress), ct);

    public async Task<int> MoveAsync(PipewrightDb db, Guid from, Guid to, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = await db.TechTasks.Where(t => t.AssigneeId == from && (t.Status == TechTaskStatus.Open || t.Status == TechTaskStatus.InProgress))
            .ToListAsync(ct);
        foreach (var task in open)
        {
            db.TechTaskReassignments.Add(new TechTaskReassignment { TaskId = task.Id, FromId = from, ToId = to, At = now });
            task.Reassign(to, now);
        }
        return open.Count;
    }
}
