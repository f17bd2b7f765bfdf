using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Notifications.Channels;
using Pipewright.Notifications.ChannelSettings;
using Pipewright.Notifications.ListNotifications;
using Pipewright.Notifications.Outbox;
using Pipewright.Notifications.Preferences;

namespace Pipewright.Notifications;

public static class NotificationsModule
{
    /// <summary>The HttpClient the channels call out with.</summary>
    public const string HttpClient = "notification-channels";

    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration("Notifications").ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(HttpClient, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<Notifier>();
        services.AddScoped<NotificationsHandler>();
        services.AddScoped<Organisation.IHandoverObserver, HandoverNotice>();
        services.AddSingleton<ChannelSecrets>();
        services.AddSingleton<ChannelSettingsStore>();
        services.AddSingleton<INotificationChannel, WeComRobot>();
        services.AddSingleton<INotificationChannel, WeComApp>();
        services.AddSingleton<INotificationChannel, DingTalkRobot>();
        services.AddSingleton<INotificationChannel, FeishuBot>();
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddScoped<ChannelSettingsHandler>();
        services.AddScoped<PreferencesHandler>();
        services.AddScoped<OutboxAdminHandler>();
        services.AddSingleton<OutboxDelivery>();
        services.AddHostedService<OutboxJob>();
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

        notifications.MapGet("/preferences", async (CurrentUser user, PreferencesHandler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.GetAsync(user, ct)));

        notifications.MapPut("/preferences", async (SavePreferencesRequest request, CurrentUser user, PreferencesHandler handler, CancellationToken ct) =>
                (await handler.SaveAsync(request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<SavePreferencesRequest>().Produces<PreferencesDto>();

        var channels = api.MapGroup("/channels").WithTags("Notification channels").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        channels.MapGet("/", async (ChannelSettingsHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(ct)));
        channels.MapPut("/{channel}", async (string channel, SaveChannelRequest request, CurrentUser user, ChannelSettingsHandler handler, CancellationToken ct) =>
                (await handler.SaveAsync(channel, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<SaveChannelRequest>().Produces<ChannelSettingDto>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        channels.MapPost("/{channel}/test", async (string channel, TestChannelRequest? request, CurrentUser user, ChannelSettingsHandler handler, CancellationToken ct) =>
                (await handler.TestAsync(channel, request ?? new TestChannelRequest(), user, ct)).ToResult(TypedResults.Ok))
            .AddEndpointFilter(async (context, next) =>
                context.Arguments.OfType<TestChannelRequest>().FirstOrDefault() is { } body && Validation.Validate(body) is { Count: > 0 } errors
                    ? Failure.Invalid(errors).ToProblem()
                    : await next(context))
            .Produces<TestChannelResult>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var outbox = api.MapGroup("/outbox").WithTags("Notification channels").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        outbox.MapGet("/", async ([AsParameters] ListOutboxRequest request, OutboxAdminHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(request, ct)).ToResult(TypedResults.Ok))
            .Validated<ListOutboxRequest>().Produces<Paged<OutboxMessageDto>>();
        outbox.MapPost("/{id:guid}/retry", async (Guid id, OutboxAdminHandler handler, CancellationToken ct) =>
                (await handler.RetryAsync(id, ct)).ToResult(TypedResults.Ok))
            .Produces<OutboxMessageDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return api;
    }
}
