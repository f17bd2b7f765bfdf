using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

public sealed partial class AdministrationTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_administrator_adds_a_rep_and_hands_a_leavers_customers_over_to_him_in_one_step()
    {
        var userName = "new" + BrowserApp.Unique();
        var displayName = "方" + BrowserApp.UniqueChineseWord(2);
        var handedOver = 0;

        await app.RunAsync(nameof(The_administrator_adds_a_rep_and_hands_a_leavers_customers_over_to_him_in_one_step), async ui =>
        {
            await ui.SignInAsync("liuxiao");
            await ui.OpenAsync("admin/users");
            await Expect(ui["#users-table tbody tr"].Filter(new() { HasTextString = "hubin" })).ToBeVisibleAsync();
            await ui.ScreenshotAsync("users");

            await ui["#new-user"].ClickAsync();
            await Expect(ui["#user-form"]).ToBeVisibleAsync();
            await Expect(ui["#role-SalesRep"]).ToBeCheckedAsync();
            await ui["#user-userName"].FillAsync(userName);
            await ui["#user-displayName"].FillAsync(displayName);
            await ui["#user-password"].FillAsync(BrowserApp.Password);
            await ui["#user-team"].SelectOptionAsync(new SelectOptionValue { Label = "宁波组" });
            await ui["#user-mobile"].FillAsync("13600574321");
            await ui.ScreenshotAsync("new-user");
            await ui["#save-user"].ClickAsync();

            await Expect(ui[".page-message"]).ToContainTextAsync($"已保存 {displayName}。");
            await Expect(ui["#user-form"]).ToHaveCountAsync(0);
            var row = ui["#users-table tbody tr"].Filter(new() { HasTextString = userName });
            await Expect(row).ToContainTextAsync(displayName);
            await Expect(row).ToContainTextAsync("销售代表");
            await Expect(row).ToContainTextAsync("宁波组");

            // 胡斌 leaves: everything of his goes to the new rep.
            await ui["#deactivate-hubin"].ClickAsync();
            var form = ui["#deactivate-form"];
            await Expect(form.Locator("h3")).ToHaveTextAsync("停用 胡斌");
            await ui["#confirm-deactivate"].ClickAsync();
            await Expect(form.Locator(".field-error[data-field=handoverToUserId]")).ToHaveTextAsync("请选择另一位在职人员作为交接人。");
            await ui["#successor"].SelectOptionAsync(new SelectOptionValue { Label = $"{displayName} ({userName})" });
            await ui.ScreenshotAsync("deactivating");
            await ui["#confirm-deactivate"].ClickAsync();

            var message = ui[".page-message"];
            await Expect(message).ToContainTextAsync(Deactivated());
            var match = Deactivated().Match(await message.InnerTextAsync());
            handedOver = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            await Expect(ui["#deactivate-form"]).ToHaveCountAsync(0);
            var leaver = ui["#users-table tbody tr"].Filter(new() { HasTextString = "hubin" });
            await Expect(leaver.Locator(".tag")).ToHaveTextAsync("已停用");
            await Expect(leaver).ToHaveClassAsync("inactive");
            await Expect(ui["#deactivate-hubin"]).ToHaveCountAsync(0);
            await ui.ScreenshotAsync("deactivated");
        });
        Assert.True(handedOver > 0, "胡斌 had customers to hand over.");

        await app.RunAsync(nameof(The_administrator_adds_a_rep_and_hands_a_leavers_customers_over_to_him_in_one_step) + "-successor", async ui =>
        {
            // The leaver can no longer sign in …
            await ui.Page.GotoAsync("login");
            await ui["#userName"].FillAsync("hubin");
            await ui["#password"].FillAsync(BrowserApp.Password);
            await ui["#sign-in"].ClickAsync();
            await Expect(ui[".login-error"]).ToHaveTextAsync("用户名或密码不正确。");

            // … and the successor finds all of his customers on his first day.
            await ui.SignInAsync(userName);
            await Expect(ui["h1.page-title"]).ToHaveTextAsync($"{displayName}，你好");
            await Expect(ui["#home-stats .stat-value"].First).ToHaveTextAsync(handedOver.ToString(CultureInfo.InvariantCulture));
            await ui.ScreenshotAsync("successor-home");
        });
    }

    [Fact]
    public Task A_sales_rep_who_opens_the_users_page_is_shown_403_not_the_page() =>
        app.RunAsync(nameof(A_sales_rep_who_opens_the_users_page_is_shown_403_not_the_page), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await Expect(ui[".nav-menu"].First).Not.ToContainTextAsync("用户");

            await ui.Page.GotoAsync("admin/users");

            await Expect(ui[".ant-result-title"]).ToHaveTextAsync("无权访问");
            await Expect(ui[".ant-result-subtitle"]).ToHaveTextAsync("您的角色不能打开这个页面。如需权限，请联系管理员。");
            await Expect(ui["#users-table"]).ToHaveCountAsync(0);
            await Expect(ui["#new-user"]).ToHaveCountAsync(0);
            await ui.ScreenshotAsync("forbidden");
        });

    [Fact]
    public Task A_team_created_under_another_appears_nested_under_it_with_its_manager() =>
        app.RunAsync(nameof(A_team_created_under_another_appears_nested_under_it_with_its_manager), async ui =>
        {
            var name = $"慈溪{BrowserApp.UniqueChineseWord(2)}组";
            await ui.SignInAsync("liuxiao");
            await ui.OpenAsync("admin/teams");
            await Expect(ui["#team-tree"]).ToContainTextAsync("宁波组");
            await ui.ScreenshotAsync("teams");

            await ui["#new-team"].ClickAsync();
            await ui["#team-name"].FillAsync(name);
            await ui["#team-parent"].SelectOptionAsync(new SelectOptionValue { Label = "宁波组" });
            await ui["#team-manager"].SelectOptionAsync(new SelectOptionValue { Label = "王磊" });
            await ui.ScreenshotAsync("new-team");
            await ui["#save-team"].ClickAsync();

            await Expect(ui["#team-form"]).ToHaveCountAsync(0);
            var node = ui.Page.Locator(
                $"xpath=//ul[@id='team-tree']/li[div/strong='华东区']/ul/li[div/strong='宁波组']/ul/li/div[strong='{name}']");
            await Expect(node).ToBeVisibleAsync();
            await Expect(node.Locator(".tag")).ToHaveTextAsync("负责人：王磊");
            await Expect(node.Locator(".muted")).ToHaveTextAsync("0 人");
            await ui.ScreenshotAsync("nested");
        });

    [GeneratedRegex(@"已停用 胡斌，(\d+) 个客户已转交。")]
    private static partial Regex Deactivated();
}
