using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

public sealed class NotificationChannelsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_administrator_sets_up_the_WeCom_robot_and_a_rep_switches_it_off_for_one_kind_of_notification()
    {
        // A WeCom robot webhook on 127.0.0.1 that answers like WeCom and keeps what it got.
        var received = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var wecom = builder.Build();
        wecom.MapPost("/cgi-bin/webhook/send", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            received.Enqueue(request.QueryString + " " + await reader.ReadToEndAsync());
            return Results.Text("""{"errcode":0,"errmsg":"ok"}""", "application/json");
        });
        await wecom.StartAsync();

        await app.RunAsync(nameof(The_administrator_sets_up_the_WeCom_robot_and_a_rep_switches_it_off_for_one_kind_of_notification), async ui =>
        {
            await ui.SignInAsync("liuxiao");
            await ui.OpenAsync("admin/channels");
            var card = ui["#channel-wecom-robot"];
            await Expect(card.Locator("h3")).ToContainTextAsync("企业微信群机器人");
            await Expect(ui["#outbox"]).ToBeVisibleAsync();
            await ui["#wecom-robot-enabled"].CheckAsync();
            await ui["#wecom-robot-baseAddress"].FillAsync(wecom.Urls.First());
            await ui["#wecom-robot-key"].FillAsync("browser-robot-key");
            await ui["#save-wecom-robot"].ClickAsync();
            await Expect(card.Locator(".page-message")).ToContainTextAsync("已保存");
            await Expect(ui["#wecom-robot-state"]).ToHaveTextAsync("已启用");
            await Expect(ui["#wecom-robot-key"]).ToHaveAttributeAsync("placeholder", "已设置（留空则不变）");
            await Expect(ui["#wecom-robot-key"]).ToHaveValueAsync("");

            await ui["#test-wecom-robot"].ClickAsync();
            await Expect(ui["#test-result-wecom-robot"]).ToContainTextAsync("测试消息已发送成功");
            await Expect(ui["#test-result-wecom-robot"]).ToContainTextAsync("\"errcode\":0");
            await ui.ScreenshotAsync("channels");
        });
        var test = Assert.Single(received);
        Assert.Contains("key=browser-robot-key", test);
        Assert.Contains("匠销测试消息", test);

        await app.RunAsync(nameof(The_administrator_sets_up_the_WeCom_robot_and_a_rep_switches_it_off_for_one_kind_of_notification) + "-rep", async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui["#notification-settings"].ClickAsync();
            await Expect(ui["h1.page-title"]).ToHaveTextAsync("通知设置");
            await ui.WaitForInteractiveAsync();
            var robot = ui["#pref-pool-returned-wecom-robot"];
            await Expect(robot).ToBeEnabledAsync();
            await Expect(robot).ToBeCheckedAsync();
            await Expect(ui["#pref-pool-returned-email"]).ToBeDisabledAsync(); // e-mail is not enabled by the administrator
            await robot.UncheckAsync();
            await ui["#save-preferences"].ClickAsync();
            await Expect(ui[".page-message"]).ToContainTextAsync("通知设置已保存");
            var (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window, $"The page is {document}px wide on a {window}px phone.");
            await ui.ScreenshotAsync("preferences");

            await ui.Page.ReloadAsync();
            await ui.WaitForInteractiveAsync();
            await Expect(ui["#pref-pool-returned-wecom-robot"]).Not.ToBeCheckedAsync();
            await Expect(ui["#pref-quote-conflict-wecom-robot"]).ToBeCheckedAsync();
        }, phone: true);

        var rep = await app.ApiAsync("wanglei");
        var preferences = (await rep.GetFromJsonAsync<JsonObject>("api/v1/notifications/preferences"))!;
        var returned = preferences["kinds"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == "pool-returned")!;
        Assert.False(returned["channels"]!.AsArray().Single(c => c!["channel"]!.GetValue<string>() == "wecom-robot")!["enabled"]!.GetValue<bool>());
    }
}
