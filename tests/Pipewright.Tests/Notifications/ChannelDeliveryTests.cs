using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pipewright.Notifications;
using Pipewright.Notifications.Channels;
using Pipewright.Notifications.Outbox;
using Pipewright.Tests.Infrastructure;
using Pipewright.Tests.PublicPool;

namespace Pipewright.Tests.Notifications;

/// <summary>
/// Notifications leave through the outbox to real HTTP listeners on 127.0.0.1 standing in for WeCom, DingTalk and
/// Feishu: exact payloads and signatures, the channels' "too fast" answers, a channel that is down for a while.
/// </summary>
public sealed class ChannelDeliveryTests(ChannelsApp app) : IClassFixture<ChannelsApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetChannelsAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_WeCom_robot_gets_the_documented_text_payload_mentioning_the_persons_mobile()
    {
        await using var wecom = await ChannelHttpListener.StartAsync();
        await app.ConfigureAsync(NotificationChannels.WeComRobot, new { enabled = true, baseAddress = wecom.BaseAddress, key = "robot-key-1" });
        var (rep, _) = await app.NewReachableRepAsync("13800138000");

        await app.NotifyReturnedAsync(rep);
        Assert.Equal(1, (await app.DeliverAsync()).Delivered);

        var request = Assert.Single(wecom.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/cgi-bin/webhook/send", request.Path);
        Assert.Equal("robot-key-1", request.QueryValue("key"));
        var expected = new JsonObject
        {
            ["msgtype"] = "text",
            ["text"] = new JsonObject { ["content"] = $"{ChannelTesting.ReturnedTitle}\n{ChannelTesting.ReturnedBody}", ["mentioned_mobile_list"] = new JsonArray("13800138000") },
        };
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Body)), request.Body);
        Assert.Contains(ChannelTesting.ReturnedTitle, request.Body); // UTF-8 on the wire, not \u escapes
        var row = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Delivered, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("\"errcode\":0", row.LastAnswer);
        Assert.Equal(0, (await app.DeliverAsync()).Delivered);
        Assert.Single(wecom.Requests);

        app.Clock.Advance(TimeSpan.FromDays(31)); // the delivery log keeps 30 days
        await app.DeliverAsync();
        Assert.Empty(await app.OutboxAsync());
    }

    [Fact]
    public async Task A_DingTalk_robot_call_is_signed_with_the_millisecond_timestamp_and_the_secret()
    {
        await using var dingtalk = await ChannelHttpListener.StartAsync();
        await app.ConfigureAsync(NotificationChannels.DingTalkRobot,
            new { enabled = true, baseAddress = dingtalk.BaseAddress, key = "ding-token", secret = "SECexample0123456789" });
        var (rep, _) = await app.NewReachableRepAsync("13900139000");

        await app.NotifyReturnedAsync(rep);
        await app.DeliverAsync();

        var request = Assert.Single(dingtalk.Requests);
        Assert.Equal("/robot/send", request.Path);
        Assert.Equal("ding-token", request.QueryValue("access_token"));
        var timestamp = long.Parse(request.QueryValue("timestamp"));
        Assert.InRange(timestamp, app.Clock.GetUtcNow().AddMinutes(-1).ToUnixTimeMilliseconds(), app.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        var expectedSign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("SECexample0123456789"),
            Encoding.UTF8.GetBytes($"{timestamp}\nSECexample0123456789")));
        Assert.Contains("&sign=" + Uri.EscapeDataString(expectedSign), request.Query); // URL-encoded on the wire
        var expected = new JsonObject
        {
            ["msgtype"] = "text",
            ["text"] = new JsonObject { ["content"] = $"{ChannelTesting.ReturnedTitle}\n{ChannelTesting.ReturnedBody}" },
            ["at"] = new JsonObject { ["atMobiles"] = new JsonArray("13900139000"), ["isAtAll"] = false },
        };
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Body)), request.Body);
        Assert.Equal(OutboxStatus.Delivered, Assert.Single(await app.OutboxAsync()).Status);
    }

    [Fact]
    public async Task A_Feishu_bot_gets_the_text_with_a_timestamp_in_seconds_and_its_signature()
    {
        await using var feishu = await ChannelHttpListener.StartAsync();
        feishu.Answer = _ => (200, """{"code":0,"msg":"success","data":{}}""");
        await app.ConfigureAsync(NotificationChannels.FeishuBot,
            new { enabled = true, baseAddress = feishu.BaseAddress, key = "hook-123", secret = "example-feishu-secret" });
        var (rep, _) = await app.NewReachableRepAsync();

        await app.NotifyReturnedAsync(rep);
        await app.DeliverAsync();

        var request = Assert.Single(feishu.Requests);
        Assert.Equal("/open-apis/bot/v2/hook/hook-123", request.Path);
        var body = JsonNode.Parse(request.Body)!.AsObject();
        var timestamp = body["timestamp"]!.GetValue<string>();
        var expectedSign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{timestamp}\nexample-feishu-secret"), Array.Empty<byte>()));
        var expected = new JsonObject
        {
            ["msg_type"] = "text",
            ["content"] = new JsonObject { ["text"] = $"{ChannelTesting.ReturnedTitle}\n{ChannelTesting.ReturnedBody}" },
            ["timestamp"] = timestamp,
            ["sign"] = expectedSign,
        };
        Assert.True(JsonNode.DeepEquals(expected, body), request.Body);
        Assert.InRange(long.Parse(timestamp), app.Clock.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds(), app.Clock.GetUtcNow().ToUnixTimeSeconds());
        Assert.Equal(OutboxStatus.Delivered, Assert.Single(await app.OutboxAsync()).Status);
    }

    [Fact]
    public async Task A_WeCom_app_message_fetches_a_token_once_caches_it_and_fetches_a_new_one_when_WeCom_says_it_expired()
    {
        await using var wecom = await ChannelHttpListener.StartAsync();
        var tokens = 0;
        var expired = new HashSet<string>();
        wecom.Answer = request => request.Path switch
        {
            "/cgi-bin/gettoken" => (200, $$"""{"errcode":0,"errmsg":"ok","access_token":"TOKEN{{++tokens}}","expires_in":7200}"""),
            "/cgi-bin/message/send" when expired.Contains(request.QueryValue("access_token")) =>
                (200, """{"errcode":42001,"errmsg":"access_token expired"}"""),
            _ => (200, """{"errcode":0,"errmsg":"ok","invaliduser":"","msgid":"m1"}"""),
        };
        await app.ConfigureAsync(NotificationChannels.WeComApp,
            new { enabled = true, baseAddress = wecom.BaseAddress, account = "ww-corp-1", sender = "1000002", secret = "corp-secret-1" });
        var (rep, userName) = await app.NewReachableRepAsync();
        await app.SetWeComUserIdAsync(userName, "WangLei");

        await app.NotifyReturnedAsync(rep);
        await app.NotifyReturnedAsync(rep, "杭州恒力机械");
        Assert.Equal(2, (await app.DeliverAsync()).Delivered);
        var calls = wecom.Requests.ToList();
        Assert.Equal(["/cgi-bin/gettoken", "/cgi-bin/message/send", "/cgi-bin/message/send"], calls.Select(c => c.Path));
        Assert.Equal("ww-corp-1", calls[0].QueryValue("corpid"));
        Assert.Equal("corp-secret-1", calls[0].QueryValue("corpsecret"));
        Assert.All(calls.Skip(1), c => Assert.Equal("TOKEN1", c.QueryValue("access_token")));
        var expected = new JsonObject
        {
            ["touser"] = "WangLei", ["msgtype"] = "text", ["agentid"] = 1000002,
            ["text"] = new JsonObject { ["content"] = $"{ChannelTesting.ReturnedTitle}\n{ChannelTesting.ReturnedBody}" },
            ["enable_duplicate_check"] = 1, ["duplicate_check_interval"] = 1800,
        };
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(calls[1].Body)), calls[1].Body);

        expired.Add("TOKEN1");
        await app.NotifyReturnedAsync(rep, "温州正泰阀门");
        Assert.Equal(1, (await app.DeliverAsync()).Delivered);
        var later = wecom.Requests.Skip(3).ToList();
        Assert.Equal(["/cgi-bin/message/send", "/cgi-bin/gettoken", "/cgi-bin/message/send"], later.Select(c => c.Path));
        Assert.Equal("TOKEN2", later[2].QueryValue("access_token"));
        Assert.All(await app.OutboxAsync(NotificationChannels.WeComApp), m => Assert.Equal(OutboxStatus.Delivered, m.Status));
    }

    [Fact]
    public async Task A_rate_limited_answer_is_tried_again_after_a_minute_and_delivered_once()
    {
        await using var wecom = await ChannelHttpListener.StartAsync();
        var answers = new Queue<(int, string)>([(200, """{"errcode":45009,"errmsg":"api freq out of limit"}"""), (429, "{}")]);
        wecom.Answer = _ => answers.TryDequeue(out var answer) ? answer : (200, """{"errcode":0,"errmsg":"ok"}""");
        await app.ConfigureAsync(NotificationChannels.WeComRobot, new { enabled = true, baseAddress = wecom.BaseAddress, key = "k" });
        var (rep, _) = await app.NewReachableRepAsync();
        await app.NotifyReturnedAsync(rep);

        Assert.Equal(1, (await app.DeliverAsync()).Deferred);
        var waiting = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Equal(0, waiting.Attempts); // slowing down is not a failure
        Assert.Contains("45009", waiting.LastAnswer);
        Assert.True(waiting.NextAttemptAt >= app.Clock.GetUtcNow().AddSeconds(50));

        await app.DeliverAsync();
        Assert.Single(wecom.Requests); // not before its time

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, (await app.DeliverAsync()).Deferred); // HTTP 429 is the same answer
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, (await app.DeliverAsync()).Delivered);

        Assert.Equal(3, wecom.Requests.Count);
        var delivered = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Delivered, delivered.Status);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.DeliverAsync();
        Assert.Equal(3, wecom.Requests.Count);
    }

    [Fact]
    public async Task A_channel_that_is_down_gets_the_message_once_after_it_comes_back()
    {
        var dingtalk = await ChannelHttpListener.StartAsync();
        var port = dingtalk.Port;
        await app.ConfigureAsync(NotificationChannels.DingTalkRobot, new { enabled = true, baseAddress = dingtalk.BaseAddress, key = "t", secret = "SECx" });
        var (rep, _) = await app.NewReachableRepAsync();
        await dingtalk.StopAsync();

        await app.NotifyReturnedAsync(rep);
        Assert.Equal(1, (await app.DeliverAsync()).Retrying);
        var waiting = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.InRange(waiting.NextAttemptAt - app.Clock.GetUtcNow(), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40));

        app.Clock.Advance(TimeSpan.FromSeconds(41));
        Assert.Equal(1, (await app.DeliverAsync()).Retrying); // still down: the second wait is longer
        Assert.Equal(2, Assert.Single(await app.OutboxAsync()).Attempts);

        await dingtalk.StartAsync(port);
        await using var _ = dingtalk;
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await app.DeliverAsync()).Delivered);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.DeliverAsync();

        Assert.Single(dingtalk.Requests);
        var delivered = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Delivered, delivered.Status);
        Assert.Equal(3, delivered.Attempts);
    }

    [Fact]
    public async Task A_robot_gets_at_most_20_messages_a_minute_and_the_21st_after_the_minute()
    {
        await using var wecom = await ChannelHttpListener.StartAsync();
        await app.ConfigureAsync(NotificationChannels.WeComRobot, new { enabled = true, baseAddress = wecom.BaseAddress, key = "k" });
        var (rep, _) = await app.NewReachableRepAsync();
        for (var i = 1; i <= 21; i++) await app.NotifyReturnedAsync(rep, $"客户{i:00}");

        var first = await app.DeliverAsync();
        Assert.Equal((20, 1), (first.Delivered, first.Deferred));
        Assert.Equal(20, wecom.Requests.Count);
        Assert.Equal(0, (await app.DeliverAsync()).Delivered);

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, (await app.DeliverAsync()).Delivered);
        Assert.Equal(21, wecom.Requests.Count);
        Assert.Equal(21, wecom.Requests.Select(r => JsonNode.Parse(r.Body)!["text"]!["content"]!.GetValue<string>()).Distinct().Count());
        Assert.All(await app.OutboxAsync(), m => Assert.Equal(OutboxStatus.Delivered, m.Status));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_marked_failed_and_an_administrator_sends_it_again()
    {
        await using var wecom = await ChannelHttpListener.StartAsync();
        wecom.Answer = _ => (200, """{"errcode":93000,"errmsg":"invalid webhook url"}""");
        await app.ConfigureAsync(NotificationChannels.WeComRobot, new { enabled = true, baseAddress = wecom.BaseAddress, key = "wrong" });
        var (rep, _) = await app.NewReachableRepAsync();
        await app.NotifyReturnedAsync(rep);

        Assert.Equal(1, (await app.DeliverAsync()).Failed); // a bad key does not get better by waiting
        var admin = await app.AdminAsync();
        var failed = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/outbox?status=failed"))!;
        var item = Assert.Single(failed["items"]!.AsArray())!;
        Assert.Contains("93000", item["lastAnswer"]!.GetValue<string>());
        Assert.Equal("failed", item["status"]!.GetValue<string>());

        await app.ConfigureAsync(NotificationChannels.WeComRobot, new { enabled = true, baseAddress = wecom.BaseAddress, key = "right" });
        wecom.Answer = _ => (200, """{"errcode":0,"errmsg":"ok"}""");
        var retry = await admin.PostAsync($"/api/v1/outbox/{item["id"]}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, (await app.DeliverAsync()).Delivered);
        Assert.Equal("right", wecom.Requests.Last().QueryValue("key"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsync($"/api/v1/outbox/{item["id"]}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/outbox/{Guid.NewGuid()}/retry", null)).StatusCode);
        var rep1 = await app.SignInAsync("rep1");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep1.GetAsync("/api/v1/outbox")).StatusCode);
    }

    [Fact]
    public async Task E_mail_goes_to_a_real_SMTP_listener_and_a_temporary_refusal_is_sent_again_once()
    {
        await using var smtp = new SmtpListener();
        await app.ConfigureAsync(NotificationChannels.Email,
            new { enabled = true, baseAddress = "127.0.0.1", port = smtp.Port, useTls = false, sender = "crm@pipewright.example" });
        var (rep, userName) = await app.NewReachableRepAsync();
        smtp.RefuseNext = 1;

        await app.NotifyReturnedAsync(rep);
        Assert.Equal(1, (await app.DeliverAsync()).Retrying);
        Assert.Empty(smtp.Messages);
        Assert.Contains("451", Assert.Single(await app.OutboxAsync()).LastAnswer);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await app.DeliverAsync()).Delivered);
        var raw = Assert.Single(smtp.Messages);
        var mail = MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
        Assert.Equal(ChannelTesting.ReturnedTitle, mail.Subject);
        Assert.Equal($"{userName}@example.cn", mail.To.Mailboxes.Single().Address);
        Assert.Equal("crm@pipewright.example", mail.From.Mailboxes.Single().Address);
        Assert.Equal(ChannelTesting.ReturnedBody, mail.TextBody!.Trim());
        Assert.Contains(ChannelTesting.ReturnedBody, mail.HtmlBody);
        Assert.Equal($"{Assert.Single(await app.OutboxAsync()).Id:N}@pipewright", mail.MessageId);
    }

    [Fact]
    public async Task A_channel_a_person_switched_off_gets_no_outbox_row_and_messages_are_in_their_language()
    {
        await using var wecom = await ChannelHttpListener.StartAsync();
        await app.ConfigureAsync(NotificationChannels.WeComRobot, new { enabled = true, baseAddress = wecom.BaseAddress, key = "k" });
        await app.ConfigureAsync(NotificationChannels.Email, new { enabled = true, baseAddress = "127.0.0.1", port = 2525, sender = "crm@pipewright.example" });
        var (rep, userName) = await app.NewReachableRepAsync();
        var me = await app.SignInAsync(userName);

        var preferences = (await me.GetFromJsonAsync<JsonObject>("/api/v1/notifications/preferences"))!;
        var returned = preferences["kinds"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == "pool-returned")!;
        Assert.Equal("客户已退回公海", returned["name"]!.GetValue<string>());
        var email = returned["channels"]!.AsArray().Single(c => c!["channel"]!.GetValue<string>() == "email")!;
        Assert.True(email["enabled"]!.GetValue<bool>());
        Assert.True(email["available"]!.GetValue<bool>());

        var saved = await me.PutAsJsonAsync("/api/v1/notifications/preferences", new
        {
            choices = new[] { new { kind = "pool-returned", channel = "email", enabled = false } }, language = "en-US",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await app.NotifyReturnedAsync(rep);

        var row = Assert.Single(await app.OutboxAsync());
        Assert.Equal(NotificationChannels.WeComRobot, row.Channel);
        Assert.Equal("A customer returned to the pool", row.Subject);
        Assert.Single((await me.GetFromJsonAsync<JsonObject>("/api/v1/notifications"))!["items"]!.AsArray()); // the app always has it

        var bad = await me.PutAsJsonAsync("/api/v1/notifications/preferences", new
        {
            choices = new[] { new { kind = "no-such-kind", channel = "email", enabled = false } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await PipewrightApp.ReadAsync(bad))["errors"]!["choices[0].kind"]);
    }

    [Fact]
    public async Task Channel_secrets_are_stored_encrypted_and_never_returned()
    {
        await app.ConfigureAsync(NotificationChannels.DingTalkRobot,
            new { enabled = false, key = "ding-access-token-secret", secret = "SECvery-secret-signing-key" });
        var admin = await app.AdminAsync();
        var listing = await admin.GetStringAsync("/api/v1/channels");
        Assert.DoesNotContain("ding-access-token-secret", listing);
        Assert.DoesNotContain("SECvery-secret-signing-key", listing);
        var dingtalk = JsonNode.Parse(listing)!.AsArray().Single(c => c!["channel"]!.GetValue<string>() == "dingtalk-robot")!;
        Assert.True(dingtalk["keySet"]!.GetValue<bool>());
        Assert.True(dingtalk["secretSet"]!.GetValue<bool>());
        Assert.Equal("https://oapi.dingtalk.com", dingtalk["baseAddress"]!.GetValue<string>());

        await using (var db = await app.Db())
        {
            var row = db.ChannelSettings.Single(c => c.Channel == "dingtalk-robot");
            Assert.DoesNotContain("ding-access-token-secret", row.ProtectedKey!);
            Assert.DoesNotContain("SECvery", row.ProtectedSecret);
        }

        // Saving again without the secrets keeps them.
        await app.ConfigureAsync(NotificationChannels.DingTalkRobot, new { enabled = false, baseAddress = "http://127.0.0.1:1" });
        var again = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/channels"))!.Single(c => c!["channel"]!.GetValue<string>() == "dingtalk-robot")!;
        Assert.True(again["secretSet"]!.GetValue<bool>());

        var invalid = await admin.PutAsJsonAsync("/api/v1/channels/dingtalk-robot", new { enabled = true, baseAddress = "ftp://x" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.NotNull((await PipewrightApp.ReadAsync(invalid))["errors"]!["baseAddress"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/v1/channels/pager", new { enabled = true })).StatusCode);
        var incomplete = await admin.PutAsJsonAsync("/api/v1/channels/wecom-robot", new { enabled = true });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        Assert.Contains("key", (await PipewrightApp.ReadAsync(incomplete))["detail"]!.GetValue<string>());
        var rep1 = await app.SignInAsync("rep1");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep1.GetAsync("/api/v1/channels")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep1.PutAsJsonAsync("/api/v1/channels/wecom-robot", new { enabled = false })).StatusCode);
    }

    [Fact]
    public async Task A_test_message_goes_out_at_once_and_shows_the_channels_answer()
    {
        await using var wecom = await ChannelHttpListener.StartAsync();
        await app.ConfigureAsync(NotificationChannels.WeComRobot, new { enabled = false, baseAddress = wecom.BaseAddress, key = "k" });
        var admin = await app.AdminAsync();

        var ok = await admin.PostAsJsonAsync("/api/v1/channels/wecom-robot/test", new { });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var result = await PipewrightApp.ReadAsync(ok);
        Assert.True(result["delivered"]!.GetValue<bool>());
        Assert.Contains("\"errcode\":0", result["answer"]!.GetValue<string>());
        Assert.Contains("匠销测试消息", JsonNode.Parse(Assert.Single(wecom.Requests).Body)!["text"]!["content"]!.GetValue<string>());

        wecom.Answer = _ => (200, """{"errcode":93000,"errmsg":"invalid webhook url"}""");
        var refused = await PipewrightApp.ReadAsync(await admin.PostAsJsonAsync("/api/v1/channels/wecom-robot/test", new { }));
        Assert.False(refused["delivered"]!.GetValue<bool>());
        Assert.Equal("permanent", refused["outcome"]!.GetValue<string>());
        Assert.Contains("93000", refused["answer"]!.GetValue<string>());

        await wecom.StopAsync();
        var down = await PipewrightApp.ReadAsync(await admin.PostAsJsonAsync("/api/v1/channels/wecom-robot/test", new { }));
        Assert.False(down["delivered"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsJsonAsync("/api/v1/channels/feishu-bot/test", new { })).StatusCode);
        Assert.Empty(await app.OutboxAsync()); // a test goes around the outbox
    }
}
