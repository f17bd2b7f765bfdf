using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Pipewright.BrowserTests.Infrastructure;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

/// <summary>Journey 3: 王磊 at a customer's gate logs a visit on his phone — check-in, a site photo, the next step.</summary>
public sealed class FollowUpTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_rep_logs_a_visit_with_a_check_in_and_a_photo_on_his_phone_and_sees_it_on_the_timeline()
    {
        // The gate is where the browser context says the phone is (see BrowserApp), give or take a few metres.
        var customer = await BrowserApp.CreateCustomerAsync(await app.ApiAsync("wanglei"), new
        {
            name = $"宁波{BrowserApp.UniqueChineseWord(4)}阀门有限公司",
            location = new { lat = 29.8684, lng = 121.5440, system = "wgs84" },
            contacts = new[] { new { name = "林海峰", title = "设备科长", mobile = "13857412345" } },
        });

        await app.RunAsync(nameof(A_rep_logs_a_visit_with_a_check_in_and_a_photo_on_his_phone_and_sees_it_on_the_timeline), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"customers/{customer["id"]}");
            await ui.ShowTabAsync("activities");
            await Expect(ui[".ant-empty-description"]).ToContainTextAsync("还没有跟进记录");
            await ui.ScreenshotAsync("empty");

            await ui["#write-activity"].ClickAsync();
            await Expect(ui["#kind-visit"]).ToHaveAttributeAsync("aria-checked", "true");
            await ui["#check-in"].ClickAsync();
            await Expect(ui["#check-in-status"]).ToContainTextAsync("精度约 25 米");
            await ui["#activity-content"].FillAsync("见了林科长，看了 DN200 闸阀安装现场，客户担心交期。");
            await ui["#activity-next-step"].FillAsync("寄 Z41H 样品");
            var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
            await ui["#activity-next-date"].FillAsync(today.ToString("yyyy-MM-dd"));
            await ui.Page.GetByText("林海峰").ClickAsync();
            await ui["#activity-files"].SetInputFilesAsync(new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = Photo() });
            await Expect(ui["#activity-uploaded img"]).ToHaveCountAsync(1);
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("writing");

            await ui["#save-activity"].ClickAsync();
            await Expect(ui["#activity-form"]).ToHaveCountAsync(0);
            var item = ui["#activity-timeline .activity-item"].First;
            await Expect(item).ToContainTextAsync("见了林科长");
            await Expect(item).ToContainTextAsync("拜访");
            await Expect(item).ToContainTextAsync("王磊");
            await Expect(item).ToContainTextAsync("林海峰");
            await Expect(item).ToContainTextAsync("寄 Z41H 样品");
            await Expect(item.Locator(".check-in")).ToContainTextAsync("距客户地址约");
            var thumbnail = item.Locator(".activity-photos img");
            await Expect(thumbnail).ToHaveCountAsync(1);
            await ui.Page.WaitForFunctionAsync("img => img.complete && img.naturalWidth === 120", await thumbnail.ElementHandleAsync());
            await Expect(item.Locator(".activity-photos a")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/files/attachments/[0-9a-f-]+$"));
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("timeline");

            // Due today: on his list of follow-ups, where a tap leads back to the customer.
            await ui.OpenAsync("follow-ups/due");
            var due = ui["#due-follow-ups li"].Filter(new() { HasTextString = customer["name"]!.GetValue<string>() });
            await Expect(due).ToContainTextAsync("寄 Z41H 样品");
            await Expect(due).ToContainTextAsync("今天到期");
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("due");
        }, phone: true);
    }

    [Fact]
    public async Task A_demo_customer_has_a_year_of_follow_ups_on_its_timeline()
    {
        // The oldest code is a demo customer (tests add theirs after the demo company loaded).
        var list = await (await app.ApiAsync("wanglei")).GetFromJsonAsync<JsonObject>("api/v1/customers?pageSize=200");
        var demo = list!["items"]!.AsArray().OrderBy(c => c!["code"]!.GetValue<string>(), StringComparer.Ordinal).First()!;

        await app.RunAsync(nameof(A_demo_customer_has_a_year_of_follow_ups_on_its_timeline), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"customers/{demo["id"]}");
            await ui.ShowTabAsync("activities");
            await Expect(ui["#activity-timeline .activity-item"].First).ToBeVisibleAsync();
            Assert.InRange(await ui["#activity-timeline .activity-item"].CountAsync(), 3, 20);
            await Expect(ui["#activity-timeline .next"].First).ToContainTextAsync("下一步");
            await ui.ScreenshotAsync("timeline");

            // A renamed program and an empty note are refused next to their fields, nothing is saved.
            await ui["#write-activity"].ClickAsync();
            await ui["#kind-note"].ClickAsync();
            await Expect(ui["#check-in"]).ToHaveCountAsync(0);
            await ui["#activity-files"].SetInputFilesAsync(new FilePayload
            {
                Name = "照片.jpg", MimeType = "image/jpeg", Buffer = [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, .. new byte[256]],
            });
            await Expect(ui[".field-error[data-field=file]"]).ToContainTextAsync("不支持的文件类型");
            await ui["#save-activity"].ClickAsync();
            await Expect(ui[".field-error[data-field=content]"]).ToHaveTextAsync("请填写跟进内容。");
            await ui.ScreenshotAsync("refused");
        });
    }

    private static async Task AssertFitsAsync(Ui ui)
    {
        var (document, window) = await ui.WidthsAsync();
        Assert.True(document <= window, $"The page is {document} px wide on a {window} px screen.");
    }

    private static byte[] Photo()
    {
        using var bitmap = new SKBitmap(120, 90);
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(SKColors.SteelBlue);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
