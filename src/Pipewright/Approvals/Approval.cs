using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;

namespace Pipewright.Approvals;

public enum ApprovalStatus { Pending, Approved, Rejected, Recalled }

public enum StepStatus { Waiting, Active, Approved, Rejected, Skipped, Cancelled }

public enum ApprovalTaskStatus { Pending, Approved, Rejected, Cancelled }

/// <summary>
/// One run of the engine for one submission of a subject: its merged steps, who was asked and what they decided,
/// with the times the approval-hours report needs (submitted, each step's activation, each decision).
/// </summary>
public sealed class Approval : IAudited, Common.Data.IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string SubjectType { get; set; } = "";
    public Guid SubjectId { get; set; }

    /// <summary>What inboxes show (BJ202600012 · 宁波博远阀门), so that they need not read the subject.</summary>
    public string SubjectTitle { get; set; } = "";

    /// <summary>The subject's key figures as its approvers need them (amount, lowest price ratio, margin).</summary>
    public string Summary { get; set; } = "";
    public Guid SubmitterId { get; set; }

    /// <summary>Whose regional manager a relative step asks.</summary>
    public Guid OwnerId { get; set; }
    public ApprovalStatus Status { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionComment { get; set; }

    /// <summary>Touched by every decision, so that two approvers deciding at once cannot both advance the same step.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<ApprovalStep> Steps { get; set; } = [];

    public ApprovalStep? CurrentStep => Steps.Where(s => s.Status == StepStatus.Active).OrderBy(s => s.Order).FirstOrDefault();

    public sealed class Configuration : IEntityTypeConfiguration<Approval>
    {
        public void Configure(EntityTypeBuilder<Approval> a)
        {
            a.Property(x => x.SubjectType).HasMaxLength(32);
            a.Property(x => x.SubjectTitle).HasMaxLength(200);
            a.Property(x => x.Summary).HasMaxLength(200);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.DecisionComment).HasMaxLength(ApprovalLimits.Comment);
            a.HasIndex(x => new { x.SubjectType, x.SubjectId });
            a.HasIndex(x => new { x.Status, x.SubmittedAt });
            // Reports: a team's or an owner's approval steps are found from their approvals.
            a.HasIndex(x => x.OwnerId);
            a.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.ApprovalId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

public sealed class ApprovalStep : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ApprovalId { get; set; }
    public int Order { get; set; }
    public ApproverKind ApproverKind { get; set; }
    public string? Role { get; set; }
    public Guid? UserId { get; set; }
    public ApprovalMode Mode { get; set; }
    public int DueHours { get; set; }
    public bool RejectToPreviousStep { get; set; }
    public StepStatus Status { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Reminders are sent once each: before the due time, and when it has passed.</summary>
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? OverdueNoticeAt { get; set; }

    public List<ApprovalTask> Tasks { get; set; } = [];

    (string Type, Guid Id) IAudited.AuditRoot => (nameof(Approval), ApprovalId);

    public sealed class Configuration : IEntityTypeConfiguration<ApprovalStep>
    {
        public void Configure(EntityTypeBuilder<ApprovalStep> s)
        {
            s.Property(x => x.ApproverKind).HasConversion<string>().HasMaxLength(24);
            s.Property(x => x.Mode).HasConversion<string>().HasMaxLength(8);
            s.Property(x => x.Role).HasMaxLength(32);
            s.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            s.HasIndex(x => new { x.Status, x.DueAt });
            // Reports: the steps decided in a period (approval hours).
            s.HasIndex(x => x.CompletedAt);
            s.HasMany(x => x.Tasks).WithOne().HasForeignKey(x => x.StepId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>One person's part in a step. When a delegate stands in, <see cref="ApproverId"/> keeps who was meant.</summary>
public sealed class ApprovalTask : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ApprovalId { get; set; }
    public Guid StepId { get; set; }
    public Guid ApproverId { get; set; }
    public Guid AssigneeId { get; set; }
    public ApprovalTaskStatus Status { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    public bool IsDelegated => AssigneeId != ApproverId;

    (string Type, Guid Id) IAudited.AuditRoot => (nameof(Approval), ApprovalId);

    public sealed class Configuration : IEntityTypeConfiguration<ApprovalTask>
    {
        public void Configure(EntityTypeBuilder<ApprovalTask> t)
        {
            t.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            t.Property(x => x.Comment).HasMaxLength(ApprovalLimits.Comment);
            t.HasIndex(x => new { x.AssigneeId, x.Status });
            t.HasIndex(x => x.ApprovalId);
        }
    }
}

/// <summary>While away, an approver's new tasks go to a colleague for this period (both recorded on the task).</summary>
public sealed class ApprovalDelegation : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid DelegateId { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset Until { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<ApprovalDelegation>
    {
        public void Configure(EntityTypeBuilder<ApprovalDelegation> d) => d.HasIndex(x => new { x.UserId, x.Until });
    }
}
