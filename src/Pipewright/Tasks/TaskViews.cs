using Microsoft.EntityFrameworkCore;
using Pipewright.Activities.Attachments;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Pipeline;

namespace Pipewright.Tasks;

public sealed record ReassignmentDto(Guid FromId, string FromName, Guid ToId, string ToName, Guid? ById, string? ByName, string? Reason, DateTimeOffset At);

public sealed record TechTaskDto(
    Guid Id, string Code, Guid OpportunityId, string OpportunityCode, string OpportunityTitle, Guid CustomerId, string CustomerName,
    Guid RequesterId, string RequesterName, string Category, string Description, DateTimeOffset DueAt,
    Guid AssigneeId, string AssigneeName, string Status, bool Overdue,
    IReadOnlyList<string> ChecklistItems, IReadOnlyList<string> CheckedItems, string? Note, IReadOnlyList<AttachmentDto> Attachments,
    DateTimeOffset CreatedAt, DateTimeOffset AssignedAt, DateTimeOffset? FirstActionAt, DateTimeOffset? CompletedAt,
    int? ResponseMinutes, int? CompletionMinutes, bool? OnTime, DateTimeOffset? EscalatedAt,
    IReadOnlyList<ReassignmentDto> Reassignments, int Version);

public static class TaskViews
{
    public static string StatusName(TechTaskStatus status) => status switch
    {
        TechTaskStatus.InProgress => "inProgress",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>Turns loaded tasks into DTOs with names, in a few queries (not one per task).</summary>
    public static async Task<List<TechTaskDto>> ToDtosAsync(PipewrightDb db, IReadOnlyList<TechTask> tasks, DateTimeOffset now,
        bool withDetails, CancellationToken ct)
    {
        var opportunityIds = tasks.Select(t => t.OpportunityId).Distinct().ToList();
        var customerIds = tasks.Select(t => t.CustomerId).Distinct().ToList();
        var opportunities = await db.Opportunities.AsNoTracking().Where(o => opportunityIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => new { o.Code, o.Title }, ct);
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var reassignments = withDetails
            ? await db.TechTaskReassignments.AsNoTracking().Where(r => taskIds.Contains(r.TaskId)).OrderBy(r => r.At).ToListAsync(ct)
            : [];
        var attachmentIds = withDetails ? tasks.SelectMany(t => t.AttachmentIds).ToList() : [];
        var attachments = await db.Attachments.AsNoTracking().Where(a => attachmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var userIds = tasks.SelectMany(t => new[] { t.AssigneeId, t.RequesterId })
            .Concat(reassignments.SelectMany(r => new[] { r.FromId, r.ToId, r.ById ?? Guid.Empty })).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string Name(Guid id) => names.GetValueOrDefault(id, "");

        return tasks.Select(t =>
        {
            var opportunity = opportunities.GetValueOrDefault(t.OpportunityId);
            return new TechTaskDto(t.Id, t.Code, t.OpportunityId, opportunity?.Code ?? "", opportunity?.Title ?? "", t.CustomerId,
                customers.GetValueOrDefault(t.CustomerId, ""), t.RequesterId, Name(t.RequesterId), t.Category, t.Description, t.DueAt,
                t.AssigneeId, Name(t.AssigneeId), StatusName(t.Status), t.IsOpen && t.DueAt < now,
                t.ChecklistItems, t.CheckedItems, t.Note,
                t.AttachmentIds.Where(attachments.ContainsKey).Select(id => attachments[id].ToDto()).ToList(),
                t.CreatedAt, t.AssignedAt, t.FirstActionAt, t.CompletedAt, t.ResponseMinutes, t.CompletionMinutes, t.OnTime, t.EscalatedAt,
                reassignments.Where(r => r.TaskId == t.Id)
                    .Select(r => new ReassignmentDto(r.FromId, Name(r.FromId), r.ToId, Name(r.ToId), r.ById, r.ById is { } by ? Name(by) : null, r.Reason, r.At)).ToList(),
                t.Version);
        }).ToList();
    }
}
