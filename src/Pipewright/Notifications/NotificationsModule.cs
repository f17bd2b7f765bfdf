using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Notifications.ListNotifications;

namespace Pipewright.Notifications;

public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<Notifier>();
        services.AddScoped<NotificationsHandler>();
        services.AddScoped<Organisation.IHandoverObserver, HandoverNotice>();
        return services;
    }

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");

        notifications.MapGet("/", async ([AsParameters] ListNotificationsRequest request, CurrentUser user, NotificationsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(request, user, ct)))
            .Validated<ListNotificationsRequest>();

        notifications.MapGet("/unread-count", async (CurrentUser user, NotificationsHandler handler, CancellationToken ct) =>
            TypedResults.Ok(new { unread = await handler.UnreadCountAsync(user, ct) }));

        notifications.MapPost("/{id:guid}/read", async (Guid id, CurrentUser user, NotificationsHandler handler, CancellationToken ct) =>
                (await handler.MarkReadAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<NotificationDto>().ProducesProblem(StatusCodes.Status404NotFound);

        notifications.MapPost("/read-all", async (CurrentUser user, NotificationsHandler handler, CancellationToken ct) =>
            TypedResults.Ok(new { marked = await handler.MarkAllReadAsync(user, ct) }));

        return api;
    }
}
