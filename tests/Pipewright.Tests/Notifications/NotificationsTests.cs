using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Notifications;
using Pipewright.Tests.Infrastructure;
using Pipewright.Tests.PublicPool;

namespace Pipewright.Tests.Notifications;

public sealed class NotificationsTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task A_person_reads_their_own_notifications_newest_first_in_their_language_and_marks_them_read()
    {
        var (meId, meName) = await app.NewRepAsync("notified");
        var (otherId, _) = await app.NewRepAsync("other");
        var notifier = app.Services.GetRequiredService<Notifier>();
        await using (var db = await app.Db())
        {
            notifier.Notify(db, meId, "pool.warning", "notification.pool.warning.title", "notification.pool.warning.body", ["宁波甬江化工", 3, "2026-12-01"]);
            await db.SaveChangesAsync();
        }
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Guid othersId;
        await using (var db = await app.Db())
        {
            notifier.Notify(db, meId, "pool.returned", "notification.pool.returned.title", "notification.pool.returned.noFollowUp", ["宁波甬江化工"], "/customers");
            othersId = notifier.Notify(db, otherId, "pool.returned", "notification.pool.returned.title", "notification.pool.returned.noFollowUp", ["别人的客户"]).Id;
            await db.SaveChangesAsync();
        }

        var me = await app.SignInAsync(meName);
        var list = (await me.GetFromJsonAsync<JsonObject>("/api/v1/notifications"))!;
        Assert.Equal(2, list["total"]!.GetValue<int>());
        var items = list["items"]!.AsArray();
        Assert.Equal("“宁波甬江化工”超过规定天数未跟进，已退回公海。", items[0]!["body"]!.GetValue<string>());
        Assert.Equal("“宁波甬江化工”再过 3 天（2026-12-01）将退回公海，请尽快跟进。", items[1]!["body"]!.GetValue<string>());
        var english = await app.SignInAsync(meName, language: "en-US");
        var inEnglish = (await english.GetFromJsonAsync<JsonObject>("/api/v1/notifications"))!["items"]![0]!;
        Assert.Equal("A customer returned to the pool", inEnglish["title"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotFound, (await me.PostAsync($"/api/v1/notifications/{othersId}/read", null)).StatusCode);
        var read = await me.PostAsync($"/api/v1/notifications/{items[0]!["id"]}/read", null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.NotNull((await PipewrightApp.ReadAsync(read))["readAt"]);
        var unread = (await me.GetFromJsonAsync<JsonObject>("/api/v1/notifications?unread=true"))!;
        Assert.Equal(1, unread["total"]!.GetValue<int>());

        Assert.Equal(1, (await PipewrightApp.ReadAsync(await me.PostAsync("/api/v1/notifications/read-all", null)))["marked"]!.GetValue<int>());
        Assert.Equal(0, (await me.GetFromJsonAsync<JsonObject>("/api/v1/notifications/unread-count"))!["unread"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, (await me.GetAsync("/api/v1/notifications?pageSize=500")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/notifications")).StatusCode);
    }
}
