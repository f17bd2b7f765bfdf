using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

/// <summary>李志强 evaluates valves at customers' sites with his phone: photos, matching items, a voice note, submit.</summary>
public sealed class TechTaskPhoneTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>The start of a WebM recording, as Chrome's MediaRecorder writes it.</summary>
    private static readonly byte[] VoiceNote = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81, 0x04, .. new byte[512]];

    [Fact]
    public async Task An_engineer_opens_the_task_on_a_phone_adds_a_photo_ticks_items_attaches_a_voice_note_and_submits()
    {
        // 王磊 asks for an evaluation of a globe valve (截止阀): only 李志强 has that specialty in the demo company.
        var wanglei = await app.ApiAsync("wanglei");
        var customer = (await wanglei.GetFromJsonAsync<JsonObject>("api/v1/customers?pageSize=1"))!["items"]![0]!;
        var opportunity = await wanglei.PostAsJsonAsync("api/v1/opportunities", new
        {
            customerId = customer["id"]!.GetValue<Guid>(), title = "热力站截止阀更换", expectedAmount = 186000, expectedCloseDate = "2026-12-31", productCategory = "截止阀",
        });
        var opportunityId = (await opportunity.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        // The deal is in 技术交流, where the evaluation is one of the exit requirements.
        await Pipeline.FunnelSetup.CompleteAsync(wanglei, opportunityId, "needsSurvey", new { application = "热力站改造", quantity = 24, purchaseMode = "比价" });
        var technical = await Pipeline.FunnelSetup.CompleteAsync(wanglei, opportunityId, "decisionMaker", new { decisionMaker = "设备科 王科长" });
        Assert.Equal("technical", technical["stage"]!["key"]!.GetValue<string>());
        var request = await wanglei.PostAsJsonAsync($"api/v1/opportunities/{opportunityId}/tech-requests",
            new { productCategory = "截止阀", description = "DN150 PN25 蒸汽管线，现场确认安装空间" });
        Assert.True(request.IsSuccessStatusCode, await request.Content.ReadAsStringAsync());
        var created = (await request.Content.ReadFromJsonAsync<JsonObject>())!;
        var taskId = created["taskId"]!.GetValue<Guid>();
        var code = created["code"]!.GetValue<string>();

        await app.RunAsync(nameof(An_engineer_opens_the_task_on_a_phone_adds_a_photo_ticks_items_attaches_a_voice_note_and_submits), async ui =>
        {
            await ui.SignInAsync("lizhiqiang");
            await ui.Page.GotoAsync("m/tasks");
            var card = ui[$"a[data-task='{code}']"];
            await Expect(card).ToBeVisibleAsync();
            await Expect(ui[".m-tabs a.active"]).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("待办"));
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("my-tasks");

            await card.ClickAsync();
            await Expect(ui["#task-work"]).ToBeVisibleAsync();
            await Expect(ui["#photo-input"]).ToHaveAttributeAsync("capture", "environment");
            await ui["#photo-input"].SetInputFilesAsync(new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = Photo() });
            await Expect(ui["#photos figure[data-attachment] img"]).ToHaveCountAsync(1);

            var items = ui["#items input[type=checkbox]"];
            Assert.True(await items.CountAsync() >= 3);
            await items.Nth(0).CheckAsync();
            await items.Nth(2).CheckAsync();
            var ticked = new[] { await items.Nth(0).GetAttributeAsync("value"), await items.Nth(2).GetAttributeAsync("value") };

            await ui["#audio-input"].SetInputFilesAsync(new FilePayload { Name = "语音.webm", MimeType = "audio/webm", Buffer = VoiceNote });
            await Expect(ui["#audio [data-attachment] audio"]).ToHaveCountAsync(1);
            await ui["#note"].FillAsync("阀门井空间狭小，建议缩短结构长度");
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("filled");

            // A reload (a dropped page) keeps what was entered.
            await ui.Page.ReloadAsync();
            await Expect(ui["#items input[type=checkbox]"].Nth(2)).ToBeCheckedAsync();
            await Expect(ui["#photos figure[data-attachment]"]).ToHaveCountAsync(1);

            await ui["#submit"].ClickAsync();
            await Expect(ui["#task-done"]).ToBeVisibleAsync();
            await Expect(ui["#done-items li"]).ToHaveCountAsync(2);
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("done");

            await ui.Page.GotoAsync("m/tasks");
            await Expect(ui[$"a[data-task='{code}']"]).ToHaveCountAsync(0);

            // The salesperson sees the completed request on the opportunity, with the photo and the voice note.
            var onOpportunity = (await wanglei.GetFromJsonAsync<JsonObject>($"api/v1/tasks?opportunityId={opportunityId}"))!["items"]!.AsArray();
            Assert.Equal("done", Assert.Single(onOpportunity)!["status"]!.GetValue<string>());
            var task = (await wanglei.GetFromJsonAsync<JsonObject>($"api/v1/tasks/{taskId}"))!;
            Assert.Equal(ticked, task["checkedItems"]!.AsArray().Select(i => i!.GetValue<string>()));
            Assert.Equal(["audio/webm", "image/png"], task["attachments"]!.AsArray().Select(a => a!["contentType"]!.GetValue<string>()).Order());
            Assert.Equal("阀门井空间狭小，建议缩短结构长度", task["note"]!.GetValue<string>());
            Assert.NotNull(task["firstActionAt"]);

            // The funnel's technical-evaluation requirement ticked itself with the hand-in.
            var deal = (await wanglei.GetFromJsonAsync<JsonObject>($"api/v1/opportunities/{opportunityId}"))!;
            var evaluation = deal["requirements"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == "techEvaluation")!;
            Assert.True(evaluation["done"]!.GetValue<bool>());
        }, phone: true);
    }

    private static async Task AssertFitsAsync(Ui ui)
    {
        var (document, window) = await ui.WidthsAsync();
        Assert.Equal(375, window);
        Assert.True(document <= window, $"{ui.PathAndQuery} is {document} px wide on a 375 px phone: it scrolls sideways.");
    }

    private static byte[] Photo()
    {
        using var bitmap = new SkiaSharp.SKBitmap(120, 90);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap)) canvas.Clear(SkiaSharp.SKColors.SteelBlue);
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
