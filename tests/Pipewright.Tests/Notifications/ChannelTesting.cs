using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Notifications;
using Pipewright.Notifications.Channels;
using Pipewright.Notifications.Outbox;
using Pipewright.Notifications.Preferences;
using Pipewright.Tests.Infrastructure;
using Pipewright.Tests.PublicPool;

namespace Pipewright.Tests.Notifications;

/// <summary>A company whose outbox is delivered only when a test says so.</summary>
public sealed class ChannelsApp : CompanyApp
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Notifications:DeliveryEnabled"] = "false",
    };
}

public static class ChannelTesting
{
    public const string Customer = "宁波甬江化工";
    public const string ReturnedTitle = "客户已退回公海";
    public const string ReturnedBody = "“宁波甬江化工”超过规定天数未跟进，已退回公海。";

    public static Task<DeliveryRun> DeliverAsync(this PipewrightApp app) =>
        app.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync();

    /// <summary>Tests of one class share a database: each starts with no channel, no outbox and no preferences.</summary>
    public static async Task ResetChannelsAsync(this PipewrightApp app)
    {
        await using var db = await app.Db();
        await db.OutboxMessages.ExecuteDeleteAsync();
        await db.ChannelSettings.ExecuteDeleteAsync();
        await db.NotificationPreferences.ExecuteDeleteAsync();
    }

    public static async Task ConfigureAsync(this PipewrightApp app, string channel, object settings)
    {
        var admin = await app.AdminAsync();
        var response = await admin.PutAsJsonAsync($"/api/v1/channels/{channel}", settings);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A sales rep of 宁波组 with a mobile and an e-mail address; id and user name.</summary>
    public static async Task<(Guid Id, string UserName)> NewReachableRepAsync(this CompanyApp app, string mobile = "13800138000")
    {
        var userName = PipewrightApp.Unique("rep");
        var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName, displayName = "王磊" + userName[^3..], password = PipewrightApp.Password, roles = new[] { "SalesRep" },
            teamId = app.Ningbo, mobile, email = $"{userName}@example.cn",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await PipewrightApp.ReadAsync(response))["id"]!.GetValue<Guid>(), userName);
    }

    /// <summary>What the pool rules write when a customer returns to the pool, saved like they save it.</summary>
    public static async Task<Guid> NotifyReturnedAsync(this PipewrightApp app, Guid userId, string customer = Customer)
    {
        var notifier = app.Services.GetRequiredService<Notifier>();
        await using var db = await app.Db();
        var id = notifier.Notify(db, userId, "pool-returned", "notification.pool.returned.title", "notification.pool.returned.noFollowUp",
            [customer], "/customers").Id;
        await db.SaveChangesAsync();
        return id;
    }

    public static async Task<List<OutboxMessage>> OutboxAsync(this PipewrightApp app, string? channel = null)
    {
        await using var db = await app.Db();
        return await db.OutboxMessages.AsNoTracking().Where(m => channel == null || m.Channel == channel)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync();
    }

    public static async Task SetWeComUserIdAsync(this PipewrightApp app, string userName, string weComUserId)
    {
        var me = await app.SignInAsync(userName);
        var response = await me.PutAsJsonAsync("/api/v1/notifications/preferences", new { weComUserId });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static INotificationChannel Channel(this PipewrightApp app, string key) =>
        app.Services.GetServices<INotificationChannel>().Single(c => c.Channel == key);
}
