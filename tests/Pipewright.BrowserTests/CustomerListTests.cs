using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

public sealed partial class CustomerListTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public Task Typing_in_the_search_box_filters_the_table_without_pressing_enter() =>
        app.RunAsync(nameof(Typing_in_the_search_box_filters_the_table_without_pressing_enter), async ui =>
        {
            await ui.SignInAsync("liuxiao");
            await ui.OpenAsync("customers");
            await Expect(ui["#customers-table"]).ToBeVisibleAsync();
            var before = await TotalAsync(ui);
            var name = await ui["#customers-table .customer-link"].Nth(6).InnerTextAsync();
            await ui.ScreenshotAsync("all");

            await ui["#customer-search"].PressSequentiallyAsync(name, new() { Delay = 20 });

            await Expect(ui["#customers-table .customer-link"].First).ToHaveTextAsync(name);
            await Expect(ui[".pager-status"]).Not.ToHaveTextAsync(StatusWithTotal(before));
            Assert.InRange(await TotalAsync(ui), 1, before - 1);
            await ui.ScreenshotAsync("found");

            const string nothing = "没有这家公司";
            await ui["#customer-search"].FillAsync(nothing);
            await Expect(ui[".ant-empty-description"]).ToHaveTextAsync($"没有找到包含“{nothing}”的客户。试试简称、联系人姓名或电话后几位。");
            await Expect(ui["#customers-table"]).ToHaveCountAsync(0);
            await ui.ScreenshotAsync("no-match");
        });

    [Fact]
    public async Task A_sales_rep_sees_only_his_own_customers_while_the_administrator_sees_all()
    {
        var everyone = 0;
        await app.RunAsync(nameof(A_sales_rep_sees_only_his_own_customers_while_the_administrator_sees_all) + "-admin", async ui =>
        {
            await ui.SignInAsync("liuxiao");
            await ui.OpenAsync("customers");
            await Expect(ui["#customers-table"]).ToBeVisibleAsync();
            everyone = await TotalAsync(ui);
            await ui.ScreenshotAsync("admin");
        });
        Assert.Equal(300, everyone);

        await app.RunAsync(nameof(A_sales_rep_sees_only_his_own_customers_while_the_administrator_sees_all) + "-rep", async ui =>
        {
            await ui.SignInAsync("wanglei");
            await Expect(ui["#home-stats"]).ToBeVisibleAsync();
            var onHome = ParseCount(await ui["#home-stats .stat-value"].First.InnerTextAsync());
            await ui.OpenAsync("customers");
            await Expect(ui["#customers-table"]).ToBeVisibleAsync();
            var his = await TotalAsync(ui);
            Assert.InRange(his, 1, everyone - 1);
            Assert.Equal(onHome, his);
            var owners = await ui["#customers-table tbody td:nth-child(6)"].AllInnerTextsAsync();
            Assert.NotEmpty(owners);
            Assert.All(owners, owner => Assert.Equal("王磊", owner.Trim()));
            await ui.ScreenshotAsync("rep");
        });
    }

    [Fact]
    public Task Level_A_on_home_and_the_level_buttons_show_only_customers_of_that_level() =>
        app.RunAsync(nameof(Level_A_on_home_and_the_level_buttons_show_only_customers_of_that_level), async ui =>
        {
            await ui.SignInAsync("zhoujianguo");
            await Expect(ui["#home-stats"]).ToBeVisibleAsync();
            var levelA = await ui["#home-stats .stat-card"].Nth(1).Locator(".stat-value").InnerTextAsync();

            await ui["#home-stats a[href='/customers?level=A']"].ClickAsync();
            await Expect(ui.Page).ToHaveURLAsync(new Regex(@"/customers\?level=A$"));
            await Expect(ui[".pager-status"]).ToHaveTextAsync(StatusWithTotal(ParseCount(levelA)));
            await Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "A 类", Exact = true })).ToHaveClassAsync(new Regex("ant-btn-primary"));
            Assert.All(await ui["#customers-table tbody td:nth-child(3)"].AllInnerTextsAsync(), level => Assert.Equal("A", level.Trim()));
            await ui.ScreenshotAsync("level-A");

            await ui.Page.GetByRole(AriaRole.Button, new() { Name = "B 类", Exact = true }).ClickAsync();
            await Expect(ui["#customers-table tbody td:nth-child(3)"].First).ToHaveTextAsync("B");
            Assert.All(await ui["#customers-table tbody td:nth-child(3)"].AllInnerTextsAsync(), level => Assert.Equal("B", level.Trim()));
            await ui.ScreenshotAsync("level-B");
        });

    /// <summary>The "共 N 条" of the pager under the table.</summary>
    private static async Task<int> TotalAsync(Ui ui)
    {
        var status = await ui[".pager-status"].InnerTextAsync();
        var match = Total().Match(status);
        Assert.True(match.Success, $"No total in the pager: {status}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static int ParseCount(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static Regex StatusWithTotal(int total) => new($"共 {total} 条$");

    [GeneratedRegex(@"共 (\d+) 条")]
    private static partial Regex Total();
}
