using System.Text.RegularExpressions;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

public sealed partial class CreatingCustomersTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public Task Saving_without_a_name_says_so_right_under_the_name_field() =>
        app.RunAsync(nameof(Saving_without_a_name_says_so_right_under_the_name_field), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync("customers/new");
            await Expect(ui["h1.page-title"]).ToHaveTextAsync("新建客户");
            await ui.ScreenshotAsync("empty-form");

            await ui["#save-customer"].ClickAsync();

            var error = ui[".field-error[data-field=name]"];
            await Expect(error).ToHaveTextAsync("请填写名称。");
            // Right under the name input, not somewhere at the top of the page.
            await Expect(ui.Page.Locator(".form-row", new() { Has = ui["#name"] }).Locator(".field-error[data-field=name]")).ToBeVisibleAsync();
            Assert.EndsWith("/customers/new", ui.Page.Url, StringComparison.Ordinal);
            await ui.ScreenshotAsync("name-required");
        });

    [Fact]
    public async Task Typing_the_name_of_an_existing_customer_warns_of_the_duplicate_before_saving()
    {
        var word = BrowserApp.UniqueChineseWord(4);
        var existing = await BrowserApp.CreateCustomerAsync(await app.ApiAsync("zhangwei"), new { name = $"宁波{word}阀门有限公司" });
        var code = existing["code"]!.GetValue<string>();

        await app.RunAsync(nameof(Typing_the_name_of_an_existing_customer_warns_of_the_duplicate_before_saving), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync("customers/new");
            await Expect(ui["#duplicate-warning"]).ToHaveCountAsync(0);

            // Another way of writing the same firm: same core name, other city, no legal form.
            await ui["#name"].PressSequentiallyAsync($"{word}阀门（杭州）", new() { Delay = 30 });

            var warning = ui["#duplicate-warning"];
            await Expect(warning).ToBeVisibleAsync();
            await Expect(warning.Locator("strong")).ToHaveTextAsync("可能重复的客户，请先确认：");
            await Expect(warning.Locator("li")).ToHaveTextAsync($"{code} · 宁波{word}阀门有限公司 · 名称相近 · 张伟");
            await ui.ScreenshotAsync("warning");

            // Saving anyway needs a second, explicit confirmation.
            await ui["#save-customer"].ClickAsync();
            await Expect(ui[".failure-alert"]).ToContainTextAsync("可能重复的客户");
            await Expect(ui["#save-anyway"]).ToHaveTextAsync("确认不是同一家，仍然保存");
            await ui.ScreenshotAsync("needs-confirmation");
            await ui["#save-anyway"].ClickAsync();
            await Expect(ui.Page).ToHaveURLAsync(DetailUrl());
            await Expect(ui["#customer-name"]).ToContainTextAsync($"{word}阀门（杭州）");
        });
    }

    [Fact]
    public Task Saving_a_new_customer_opens_its_page_with_a_KH_code_and_him_as_owner() =>
        app.RunAsync(nameof(Saving_a_new_customer_opens_its_page_with_a_KH_code_and_him_as_owner), async ui =>
        {
            var name = $"慈溪{BrowserApp.UniqueChineseWord(4)}流体设备有限公司";
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync("customers");
            await ui["#new-customer"].ClickAsync();
            await Expect(ui.Page).ToHaveURLAsync(new Regex("/customers/new$"));
            await ui.WaitForInteractiveAsync();

            await ui["#name"].FillAsync(name);
            await ui["#aliases"].FillAsync("慈溪流体，CX流体");
            await ui["#industry"].FillAsync("化工");
            await ui["#region"].FillAsync("浙江省宁波市");
            await ui["#source"].FillAsync("展会");
            await ui["#address"].FillAsync("浙江省慈溪市经济开发区新兴大道 88 号");
            await ui.Page.GetByLabel("联系人姓名").FillAsync("沈国强");
            await ui.Page.GetByLabel("职务").FillAsync("采购部经理");
            await ui.Page.GetByLabel("手机").FillAsync("135 8745 2301");
            await ui.ScreenshotAsync("filled");
            await ui["#save-customer"].ClickAsync();

            await Expect(ui.Page).ToHaveURLAsync(DetailUrl());
            await Expect(ui["#customer-name"]).ToContainTextAsync(name);
            await Expect(ui[".detail-header .code"]).ToHaveTextAsync(new Regex(@"^KH20\d{2}\d{5}$"));
            await Expect(ui["#customer-owner"]).ToHaveTextAsync("王磊");
            await Expect(ui[".detail-header .meta"]).ToContainTextAsync("慈溪流体 · CX流体");
            await Expect(ui["#tab-contacts .count"]).ToHaveTextAsync("1");
            await Expect(ui[".descriptions"]).ToContainTextAsync("浙江省慈溪市经济开发区新兴大道 88 号");
            await ui.ScreenshotAsync("detail");

            await ui.ShowTabAsync("contacts");
            var card = ui[".contact-card"];
            await Expect(card.Locator(".contact-name")).ToContainTextAsync("沈国强");
            await Expect(card.Locator("a[href^='tel:']")).ToHaveTextAsync(new Regex(@"\+8613587452301"));
        });

    [Fact]
    public Task A_regional_manager_creates_a_customer_for_a_rep_of_her_region() =>
        app.RunAsync(nameof(A_regional_manager_creates_a_customer_for_a_rep_of_her_region), async ui =>
        {
            var name = $"北仑{BrowserApp.UniqueChineseWord(4)}港口机械有限公司";
            await ui.SignInAsync("chenjing");
            await ui.OpenAsync("customers/new");
            await ui.WaitForInteractiveAsync();
            var owner = ui["#owner"];
            await Expect(owner.Locator("option", new() { HasTextString = "王磊" })).ToHaveCountAsync(1);
            // 华南 reps are outside her region: she cannot hand them customers.
            await Expect(owner.Locator("option", new() { HasTextString = "黄志明" })).ToHaveCountAsync(0);
            // Typed once the page has loaded its owners: a first render batch can come from the layout, and text typed
            // into the prerendered form before the page's own render would be replaced by it (CI once saw that).
            await ui["#name"].FillAsync(name);
            await owner.SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "王磊" });
            await ui.ScreenshotAsync("owner-chosen");
            await ui["#save-customer"].ClickAsync();

            await Expect(ui.Page).ToHaveURLAsync(DetailUrl());
            await Expect(ui["#customer-owner"]).ToHaveTextAsync("王磊");
        });

    [Fact]
    public async Task On_site_the_phone_fills_in_the_customers_location()
    {
        var name = $"鄞州{BrowserApp.UniqueChineseWord(4)}阀门配件有限公司";
        await app.RunAsync(nameof(On_site_the_phone_fills_in_the_customers_location), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync("customers/new");
            await ui.WaitForInteractiveAsync();
            await ui["#name"].FillAsync(name);
            await ui["#locate"].ClickAsync();
            await Expect(ui["#location"]).ToContainTextAsync("29.86834, 121.54399");
            await ui.ScreenshotAsync("located");
            await ui["#save-customer"].ClickAsync();
            await Expect(ui.Page).ToHaveURLAsync(DetailUrl());
            await Expect(ui[".descriptions"]).ToContainTextAsync("29.86834, 121.54399 (WGS84)");
        }, phone: true);
    }

    [GeneratedRegex(@"/customers/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex DetailUrl();
}
