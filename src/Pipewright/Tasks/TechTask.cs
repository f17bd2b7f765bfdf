using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Tasks;

public enum TechTaskStatus { Open, InProgress, Done, Cancelled }

/// <summary>
/// A technical request (技术评估, JS…): a salesperson asks an engineer to evaluate what a customer needs for one
/// product category. The engineer ticks the category's matching items, adds photos and a voice note, and submits.
/// </summary>
public sealed class TechTask : IAudited, IVersioned
{
    public const string CodePrefix = "JS";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>People-facing code (JS202600042), from a sequence.</summary>
    public string Code { get; set; } = "";
    public Guid OpportunityId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid RequesterId { get; set; }
    public string Category { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public Guid AssigneeId { get; set; }
    public TechTaskStatus Status { get; set; } = TechTaskStatus.Open;

    /// <summary>The category's checklist when the request was made: a later template edit does not change open work.</summary>
    public List<string> ChecklistItems { get; set; } = [];
    public List<string> CheckedItems { get; set; } = [];
    public string? Note { get; set; }

    /// <summary>Photos and voice notes (attachments) handed in with the result.</summary>
    public List<Guid> AttachmentIds { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the current assignee got it (reset by a reassignment: the metrics measure the person who did it).</summary>
    public DateTimeOffset AssignedAt { get; set; }

    /// <summary>The assignee's first action: starting it, or completing it outright (docs/tasks.md).</summary>
    public DateTimeOffset? FirstActionAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Stored for reports (date arithmetic differs between SQLite and PostgreSQL): wall-clock minutes.</summary>
    public int? ResponseMinutes { get; set; }
    public int? CompletionMinutes { get; set; }
    public bool? OnTime { get; set; }

    public DateTimeOffset? DueSoonNotifiedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public Guid? EscalatedToId { get; set; }
    public int Version { get; set; }

    public bool IsOpen => Status is TechTaskStatus.Open or TechTaskStatus.InProgress;

    public void RecordFirstAction(DateTimeOffset now)
    {
        if (FirstActionAt is not null) return;
        FirstActionAt = now;
        ResponseMinutes = Minutes(AssignedAt, now);
        if (Status == TechTaskStatus.Open) Status = TechTaskStatus.InProgress;
    }

    public void Complete(IEnumerable<string> checkedItems, string? note, IEnumerable<Guid> attachmentIds, DateTimeOffset now)
    {
        RecordFirstAction(now);
        Status = TechTaskStatus.Done;
        CheckedItems = ChecklistItems.Where(checkedItems.Contains).ToList();
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        AttachmentIds = attachmentIds.Distinct().ToList();
        CompletedAt = now;
        CompletionMinutes = Minutes(AssignedAt, now);
        OnTime = now <= DueAt;
    }

    /// <summary>No longer needed (the deal changed): it leaves the engineer's list and counts in no metric.</summary>
    public void Cancel() => Status = TechTaskStatus.Cancelled;

    public void Reassign(Guid assigneeId, DateTimeOffset now)
    {
        AssigneeId = assigneeId;
        AssignedAt = now;
        FirstActionAt = null;
        ResponseMinutes = null;
        Status = TechTaskStatus.Open;
        // The new engineer gets their own reminder; an escalation already sent stays (the manager knows).
        DueSoonNotifiedAt = null;
    }

    private static int Minutes(DateTimeOffset from, DateTimeOffset to) => (int)Math.Max(0, (to - from).TotalMinutes);

    public sealed class Configuration : IEntityTypeConfiguration<TechTask>
    {
        public void Configure(EntityTypeBuilder<TechTask> t)
        {
            t.ToTable("TechTasks");
            t.Property(x => x.Code).HasMaxLength(32);
            t.HasIndex(x => x.Code).IsUnique();
            t.Property(x => x.Category).HasMaxLength(TechTaskLimits.Category);
            t.Property(x => x.Description).HasMaxLength(TechTaskLimits.Description);
            t.Property(x => x.Note).HasMaxLength(TechTaskLimits.Note);
            t.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            t.Property(x => x.Version).IsConcurrencyToken();
            t.HasIndex(x => new { x.AssigneeId, x.Status });
            t.HasIndex(x => new { x.OpportunityId, x.CreatedAt });
            t.HasIndex(x => new { x.Status, x.DueAt });
            // Reports: the requests that fell due in a period (on-time rate).
            t.HasIndex(x => x.DueAt);
        }
    }
}

/// <summary>Who had a request before whom: the audit trail has it too, this is what the task page lists.</summary>
public sealed class TechTaskReassignment : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TaskId { get; set; }
    public Guid FromId { get; set; }
    public Guid ToId { get; set; }
    /// <summary>Null when no person did it: a departing engineer's hand-over.</summary>
    public Guid? ById { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset At { get; set; }

    (string Type, Guid Id) IAudited.AuditRoot => (nameof(TechTask), TaskId);

    public sealed class Configuration : IEntityTypeConfiguration<TechTaskReassignment>
    {
        public void Configure(EntityTypeBuilder<TechTaskReassignment> r)
        {
            r.Property(x => x.Reason).HasMaxLength(TechTaskLimits.Reason);
            r.HasIndex(x => new { x.TaskId, x.At });
        }
    }
}

/// <summary>The last engineer a category's round-robin gave a request to, so ties rotate across requests.</summary>
public sealed class RoutingCursor
{
    public string Category { get; set; } = "";
    public Guid LastAssigneeId { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<RoutingCursor>
    {
        public void Configure(EntityTypeBuilder<RoutingCursor> c)
        {
            c.HasKey(x => x.Category);
            c.Property(x => x.Category).HasMaxLength(TechTaskLimits.Category);
        }
    }
}

public static class TechTaskLimits
{
    public const int Category = 50;
    public const int Description = 2000;
    public const int Note = 2000;
    public const int Reason = 200;
    public const int ChecklistItem = 100;
    public const int ChecklistItems = 40;
    public const int Attachments = 20;
}

public static class TechTaskTables
{
    extension(PipewrightDb db)
    {
        public DbSet<TechTask> TechTasks => db.Set<TechTask>();
        public DbSet<TechTaskReassignment> TechTaskReassignments => db.Set<TechTaskReassignment>();
        public DbSet<RoutingCursor> RoutingCursors => db.Set<RoutingCursor>();
        public DbSet<ChecklistTemplate> ChecklistTemplates => db.Set<ChecklistTemplate>();
        public DbSet<UserLeave> UserLeaves => db.Set<UserLeave>();
    }
}
