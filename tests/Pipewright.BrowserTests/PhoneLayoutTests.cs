using System.Text.RegularExpressions;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

/// <summary>王磊 is on the road three days a week: the pages he uses must work on a 375 px wide phone.</summary>
public sealed class PhoneLayoutTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public Task The_customer_list_fits_a_phone_screen_without_sideways_scrolling() =>
        app.RunAsync(nameof(The_customer_list_fits_a_phone_screen_without_sideways_scrolling), async ui =>
        {
            await ui.Page.GotoAsync("login");
            await ui.ScreenshotAsync("login");
            await AssertFitsAsync(ui);
            await ui.SignInAsync("wanglei");
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("home");

            await ui.OpenAsync("customers");
            await Expect(ui["#customers-table"]).ToBeVisibleAsync();
            await Expect(ui[".shell-sider"]).ToBeHiddenAsync();
            await Expect(ui["#customers-table th.hide-mobile"].First).ToBeHiddenAsync();
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("customers");
        }, phone: true);

    [Fact]
    public async Task A_customer_page_and_the_new_customer_form_fit_a_phone_screen()
    {
        var customer = await BrowserApp.CreateCustomerAsync(await app.ApiAsync("wanglei"), new
        {
            name = $"宁波市鄞州区{BrowserApp.UniqueChineseWord(4)}智能流体控制设备股份有限公司",
            aliases = new[] { "鄞州流体控制", "YZ Fluid Control Equipment" },
            creditCode = Pipewright.Customers.Rules.CreditCode.Generate(Random.Shared),
            industry = "石油化工",
            region = "浙江省宁波市",
            address = "浙江省宁波市鄞州区投资创业中心金谷中路（东）1288号智能制造产业园 5 号楼 3 层 301-305 室",
            contacts = new[] { new { name = "欧阳建华", title = "采购部副经理兼设备管理科科长", mobile = "13857412345" } },
        });

        await app.RunAsync(nameof(A_customer_page_and_the_new_customer_form_fit_a_phone_screen), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"customers/{customer["id"]}");
            await Expect(ui["#customer-name"]).ToBeVisibleAsync();
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("overview");

            await ui["#edit-customer"].ClickAsync();
            await Expect(ui["#edit-address"]).ToBeVisibleAsync();
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("editing");

            await ui.ShowTabAsync("contacts");
            await Expect(ui[".contact-card"]).ToContainTextAsync("欧阳建华");
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("contacts");

            await ui.ShowTabAsync("history");
            await Expect(ui["#history"]).ToBeVisibleAsync();
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("history");

            await ui.OpenAsync("customers/new");
            await Expect(ui["#save-customer"]).ToBeVisibleAsync();
            await AssertFitsAsync(ui);
            await ui.ScreenshotAsync("new-customer");
        }, phone: true);
    }

    [Fact]
    public Task The_menu_button_opens_the_navigation_in_a_drawer() =>
        app.RunAsync(nameof(The_menu_button_opens_the_navigation_in_a_drawer), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await Expect(ui["#home-stats"]).ToBeVisibleAsync();
            // The closed drawer is in the DOM, out of sight to the left.
            var drawerNav = ui[".ant-drawer .nav-menu"];
            await Expect(drawerNav).Not.ToBeInViewportAsync();

            await ui[".menu-toggle"].ClickAsync();

            await Expect(drawerNav).ToBeInViewportAsync(new() { Ratio = 1 });
            await Expect(drawerNav.Locator("a")).ToContainTextAsync(["工作台", "客户"]);
            await ui.ScreenshotAsync("drawer");

            await drawerNav.Locator("a[href='/customers']").ClickAsync();
            await Expect(ui.Page).ToHaveURLAsync(new Regex("/customers$"));
            await Expect(ui["#customers-table"]).ToBeVisibleAsync();
            await Expect(drawerNav).Not.ToBeInViewportAsync();
            await ui.ScreenshotAsync("after-menu");
        }, phone: true);

    [Fact]
    public Task The_search_box_and_the_contact_fields_get_the_width_of_a_phone() =>
        app.RunAsync(nameof(The_search_box_and_the_contact_fields_get_the_width_of_a_phone), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync("customers");
            await Expect(ui["#customers-table"]).ToBeVisibleAsync();
            Assert.True((await ui["#customer-search"].BoundingBoxAsync())!.Width >= 300, "The search box should span the phone's width.");

            await ui.OpenAsync("customers/new");
            foreach (var label in new[] { "联系人姓名", "职务", "手机" })
            {
                var box = (await ui.Page.GetByLabel(label, new() { Exact = true }).BoundingBoxAsync())!;
                Assert.True(box.Width >= 250, $"{label} is {box.Width} px wide on a 375 px phone.");
            }
        }, phone: true);

    private static async Task AssertFitsAsync(Ui ui)
    {
        var (document, window) = await ui.WidthsAsync();
        Assert.Equal(375, window);
        Assert.True(document <= 375, $"{ui.PathAndQuery} is {document} px wide on a 375 px phone: it scrolls sideways.");
    }
}
