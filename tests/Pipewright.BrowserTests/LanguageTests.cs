using System.Text.RegularExpressions;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

public sealed class LanguageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public Task The_language_link_switches_the_whole_page_to_English_and_back() =>
        app.RunAsync(nameof(The_language_link_switches_the_whole_page_to_English_and_back), async ui =>
        {
            await ui.SignInAsync("chenjing");
            await ui.OpenAsync("customers");
            await Expect(ui["h1.page-title"]).ToHaveTextAsync("客户");
            await Expect(ui[".lang"]).ToHaveTextAsync("English");

            await ui[".lang"].ClickAsync();

            await Expect(ui.Page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
            await Expect(ui.Page).ToHaveURLAsync(new Regex("/customers$"));
            await ui.WaitForInteractiveAsync();
            await Expect(ui["h1.page-title"]).ToHaveTextAsync("Customers");
            await Expect(ui["#new-customer"]).ToHaveTextAsync("+ New customer");
            await Expect(ui["#customers-table thead"]).ToContainTextAsync("Owner");
            await Expect(ui["#customer-search"]).ToHaveAttributeAsync("placeholder", "Search name, short name, code, contact or phone");
            await Expect(ui["#logout"]).ToHaveTextAsync("Sign out");
            await Expect(ui[".lang"]).ToHaveTextAsync("中文");
            await ui.ScreenshotAsync("english");

            // Pages opened later stay in English, and what the circuit renders too.
            await ui["#customers-table .customer-link"].First.ClickAsync();
            await Expect(ui["#tab-overview"]).ToHaveTextAsync("Overview");
            await Expect(ui["#tab-history"]).ToHaveTextAsync("History");
            await ui.ScreenshotAsync("english-detail");

            await ui[".lang"].ClickAsync();
            await Expect(ui.Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            await Expect(ui["#tab-overview"]).ToHaveTextAsync("概况");
        });
}
