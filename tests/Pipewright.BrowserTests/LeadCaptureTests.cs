using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.BrowserTests.Infrastructure;
using Pipewright.Demo;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

/// <summary>A visitor at the 上海 booth scans the poster's QR code; 王磊 finds the lead in his inbox and converts it.</summary>
public sealed class LeadCaptureTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_visitor_submits_the_booth_form_on_a_phone_and_the_owner_converts_the_lead()
    {
        var forms = await (await app.ApiAsync("wanglei")).GetFromJsonAsync<JsonArray>("api/v1/lead-forms");
        var key = forms!.Single(f => f!["name"]!.GetValue<string>() == DemoLeads.ShanghaiExpo)!["formKey"]!.GetValue<string>();
        var company = $"嘉兴{BrowserApp.UniqueChineseWord(3)}流体设备有限公司";

        // The visitor's phone: WeChat-sized, and the page must work with JavaScript off.
        var phone = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true, HasTouch = true, JavaScriptEnabled = false,
        });
        try
        {
            var visitor = new Ui(await phone.NewPageAsync(), nameof(A_visitor_submits_the_booth_form_on_a_phone_and_the_owner_converts_the_lead));
            await visitor.Page.GotoAsync($"f/{key}");
            await Expect(visitor["h1"]).ToHaveTextAsync(DemoLeads.ShanghaiExpo);
            await visitor.ScreenshotAsync("public-form");
            var (document, window) = await visitor.WidthsAsync();
            Assert.True(document <= window, $"The public form is {document} px wide on a {window} px phone.");

            await visitor["#companyName"].FillAsync(company);
            await visitor["#contactName"].FillAsync("沈国强");
            await visitor["#submit"].ClickAsync();
            await Expect(visitor["[data-field=mobile]"]).ToBeVisibleAsync();
            await Expect(visitor["#companyName"]).ToHaveValueAsync(company);
            await visitor.ScreenshotAsync("public-form-error");

            await visitor["#mobile"].FillAsync("139" + Random.Shared.Next(10_000_000, 99_999_999));
            await visitor["#productInterest"].FillAsync("DN150 电动蝶阀");
            await visitor["#submit"].ClickAsync();
            await Expect(visitor["#thanks"]).ToBeVisibleAsync();
            await visitor.ScreenshotAsync("thanks");
            Assert.Empty(visitor.PageErrors);
        }
        finally
        {
            await phone.CloseAsync();
        }

        await app.RunAsync(nameof(A_visitor_submits_the_booth_form_on_a_phone_and_the_owner_converts_the_lead) + "-inbox", async ui =>
        {
            await ui.SignInAsync("wanglei");
            await Expect(ui["#new-leads-card .stat-value"]).Not.ToHaveTextAsync("0");
            await ui.OpenAsync("leads");
            var row = ui["#leads-table tr"].Filter(new() { HasText = company });
            await Expect(row).ToBeVisibleAsync();
            var (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window, $"The inbox is {document} px wide on a {window} px phone.");
            await ui.ScreenshotAsync("inbox");

            await row.Locator("button.convert").ClickAsync();
            await Expect(ui["#lead-message"]).ToContainTextAsync(company);
            await ui.ScreenshotAsync("converted");
            await ui["#open-customer"].ClickAsync();
            await Expect(ui["#customer-name"]).ToContainTextAsync(company);
            await ui.ShowTabAsync("contacts");
            await Expect(ui.Page.GetByText("沈国强")).ToBeVisibleAsync();
            await ui.ScreenshotAsync("customer");
        }, phone: true);
    }

    [Fact]
    public Task A_manager_makes_a_booth_form_and_prints_its_poster() =>
        app.RunAsync(nameof(A_manager_makes_a_booth_form_and_prints_its_poster), async ui =>
        {
            var name = $"2026 {BrowserApp.UniqueChineseWord(2)}阀门展";
            await ui.SignInAsync("chenjing");
            await ui.OpenAsync("lead-forms");
            await Expect(ui.Page.GetByText(DemoLeads.WenzhouExpo)).ToBeVisibleAsync();
            await ui["#new-lead-form"].ClickAsync();
            await ui["#save-lead-form"].ClickAsync();
            await Expect(ui["[data-field=name]"]).ToBeVisibleAsync();
            await ui["#form-name"].FillAsync(name);
            await ui["#form-team"].SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "宁波组" });
            await ui["#save-lead-form"].ClickAsync();
            var card = ui[".lead-form-card"].Filter(new() { HasText = name });
            await Expect(card).ToContainTextAsync("宁波组（轮流）");
            await Expect(card.Locator("img")).ToBeVisibleAsync();
            await ui.ScreenshotAsync("forms");

            var href = await card.Locator("a", new() { HasText = "打印海报" }).GetAttributeAsync("href");
            await ui.Page.GotoAsync(href!.TrimStart('/'));
            await Expect(ui["#poster-name"]).ToHaveTextAsync(name);
            await Expect(ui["#poster-qr"]).ToBeVisibleAsync();
            await ui.ScreenshotAsync("poster");

            // The manager hands a new lead to a colleague from the inbox.
            await ui.OpenAsync("leads");
            var row = ui["#leads-table tbody tr"].First;
            var company = (await row.Locator("td").First.Locator("span").First.TextContentAsync())!;
            await row.Locator("button.assign").ClickAsync();
            await ui["#assign-owner"].SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "胡斌" });
            await ui["#confirm-assign"].ClickAsync();
            await Expect(ui["#lead-message"]).ToContainTextAsync("胡斌");
            await Expect(ui["#leads-table tr"].Filter(new() { HasText = company })).ToContainTextAsync("胡斌");
            await ui.ScreenshotAsync("reassigned");
        });
}
