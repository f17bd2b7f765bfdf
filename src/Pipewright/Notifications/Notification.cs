using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Notifications.Channels;
using Pipewright.Notifications.Outbox;
using Pipewright.Notifications.Preferences;

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
/// Adds a notification in the caller's context, with one outbox row for each external channel the recipient gets
/// this kind on, so that all of it is saved (or rolled back) with the change it tells about: nothing is sent for
/// a change that did not happen, and nothing is lost if a channel is down or the process stops before sending.
/// </summary>
public sealed class Notifier(TimeProvider clock, Strings l)
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
        WriteOutbox(db, notification);
        return notification;
    }

    // Synchronous on purpose: callers add notifications in the middle of their own work, before their one save.
    // The queries are small (enabled channels, one user's choices) and most companies enable no channel at all.
    private void WriteOutbox(PipewrightDb db, Notification notification)
    {
        var enabled = db.ChannelSettings.AsNoTracking().Where(c => c.Enabled).Select(c => c.Channel).ToList();
        if (enabled.Count == 0) return;
        var channels = ChannelsFor(db, notification.UserId, notification.Kind).Intersect(enabled).ToList();
        if (channels.Count == 0) return;

        var user = db.Users.AsNoTracking().Where(u => u.Id == notification.UserId)
            .Select(u => new { u.Email, u.PhoneNumber, u.IsActive }).SingleOrDefault();
        if (user is null || !user.IsActive) return;
        var profile = db.NotificationProfiles.AsNoTracking().SingleOrDefault(p => p.UserId == notification.UserId);

        var (subject, body) = Render(notification, profile?.Language ?? Strings.Chinese.Name);
        foreach (var channel in channels)
        {
            var recipient = channel switch
            {
                NotificationChannels.Email => user.Email,
                NotificationChannels.WeComApp => profile?.WeComUserId,
                _ => Mentions.Mobile(user.PhoneNumber) ?? "",
            };
            if (string.IsNullOrWhiteSpace(recipient) && !NotificationChannels.IsRobot(channel)) continue; // no address: the app still has it
            db.OutboxMessages.Add(new OutboxMessage
            {
                NotificationId = notification.Id, UserId = notification.UserId, Kind = notification.Kind, Channel = channel,
                Recipient = recipient ?? "", Subject = subject, Body = body,
                NextAttemptAt = notification.CreatedAt, CreatedAt = notification.CreatedAt,
            });
        }
    }

    /// <summary>The kind's default channels, corrected by the person's own choices.</summary>
    public static IEnumerable<string> ChannelsFor(PipewrightDb db, Guid userId, string kind)
    {
        var defaults = NotificationKinds.Find(kind)?.DefaultChannels ?? [];
        var choices = db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId && p.Kind == kind)
            .ToDictionary(p => p.Channel, p => p.Enabled);
        return NotificationChannels.All.Where(c => choices.TryGetValue(c, out var on) ? on : defaults.Contains(c));
    }

    private (string Subject, string Body) Render(Notification notification, string language)
    {
        var culture = Strings.Cultures.FirstOrDefault(c => c.Name == language) ?? Strings.Chinese;
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
            return (notification.Title(l), notification.Body(l));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }
}
