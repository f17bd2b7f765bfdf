using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests.Dictation;

/// <summary>
/// The issue's must-show: 王磊 records the visit (a prepared WAV played by Chromium's fake microphone), a local
/// OpenAI-compatible server transcribes it, he sees the draft, confirms, and the follow-up is saved with its
/// fields and the recording.
/// </summary>
public sealed class DictatingTests(VoiceNoteApp app) : IClassFixture<VoiceNoteApp>
{
    [Fact]
    public async Task A_rep_records_a_visit_sees_the_transcript_as_a_draft_and_saves_it_with_the_recording()
    {
        var rep = await app.ApiAsync("wanglei");
        var trade = Infrastructure.BrowserApp.UniqueChineseWord(4);
        var customer = await Infrastructure.BrowserApp.CreateCustomerAsync(rep, new { name = $"宁波{trade}机械有限公司", ignoreSimilar = true });
        var model = $"VR-{Random.Shared.Next(100, 999)}";
        Assert.Equal(HttpStatusCode.Created, (await (await app.ApiAsync("liuxiao")).PostAsJsonAsync("api/v1/products",
            new { model, name = "立式多级离心泵", category = "泵", unit = "台", listPrice = 12800m })).StatusCode);
        var spoken = $"上午拜访{trade}机械，客户想要两台{model}，下周四之前给他报价。";
        app.Speech.Text = spoken;

        await app.RunAsync(nameof(A_rep_records_a_visit_sees_the_transcript_as_a_draft_and_saves_it_with_the_recording), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync("voice-notes/new");
            var record = ui["[data-testid=record-button]"];
            await Expect(record).ToBeEnabledAsync();
            await record.ClickAsync();
            await Expect(ui["[data-testid=record-status]"]).ToHaveTextAsync("正在录音…");
            await ui.Page.WaitForTimeoutAsync(1500);
            await ui.ScreenshotAsync("recording");
            await record.ClickAsync();

            await Expect(ui["#voice-text"]).ToHaveValueAsync(spoken);
            await Expect(ui["#voice-audio"]).ToBeVisibleAsync();
            await Expect(ui["#draft-customer"]).ToContainTextAsync($"宁波{trade}机械有限公司");
            await Expect(ui[$"#draft-products li[data-model='{model}'] input"]).ToHaveValueAsync("2");
            await Expect(ui["#draft-next-date"]).Not.ToHaveValueAsync("");
            await ui.ScreenshotAsync("draft");

            var heard = app.Speech.Requests.Single();
            Assert.Equal("zh", heard.Language);
            Assert.Contains($"宁波{trade}机械有限公司", heard.Prompt);
            Assert.Contains(model, heard.Prompt);

            await ui["#draft-save"].ClickAsync();
            await Expect(ui.Page).ToHaveURLAsync(new Regex($"/customers/{customer["id"]}$"));
            await ui.WaitForInteractiveAsync();
            await ui.ScreenshotAsync("saved");
        });

        var activities = (await rep.GetFromJsonAsync<JsonObject>($"api/v1/customers/{customer["id"]}/activities"))!["items"]!.AsArray();
        var saved = Assert.Single(activities)!;
        Assert.Equal(spoken, saved["content"]!.GetValue<string>());
        Assert.NotNull(saved["nextDate"]);
        var audio = Assert.Single(saved["attachments"]!.AsArray())!;
        Assert.Equal("audio/wav", audio["contentType"]!.GetValue<string>());
        Assert.Equal(app.Speech.Requests.Single().File.Length, audio["size"]!.GetValue<long>());
    }
}
