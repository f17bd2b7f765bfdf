using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;

namespace Pipewright.Notifications.ListNotifications;

public sealed record ListNotificationsRequest : PagedQuery
{
    /// <summary>true: only the unread ones.</summary>
    public bool? Unread { get; init; }
}

public sealed record NotificationDto(Guid Id, string Kind, string Title, string Body, string? Link,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>A person's own notifications, newest first, and marking them read; nobody reads another's.</summary>
public sealed class NotificationsHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock, Strings l)
{
    public async Task<Paged<NotificationDto>> ListAsync(ListNotificationsRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id);
        if (request.Unread is true) mine = mine.Where(n => n.ReadAt == null);
        var page = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToPageAsync(request, ct);
        return new Paged<NotificationDto>(page.Items.Select(ToDto).ToList(), page.Total, page.Page, page.PageSize);
    }

    public async Task<int> UnreadCountAsync(CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == user.Id && n.ReadAt == null, ct);
    }

    public async Task<Outcome<NotificationDto>> MarkReadAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == user.Id, ct);
        if (notification is null) return Failure.NotFound();
        notification.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return ToDto(notification);
    }

    public async Task<int> MarkAllReadAsync(CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.Notifications.Where(n => n.UserId == user.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    private NotificationDto ToDto(Notification n) => new(n.Id, n.Kind, n.Title(l), n.Body(l), n.Link, n.CreatedAt, n.ReadAt);
}
