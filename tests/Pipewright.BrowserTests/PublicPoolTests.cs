using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

public sealed partial class PublicPoolTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public Task A_rep_sees_his_customers_about_to_return_and_claims_one_from_the_pool() =>
        app.RunAsync(nameof(A_rep_sees_his_customers_about_to_return_and_claims_one_from_the_pool), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync("customers");
            await Expect(ui["#customers-table .pool-warning"].First).ToContainTextAsync(ReturnsSoon());
            await ui.ScreenshotAsync("returning-soon");

            await ui["nav.nav-menu a[href='/pool']"].First.ClickAsync();
            await Expect(ui["#pool-standing"]).ToContainTextAsync(StandingZero());
            await Expect(ui["#pool-table"]).ToContainTextAsync("张伟");
            await ui.ScreenshotAsync("pool");

            // Before claiming, the contact's phone is masked.
            var row = ui["#pool-table tbody tr"].First;
            var name = (await row.Locator(".customer-link").InnerTextAsync()).Trim();
            await row.Locator(".customer-link").ClickAsync();
            await Expect(ui["#customer-name"]).ToContainTextAsync(name);
            await Expect(ui["#pool-panel"]).ToContainTextAsync("该客户在公海中");
            await Expect(ui["#edit-customer"]).ToHaveCountAsync(0);
            await ui.ShowTabAsync("contacts");
            await Expect(ui[".contact-card"].First).ToContainTextAsync("****");
            await ui.ScreenshotAsync("masked");

            await ui.OpenAsync("pool");
            row = ui["#pool-table tbody tr"].Filter(new() { HasTextString = name });
            await row.Locator(".claim-button").ClickAsync();
            await Expect(ui[".page-message"]).ToContainTextAsync($"已领取“{name}”");
            await Expect(ui["#pool-standing"]).ToContainTextAsync(StandingOne());
            await Expect(ui["#pool-table tbody tr"].Filter(new() { HasTextString = name })).ToHaveCountAsync(0);
            await ui.ScreenshotAsync("claimed");

            await ui.OpenAsync($"customers?search={Uri.EscapeDataString(name)}");
            await ui["#customers-table .customer-link"].First.ClickAsync();
            await Expect(ui["#customer-owner"]).ToHaveTextAsync("王磊");
            await Expect(ui["#ownership-history"]).ToContainTextAsync("领取");
            await Expect(ui["#release-customer"]).ToBeVisibleAsync();
            await ui.ShowTabAsync("contacts");
            await Expect(ui[".contact-card"].First).Not.ToContainTextAsync("****");
            await ui.ScreenshotAsync("mine");

            // Changed his mind: back to the pool, with a reason the history keeps.
            await ui["#release-customer"].ClickAsync();
            await ui["#release-reason"].FillAsync("客户暂无采购计划");
            await ui["#confirm-release"].ClickAsync();
            await Expect(ui["#customer-owner"]).ToHaveTextAsync("公海");
            await Expect(ui["#ownership-history li"].First).ToContainTextAsync("客户暂无采购计划");
            await Expect(ui["#claim-customer"]).ToBeVisibleAsync();
            await ui.ScreenshotAsync("released");
        });

    [Fact]
    public Task The_pool_fits_a_phone() =>
        app.RunAsync(nameof(The_pool_fits_a_phone), async ui =>
        {
            await ui.SignInAsync("xulijuan");
            await ui.OpenAsync("pool");
            await Expect(ui["#pool-table .claim-button"].First).ToBeVisibleAsync();
            var (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window, $"The pool scrolls sideways on a phone: {document} > {window}.");
            await ui.ScreenshotAsync("phone");
        }, phone: true);

    [Fact]
    public async Task The_administrator_sees_what_will_move_hands_a_leaver_over_and_the_successor_is_told()
    {
        await app.RunAsync(nameof(The_administrator_sees_what_will_move_hands_a_leaver_over_and_the_successor_is_told), async ui =>
        {
            await ui.SignInAsync("liuxiao");
            await ui.OpenAsync("admin/users");
            await ui["#deactivate-yuguohua"].ClickAsync();
            await Expect(ui["#handover-preview"]).ToContainTextAsync(WillMove());
            await ui["#successor"].SelectOptionAsync(new SelectOptionValue { Label = "张伟 (zhangwei)" });
            await ui.ScreenshotAsync("preview");
            await ui["#confirm-deactivate"].ClickAsync();
            await Expect(ui[".page-message"]).ToContainTextAsync(HandedOver());
            await ui.ScreenshotAsync("handed-over");
        });

        await app.RunAsync(nameof(The_administrator_sees_what_will_move_hands_a_leaver_over_and_the_successor_is_told) + "-successor", async ui =>
        {
            await ui.SignInAsync("zhangwei");
            await Expect(ui["#notification-bell .ant-badge-count"]).ToBeVisibleAsync();
            await ui["#notification-bell"].ClickAsync();
            await Expect(ui["#notification-list"]).ToContainTextAsync("您接手了俞国华的工作");
            await ui.ScreenshotAsync("notifications");
            await ui["#read-all"].ClickAsync();
            await Expect(ui["#notification-list .notification.unread"]).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public Task The_administrator_changes_the_pool_rules() =>
        app.RunAsync(nameof(The_administrator_changes_the_pool_rules), async ui =>
        {
            await ui.SignInAsync("liuxiao");
            await ui.OpenAsync("admin/pool-rules");
            await Expect(ui["#followUp-C"]).ToHaveValueAsync("30");
            await ui["#dailyClaimQuota"].FillAsync("0");
            await ui["#save-pool-rules"].ClickAsync();
            await Expect(ui[".field-error[data-field=dailyClaimQuota]"]).ToContainTextAsync("每日领取上限");
            await ui["#dailyClaimQuota"].FillAsync("8");
            await ui["#save-pool-rules"].ClickAsync();
            await Expect(ui[".page-message"]).ToContainTextAsync("公海规则已保存");
            await Expect(ui["#dailyClaimQuota"]).ToHaveValueAsync("8");
            await ui.ScreenshotAsync("rules");
        });

    // The quota is 5 by default; another test of this class may have changed it.
    [GeneratedRegex(@"今日已领 0/\d+")]
    private static partial Regex StandingZero();

    [GeneratedRegex(@"今日已领 1/\d+")]
    private static partial Regex StandingOne();

    [GeneratedRegex(@"\d天后退回公海")]
    private static partial Regex ReturnsSoon();

    [GeneratedRegex(@"将转交给交接人：客户 [1-9]\d* 个")]
    private static partial Regex WillMove();

    [GeneratedRegex(@"已停用 俞国华，[1-9]\d* 个客户已转交")]
    private static partial Regex HandedOver();
}
