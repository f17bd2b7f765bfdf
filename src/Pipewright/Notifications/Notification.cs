using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;

namespace Pipewright.Notifications;

/// <summary>
/// An in-app message to one person. Title and body are string keys with their arguments, so that each reader
/// sees them in their own language, whatever language (or job) wrote them.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }

    /// <summary>What happened (pool-warning, pool-returned, handover …): what a future channel or a filter keys on.</summary>
    public string Kind { get; set; } = "";
    public string TitleKey { get; set; } = "";
    public string BodyKey { get; set; } = "";
    public List<string> Args { get; set; } = [];
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    public string Title(Strings l) => l[TitleKey, [.. Args]];
    public string Body(Strings l) => l[BodyKey, [.. Args]];

    public sealed class Configuration : IEntityTypeConfiguration<Notification>
    {
        public void Configure(EntityTypeBuilder<Notification> n)
        {
            n.Property(x => x.Kind).HasMaxLength(32);
            n.Property(x => x.TitleKey).HasMaxLength(64);
            n.Property(x => x.BodyKey).HasMaxLength(64);
            n.Property(x => x.Link).HasMaxLength(200);
            n.HasIndex(x => new { x.UserId, x.CreatedAt });
            n.HasIndex(x => new { x.UserId, x.ReadAt });
        }
    }
}

public static class NotificationTables
{
    extension(PipewrightDb db)
    {
        public DbSet<Notification> Notifications => db.Set<Notification>();
    }
}

/// <summary>
/// Adds a notification in the caller's context, so that it is saved (or rolled back) with the change it
/// tells about. External channels will read the same rows later; nothing here knows about them.
/// </summary>
public sealed class Notifier(TimeProvider clock)
{
    public Notification Notify(PipewrightDb db, Guid userId, string kind, string titleKey, string bodyKey,
        IEnumerable<object> args, string? link = null)
    {
        var notification = new Notification
        {
            UserId = userId, Kind = kind, TitleKey = titleKey, BodyKey = bodyKey,
            Args = args.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList(),
            Link = link, CreatedAt = clock.GetUtcNow(),
        };
        db.Notifications.Add(notification);
        return notification;
    }
}
