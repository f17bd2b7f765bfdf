using System.Net;
using System.Net.Http.Json;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

/// <summary>Journey 3, the way back: 王磊 dictates the visit, confirms the draft the extractor filled in, and saves it.</summary>
public sealed class VoiceNoteTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_rep_turns_a_dictated_note_into_a_follow_up_correcting_one_field_on_his_phone()
    {
        var trade = BrowserApp.UniqueChineseWord(4);
        var customer = await BrowserApp.CreateCustomerAsync(await app.ApiAsync("wanglei"), new
        {
            name = $"宁波{trade}机械有限公司",
            contacts = new[] { new { name = "马建军", title = "设备部经理", mobile = "13857400001" } },
            ignoreSimilar = true,
        });
        var admin = await app.ApiAsync("liuxiao");
        var model = $"VX-{Random.Shared.Next(100, 999)}";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("api/v1/products",
            new { model, name = "立式多级离心泵", category = "泵", unit = "台", listPrice = 12800m })).StatusCode);
        var rival = $"{BrowserApp.UniqueChineseWord(3)}泵业";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("api/v1/competitors", new { name = rival })).StatusCode);

        await app.RunAsync(nameof(A_rep_turns_a_dictated_note_into_a_follow_up_correcting_one_field_on_his_phone), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"customers/{customer["id"]}");
            await ui.ShowTabAsync("activities");
            await ui["#voice-note"].ClickAsync();
            await ui.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/voice-notes/new"));
            await ui.WaitForInteractiveAsync();
            await ui.ScreenshotAsync("empty");

            var spoken = model.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
            await ui["#voice-text"].FillAsync($"上午拜访{trade}机械，设备部的马经理想要两台{spoken}，预算八十万，{rival}也在报，下周四之前给他报价。");
            await ui["#voice-extract"].ClickAsync();

            await Expect(ui["#draft-customer"]).ToContainTextAsync($"宁波{trade}机械有限公司");
            await Expect(ui["#draft-contacts [data-contact='马经理']"]).ToHaveCountAsync(1);
            var product = ui[$"#draft-products li[data-model='{model}']"];
            await Expect(product.Locator("input")).ToHaveValueAsync("2");
            await Expect(ui["#draft-next-step"]).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"下周四之前给他报价.*{rival}"));
            await Expect(ui["#draft-next-date"]).Not.ToHaveValueAsync("");
            await Expect(ui["#draft-amounts [data-amount='800000']"]).ToHaveCountAsync(1);
            await Expect(ui["#voice-source mark[data-kind='customer']"]).ToHaveTextAsync($"{trade}机械");
            await Expect(ui["#voice-source mark[data-kind='competitor']"]).ToHaveTextAsync(rival);
            var (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window, $"The page is {document} px wide on a {window} px screen.");
            await ui.ScreenshotAsync("draft");

            // The customer said three on the phone afterwards: one tap and a digit, no retyping.
            await product.Locator("input").FillAsync("3");
            await ui["#draft-save"].ClickAsync();

            await ui.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"/customers/{customer["id"]}$"));
            await ui.WaitForInteractiveAsync();
            await ui.ShowTabAsync("activities");
            var item = ui["#activity-timeline .activity-item"].First;
            await Expect(item).ToContainTextAsync($"上午拜访{trade}机械");
            await Expect(item).ToContainTextAsync("马建军");
            await Expect(item.Locator(".activity-products")).ToContainTextAsync($"{model} × 3");
            await Expect(item.Locator(".activity-amounts")).ToContainTextAsync("¥800,000.00");
            await Expect(item.Locator(".next")).ToContainTextAsync("下周四之前给他报价");
            await ui.ScreenshotAsync("timeline");
        }, phone: true);
    }
}
