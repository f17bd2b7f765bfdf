using Microsoft.Playwright;
using MiniExcelLibs;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

public sealed class CatalogTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static byte[] StockSheet(string model)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object?> { ["型号"] = model, ["库存"] = 7, ["周产能"] = 15 } }, sheetName: "库存产能");
        return stream.ToArray();
    }

    [Fact]
    public Task The_administrator_adds_a_product_with_an_option_and_imports_its_stock() =>
        app.RunAsync(nameof(The_administrator_adds_a_product_with_an_option_and_imports_its_stock), async ui =>
        {
            var model = $"Z41H-25C DN{BrowserApp.Unique().ToUpperInvariant()}";
            await ui.SignInAsync("liuxiao");
            await ui.OpenAsync("catalog");
            await Expect(ui["#products-table"]).ToBeVisibleAsync();
            await Expect(ui["#products-table tbody tr"].First).ToBeVisibleAsync();
            await ui.ScreenshotAsync("catalog");

            await ui["#new-product"].ClickAsync();
            await ui["#product-model"].FillAsync(model);
            await ui["#product-name"].FillAsync("法兰闸阀（高压）");
            await ui["#product-category"].FillAsync("闸阀");
            await ui["#product-list-price"].FillAsync("1500");
            await ui["#product-unit-cost"].FillAsync("1000");
            await ui["#product-floor-price"].FillAsync("1300");
            await ui["#add-option"].ClickAsync();
            await ui[".option-group"].FillAsync("材质");
            await ui[".option-value"].FillAsync("CF8M 316不锈钢");
            await ui[".option-price"].FillAsync("980");
            await ui[".option-cost"].FillAsync("700");
            await ui.ScreenshotAsync("new-product");
            await ui["#save-product"].ClickAsync();

            var row = ui[$"tr.product-row[data-model='{model}']"];
            await Expect(row).ToBeVisibleAsync();
            await Expect(row.Locator(".product-options")).ToContainTextAsync("CF8M 316不锈钢 +980");
            await Expect(row).ToContainTextAsync("¥1,500");
            await Expect(ui["#product-form"]).Not.ToBeVisibleAsync();
            await ui.ScreenshotAsync("listed");

            await ui["#tab-stock"].ClickAsync();
            await Expect(ui["#stock-table"]).ToBeVisibleAsync();
            await ui.WaitForInteractiveAsync();
            await ui["#toggle-stock-import"].ClickAsync();
            await ui["#stock-file"].SetInputFilesAsync(new FilePayload
            {
                Name = "库存.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = StockSheet(model),
            });
            await Expect(ui[".import-result"]).ToContainTextAsync("已更新 1 个型号");
            await ui["#stock-search"].FillAsync(model);
            var stock = ui[$"tr.stock-row[data-model='{model}']"];
            await Expect(stock.Locator(".stock-on-hand-value")).ToContainTextAsync("7 台");
            await Expect(stock).ToContainTextAsync("15 台");

            await ui["#check-model"].FillAsync(model);
            await ui["#check-quantity"].FillAsync("20");
            await ui["#check-availability"].ClickAsync();
            await Expect(ui["#availability-answer"]).ToContainTextAsync("内置库存");
            await Expect(ui["#availability-answer"]).ToContainTextAsync("能满足");
            await ui.ScreenshotAsync("stock");
        });

    [Fact]
    public Task A_rep_on_a_phone_searches_the_catalog_and_sees_list_prices_only() =>
        app.RunAsync(nameof(A_rep_on_a_phone_searches_the_catalog_and_sees_list_prices_only), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync("catalog");
            await Expect(ui["#products-table"]).ToBeVisibleAsync();
            await ui["#product-search"].FillAsync("d371x dn300");
            await Expect(ui["tr.product-row"]).ToHaveCountAsync(1);
            await Expect(ui["tr.product-row"]).ToContainTextAsync("D371X-16 DN300");
            await Expect(ui["#new-product"]).ToHaveCountAsync(0);
            await Expect(ui["#products-table"]).Not.ToContainTextAsync("单位成本");
            var (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window, $"the catalog scrolls sideways on a phone: {document} > {window}");
            await ui.ScreenshotAsync("phone");

            // The stock tab: readable, not editable by a rep, and the availability check answers.
            await ui["#tab-stock"].ClickAsync();
            await Expect(ui["#stock-table"]).ToBeVisibleAsync();
            await ui.WaitForInteractiveAsync();
            await Expect(ui[".edit-stock"]).ToHaveCountAsync(0);
            await Expect(ui["#toggle-stock-import"]).ToHaveCountAsync(0);
            await ui["#check-model"].FillAsync("Z41H-16C DN100");
            await ui["#check-quantity"].FillAsync("5");
            await ui["#check-availability"].ClickAsync();
            await Expect(ui["#availability-answer"]).ToContainTextAsync("内置库存");
            (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window, $"the stock page scrolls sideways on a phone: {document} > {window}");
            await ui.ScreenshotAsync("phone-stock");
        }, phone: true);
}
