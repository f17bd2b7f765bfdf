using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests.Dictation;

/// <summary>
/// The extraction misses what the note does not say: 王磊 adds on his phone the second model the customer asked
/// about, from the catalog by search, and the budget he remembers, and both are saved with the follow-up.
/// </summary>
public sealed class CorrectingDraftTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_rep_adds_a_missed_product_by_search_and_an_amount_by_typing_and_saves_them()
    {
        var rep = await app.ApiAsync("wanglei");
        var trade = BrowserApp.UniqueChineseWord(4);
        var customer = await BrowserApp.CreateCustomerAsync(rep, new { name = $"宁波{trade}机械有限公司", ignoreSimilar = true });
        var admin = await app.ApiAsync("liuxiao");
        var said = $"VS-{Random.Shared.Next(100, 999)}";
        var missed = $"JQ{Random.Shared.Next(1000, 9999)}-16C";
        foreach (var (model, name, category) in new[] { (said, "立式多级离心泵", "泵"), (missed, "法兰截止阀", "截止阀") })
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("api/v1/products",
                new { model, name, category, unit = "台", listPrice = 12800m })).StatusCode);

        await app.RunAsync(nameof(A_rep_adds_a_missed_product_by_search_and_an_amount_by_typing_and_saves_them), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"voice-notes/new?customerId={customer["id"]}");
            await ui["#voice-text"].FillAsync($"上午拜访{trade}机械，客户想要两台{said}，下周四之前给他报价。");
            await ui["#voice-extract"].ClickAsync();

            await Expect(ui["#draft-customer"]).ToContainTextAsync($"宁波{trade}机械有限公司");
            await Expect(ui["#draft-products li"]).ToHaveCountAsync(1);
            await Expect(ui["#draft-amounts"]).ToContainTextAsync("未提到金额");

            // Lower case and only part of the model, as a thumb types it.
            await ui["#draft-product-search"].FillAsync(missed[..6].ToLowerInvariant());
            var choice = ui[$"#draft-product-choices button[data-model='{missed}']"];
            await Expect(choice).ToHaveTextAsync($"{missed} · 法兰截止阀");
            await ui.ScreenshotAsync("product-search");
            await choice.ClickAsync();
            var added = ui[$"#draft-products li[data-model='{missed}'] input"];
            await Expect(added).ToHaveValueAsync("");
            await Expect(added).ToBeFocusedAsync();
            await added.FillAsync("4");

            // Picking a listed model again adds no second line and keeps its quantity; Enter picks the first match.
            await ui["#draft-product-search"].FillAsync(said);
            await Expect(ui[$"#draft-product-choices button[data-model='{said}']"]).ToBeVisibleAsync();
            await ui["#draft-product-search"].PressAsync("Enter");
            await Expect(ui["#draft-product-choices"]).ToHaveCountAsync(0);
            await Expect(ui["#draft-products li"]).ToHaveCountAsync(2);
            await Expect(ui[$"#draft-products li[data-model='{said}'] input"]).ToHaveValueAsync("2");

            var amount = ui["#draft-amount"];
            var amountError = ui[".field-error[data-field='amount']"];
            await amount.FillAsync("十二八百");
            await ui["#draft-amount-add"].ClickAsync();
            await Expect(amountError).ToHaveTextAsync("金额须是数字，如 12800、12800.50 或 8万。");
            await amount.FillAsync("0");
            await ui["#draft-amount-add"].ClickAsync();
            await Expect(amountError).ToHaveTextAsync("金额须大于 0 且不超过 1000 亿元。");
            await Expect(ui["#draft-amounts [data-amount]"]).ToHaveCountAsync(0);
            await ui.ScreenshotAsync("amount-refused");

            await amount.FillAsync("12800");
            await ui["#draft-amount-add"].ClickAsync();
            await amount.FillAsync("8万");
            await amount.PressAsync("Enter");
            await Expect(ui["#draft-amounts [data-amount]"]).ToHaveCountAsync(2);
            await Expect(ui["#draft-amounts [data-amount='12800']"]).ToHaveCountAsync(1);
            await Expect(amountError).ToHaveCountAsync(0);
            await Expect(amount).ToHaveValueAsync("");
            Assert.EndsWith("/voice-notes/new", new Uri(ui.Page.Url).AbsolutePath, StringComparison.Ordinal);
            var (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window, $"The page is {document} px wide on a {window} px screen.");
            await ui.ScreenshotAsync("corrected");

            await ui["#draft-save"].ClickAsync();
            await ui.Page.WaitForURLAsync(new Regex($"/customers/{customer["id"]}$"));
            await ui.WaitForInteractiveAsync();
            await ui.ShowTabAsync("activities");
            var item = ui["#activity-timeline .activity-item"].First;
            await Expect(item.Locator(".activity-products")).ToContainTextAsync($"{said} × 2");
            await Expect(item.Locator(".activity-products")).ToContainTextAsync($"{missed} × 4");
            await Expect(item.Locator(".activity-amounts")).ToContainTextAsync("¥12,800.00");
            await Expect(item.Locator(".activity-amounts")).ToContainTextAsync("¥80,000.00");
            await ui.ScreenshotAsync("timeline");
        }, phone: true);

        var saved = Assert.Single((await rep.GetFromJsonAsync<JsonObject>($"api/v1/customers/{customer["id"]}/activities"))!["items"]!.AsArray())!;
        Assert.Equal([said, missed], saved["products"]!.AsArray().Select(p => p!["model"]!.GetValue<string>()));
        Assert.Equal([2m, 4m], saved["products"]!.AsArray().Select(p => p!["quantity"]!.GetValue<decimal>()));
        Assert.Equal([12800m, 80000m], saved["amounts"]!.AsArray().Select(a => a!.GetValue<decimal>()));
    }
}
