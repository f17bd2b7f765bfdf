using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

public sealed partial class CustomerPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Editing_the_address_saves_it_and_the_history_shows_old_and_new()
    {
        var customer = await BrowserApp.CreateCustomerAsync(await app.ApiAsync("wanglei"),
            new { name = $"余姚{BrowserApp.UniqueChineseWord(4)}塑化有限公司", address = "余姚市阳明街道旧址 1 号" });

        await app.RunAsync(nameof(Editing_the_address_saves_it_and_the_history_shows_old_and_new), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"customers/{customer["id"]}");
            await Expect(ui["#customer-name"]).ToContainTextAsync(customer["name"]!.GetValue<string>());
            await ui.ScreenshotAsync("overview");

            await ui["#edit-customer"].ClickAsync();
            await Expect(ui["#edit-address"]).ToHaveValueAsync("余姚市阳明街道旧址 1 号");
            await ui["#edit-address"].FillAsync("余姚市经济开发区新建北路 300 号");
            await ui.ScreenshotAsync("editing");
            await ui["#save-customer"].ClickAsync();

            await Expect(ui["#edit-address"]).ToHaveCountAsync(0);
            await Expect(ui[".descriptions"]).ToContainTextAsync("余姚市经济开发区新建北路 300 号");
            await ui.ScreenshotAsync("saved");

            await ui.ShowTabAsync("history");
            var change = ui["#history .changes li"].Filter(new() { Has = ui.Page.Locator(".field", new() { HasTextString = "地址" }) });
            await Expect(change.First).ToBeVisibleAsync();
            await Expect(change.First.Locator("del")).ToHaveTextAsync("余姚市阳明街道旧址 1 号");
            await Expect(change.First.Locator("ins")).ToHaveTextAsync("余姚市经济开发区新建北路 300 号");
            await Expect(ui["#history > li"].First.Locator(".when")).ToContainTextAsync("修改了 客户");
            await ui.ScreenshotAsync("history");
        });
    }

    [Fact]
    public async Task A_contact_added_with_a_mobile_is_shown_with_its_plus_86_number()
    {
        var customer = await BrowserApp.CreateCustomerAsync(await app.ApiAsync("wanglei"),
            new { name = $"象山{BrowserApp.UniqueChineseWord(4)}船舶配件有限公司" });

        await app.RunAsync(nameof(A_contact_added_with_a_mobile_is_shown_with_its_plus_86_number), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"customers/{customer["id"]}");
            await ui.ShowTabAsync("contacts");
            await Expect(ui[".ant-empty-description"]).ToContainTextAsync("还没有联系人");
            await Expect(ui["#tab-contacts .count"]).ToHaveTextAsync("0");

            await ui["#contact-name"].FillAsync("林海峰");
            await ui["#contact-title"].FillAsync("设备科长");
            await ui["#contact-mobile"].FillAsync("139 5741 2086");
            await ui["#contact-email"].FillAsync("linhf@example.cn");
            await ui.ScreenshotAsync("filled");
            await ui["#save-contact"].ClickAsync();

            var card = ui[".contact-card"].Filter(new() { HasTextString = "林海峰" });
            await Expect(card).ToBeVisibleAsync();
            await Expect(card.Locator("a[href^='tel:']")).ToHaveTextAsync("📱 +8613957412086");
            await Expect(card.Locator("a[href^='tel:']")).ToHaveAttributeAsync("href", "tel:+8613957412086");
            await Expect(card).ToContainTextAsync("设备科长");
            await Expect(ui["#tab-contacts .count"]).ToHaveTextAsync("1");
            await Expect(ui["#contact-name"]).ToHaveValueAsync(""); // the form is ready for the next one
            await ui.ScreenshotAsync("added");

            // A wrong number is refused next to the field, in Chinese.
            await ui["#contact-name"].FillAsync("错号");
            await ui["#contact-mobile"].FillAsync("1395741208");
            await ui["#save-contact"].ClickAsync();
            await Expect(ui[".field-error[data-field=mobile]"]).ToContainTextAsync("不是有效的电话号码");
            await Expect(ui["#tab-contacts .count"]).ToHaveTextAsync("1");
            await ui.ScreenshotAsync("wrong-number");
        });
    }

    [Fact]
    public async Task Saving_over_someone_elses_change_is_refused_with_a_reload_button()
    {
        var api = await app.ApiAsync("wanglei");
        var customer = await BrowserApp.CreateCustomerAsync(api,
            new { name = $"北仑{BrowserApp.UniqueChineseWord(4)}液压件有限公司", address = "北仑区原地址" });
        var id = customer["id"]!.GetValue<Guid>();

        await app.RunAsync(nameof(Saving_over_someone_elses_change_is_refused_with_a_reload_button), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"customers/{id}");
            await ui["#edit-customer"].ClickAsync();
            await Expect(ui["#edit-address"]).ToHaveValueAsync("北仑区原地址");

            // Meanwhile his manager changes the customer on her phone.
            var manager = await app.ApiAsync("chenjing");
            var current = (await manager.GetFromJsonAsync<JsonObject>($"api/v1/customers/{id}"))!;
            var put = await manager.PutAsJsonAsync($"api/v1/customers/{id}", new
            {
                name = current["name"]!.GetValue<string>(),
                address = "经理改过的地址",
                version = current["version"]!.GetValue<int>(),
            });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

            await ui["#edit-address"].FillAsync("我改的地址");
            await ui["#save-customer"].ClickAsync();

            var alert = ui[".failure-alert"];
            await Expect(alert).ToContainTextAsync("记录已被他人修改");
            await Expect(alert).ToContainTextAsync("在您编辑期间，其他人已保存了这条记录。请刷新后重新修改，您的内容未被保存。");
            await Expect(ui["#reload-customer"]).ToHaveTextAsync("重新加载最新内容");
            await ui.ScreenshotAsync("conflict");

            await ui["#reload-customer"].ClickAsync();
            await Expect(ui["#edit-address"]).ToHaveValueAsync("经理改过的地址");
            await Expect(ui[".failure-alert"]).ToHaveCountAsync(0);
            await ui.ScreenshotAsync("reloaded");

            // Now his change goes in on top of hers.
            await ui["#edit-address"].FillAsync("我改的地址");
            await ui["#save-customer"].ClickAsync();
            await Expect(ui[".descriptions"]).ToContainTextAsync("我改的地址");
        });

        var stored = (await api.GetFromJsonAsync<JsonObject>($"api/v1/customers/{id}"))!;
        Assert.Equal("我改的地址", stored["address"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_history_of_a_new_customer_reads_as_values_people_recognise()
    {
        var customer = await BrowserApp.CreateCustomerAsync(await app.ApiAsync("wanglei"),
            new { name = $"镇海{BrowserApp.UniqueChineseWord(4)}石化设备有限公司", aliases = new[] { "镇海石化设备" } });

        await app.RunAsync(nameof(The_history_of_a_new_customer_reads_as_values_people_recognise), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"customers/{customer["id"]}");
            await ui.ShowTabAsync("history");
            var created = ui["#history > li"].Filter(new() { HasTextString = "创建了 客户" });
            await Expect(created.Locator(".changes")).ToBeVisibleAsync();
            await ui.ScreenshotAsync("history");

            var text = await created.Locator(".changes").InnerTextAsync();
            Assert.Contains("镇海石化设备", text, StringComparison.Ordinal); // the alias as typed, not as escaped JSON
            Assert.Contains("王磊", text, StringComparison.Ordinal); // the owner by name …
            Assert.DoesNotMatch(AnId(), text); // … not by id
            Assert.DoesNotMatch(AnIsoTimestamp(), text); // no raw UTC timestamps
        });
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex AnId();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex AnIsoTimestamp();
}
