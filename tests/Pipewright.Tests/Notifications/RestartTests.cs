using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pipewright.Notifications;
using Pipewright.Notifications.Outbox;
using Pipewright.Tests.Infrastructure;
using Pipewright.Tests.PublicPool;

namespace Pipewright.Tests.Notifications;

/// <summary>A Pipewright process on a given data folder and database, with the delivery job on or off.</summary>
public sealed class ProcessApp(PipewrightApp? sameDataAs, bool deliver) : PipewrightApp
{
    protected override IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["Notifications:DeliveryEnabled"] = deliver ? "true" : "false",
                ["Notifications:DeliveryIntervalSeconds"] = "1",
            };
            if (sameDataAs is null) return settings;
            settings["Storage:Root"] = sameDataAs.Root;
            if (sameDataAs.PostgresConnectionString is { } postgres) settings["ConnectionStrings:Default"] = postgres;
            return settings;
        }
    }
}

public sealed class RestartTests
{
    [Fact]
    public async Task Notifications_written_before_a_restart_are_delivered_exactly_once_by_the_next_process()
    {
        await using var wecom = await ChannelHttpListener.StartAsync();
        var first = new ProcessApp(null, deliver: false);
        await first.InitializeAsync();
        ProcessApp? second = null;
        try
        {
            await first.ConfigureAsync(NotificationChannels.WeComRobot, new { enabled = true, baseAddress = wecom.BaseAddress, key = "restart" });
            var admin = await first.AdminAsync();
            var created = await admin.PostAsJsonAsync("/api/v1/users", new
            {
                userName = "restartrep", displayName = "王磊", password = PipewrightApp.Password, roles = new[] { "SalesRep" }, mobile = "13800138000",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var rep = (await PipewrightApp.ReadAsync(created))["id"]!.GetValue<Guid>();
            foreach (var customer in new[] { "宁波甬江化工", "杭州恒力机械", "温州正泰阀门" }) await first.NotifyReturnedAsync(rep, customer);

            // The first process had claimed one message and died while sending it: its lease runs out two minutes later.
            await using (var db = await first.Db())
            {
                var claimed = await db.OutboxMessages.OrderBy(m => m.CreatedAt).FirstAsync();
                claimed.Status = OutboxStatus.Sending;
                claimed.ClaimToken = Guid.NewGuid();
                claimed.LeaseUntil = first.Clock.GetUtcNow().AddMinutes(2);
                await db.SaveChangesAsync();
            }
            await first.DisposeAsync(); // the process stops; its data folder and database stay
            Assert.Empty(wecom.Requests);

            second = new ProcessApp(first, deliver: true);
            await second.InitializeAsync();
            await WaitForAsync(() => wecom.Requests.Count >= 2);
            Assert.Equal(2, wecom.Requests.Count);

            second.Clock.Advance(TimeSpan.FromMinutes(3));
            await WaitForAsync(() => wecom.Requests.Count >= 3);
            await Task.Delay(TimeSpan.FromSeconds(3)); // a few more runs of the job: nothing is sent twice

            var contents = wecom.Requests.Select(r => JsonNode.Parse(r.Body)!["text"]!["content"]!.GetValue<string>()).ToList();
            Assert.Equal(3, contents.Count);
            Assert.Equal(3, contents.Distinct().Count());
            Assert.All(await second.OutboxAsync(), m => Assert.Equal(OutboxStatus.Delivered, m.Status));
        }
        finally
        {
            if (second is not null) await ((IAsyncLifetime)second).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < until) await Task.Delay(100);
    }
}
