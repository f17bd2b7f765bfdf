using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Data;

namespace Pipewright.Common.Ownership;

public enum OwnershipReason { Created, Assigned, Released, Claimed, ReturnedByRule, Handover }

/// <summary>
/// One change of who owns a record (customer, deal, lead): kept for good, so that a successor or a
/// manager sees who held it when. In Common because every module whose records have owners writes it.
/// </summary>
public sealed class OwnershipChange
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string EntityType { get; set; } = "";
    public Guid EntityId { get; set; }
    public Guid? FromUserId { get; set; }
    public Guid? ToUserId { get; set; }
    public OwnershipReason Reason { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Who made the change; null for the system (the pool's daily job).</summary>
    public Guid? ByUserId { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<OwnershipChange>
    {
        public void Configure(EntityTypeBuilder<OwnershipChange> o)
        {
            o.Property(x => x.EntityType).HasMaxLength(32);
            o.Property(x => x.Reason).HasConversion<string>().HasMaxLength(16);
            o.Property(x => x.Note).HasMaxLength(OwnershipLimits.Note);
            o.HasIndex(x => new { x.EntityType, x.EntityId, x.At });
            // The pool's daily claim quota counts a person's claims since midnight.
            o.HasIndex(x => new { x.ToUserId, x.Reason, x.At });
        }
    }
}

public static class OwnershipLimits
{
    public const int Note = 200;
}

public static class OwnershipTables
{
    extension(PipewrightDb db)
    {
        public DbSet<OwnershipChange> OwnershipChanges => db.Set<OwnershipChange>();

        /// <summary>Records a change of owner in the caller's context, saved with the change itself.</summary>
        public void RecordOwnership(string entityType, Guid entityId, Guid? from, Guid? to, OwnershipReason reason,
            DateTimeOffset at, string? note = null) =>
            db.OwnershipChanges.Add(new OwnershipChange
            {
                EntityType = entityType, EntityId = entityId, FromUserId = from, ToUserId = to, Reason = reason,
                Note = note, At = at, ByUserId = db.Actor.UserId,
            });
    }
}
