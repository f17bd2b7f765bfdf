using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Data;

namespace Pipewright.Notifications.Outbox;

public enum OutboxStatus { Pending, Sending, Delivered, Failed }

/// <summary>
/// One notification to send on one channel, written in the transaction of the event it tells about. Subject and
/// body are rendered when written, in the recipient's language, so that every retry sends the same words; where
/// to send (addresses, secrets) is read when sending, so a corrected setting helps the messages still waiting.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid NotificationId { get; set; }
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    public string Channel { get; set; } = "";

    /// <summary>E-mail address, WeCom user id, or the mobile a robot message mentions (may be empty).</summary>
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";

    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>While Sending: who claimed it and until when; past the lease another run may take it over.</summary>
    public Guid? ClaimToken { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>When the channel was last called for it; rate limits count these.</summary>
    public DateTimeOffset? LastAttemptAt { get; set; }
    public string? LastAnswer { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<OutboxMessage>
    {
        public void Configure(EntityTypeBuilder<OutboxMessage> o)
        {
            o.Property(x => x.Kind).HasMaxLength(32);
            o.Property(x => x.Channel).HasMaxLength(32);
            o.Property(x => x.Recipient).HasMaxLength(256);
            o.Property(x => x.Subject).HasMaxLength(300);
            o.Property(x => x.Body).HasMaxLength(4000);
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            o.Property(x => x.LastAnswer).HasMaxLength(1000);
            // A run saving its answer after its lease ran out must not overwrite the run that took the row over.
            o.Property(x => x.ClaimToken).IsConcurrencyToken();
            o.HasIndex(x => new { x.Status, x.NextAttemptAt });
            o.HasIndex(x => new { x.Channel, x.LastAttemptAt });
            o.HasIndex(x => x.NotificationId);
        }
    }
}

public static class OutboxTables
{
    extension(PipewrightDb db)
    {
        public DbSet<OutboxMessage> OutboxMessages => db.Set<OutboxMessage>();
    }
}
