using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Notifications.Preferences;

/// <summary>A person's choice for one event kind on one channel; without a row the kind's default applies.</summary>
public sealed class NotificationPreference : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    public string Channel { get; set; } = "";
    public bool Enabled { get; set; }

    [NotMapped] public (string Type, Guid Id) AuditRoot => ("AppUser", UserId);

    public sealed class Configuration : IEntityTypeConfiguration<NotificationPreference>
    {
        public void Configure(EntityTypeBuilder<NotificationPreference> p)
        {
            p.Property(x => x.Kind).HasMaxLength(32);
            p.Property(x => x.Channel).HasMaxLength(32);
            p.HasIndex(x => new { x.UserId, x.Kind, x.Channel }).IsUnique();
        }
    }
}

/// <summary>Where and in which language a person is reached outside the app (e-mail and mobile are on the user).</summary>
public sealed class NotificationProfile : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }

    /// <summary>The person's account in WeCom (成员 UserID), for app messages.</summary>
    public string? WeComUserId { get; set; }

    /// <summary>zh-CN or en-US: messages are written in it.</summary>
    public string Language { get; set; } = "zh-CN";

    [NotMapped] public (string Type, Guid Id) AuditRoot => ("AppUser", UserId);

    public sealed class Configuration : IEntityTypeConfiguration<NotificationProfile>
    {
        public void Configure(EntityTypeBuilder<NotificationProfile> p)
        {
            p.Property(x => x.WeComUserId).HasMaxLength(64);
            p.Property(x => x.Language).HasMaxLength(8);
            p.HasIndex(x => x.UserId).IsUnique();
        }
    }
}

public static class PreferenceTables
{
    extension(PipewrightDb db)
    {
        public DbSet<NotificationPreference> NotificationPreferences => db.Set<NotificationPreference>();
        public DbSet<NotificationProfile> NotificationProfiles => db.Set<NotificationProfile>();
    }
}
