using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.BrowserTests.Infrastructure;
using Pipewright.Catalog;
using Pipewright.Common;
using Pipewright.Common.Data;
using Pipewright.Erp;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

public sealed partial class QuoteApprovalTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_quote_at_80_percent_walks_the_regional_manager_on_a_phone_then_finance_and_the_general_manager()
    {
        // The catalog is another module's: the product and its stock are put in directly.
        var model = $"Z41H-16C DN{BrowserApp.Unique()}";
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync())
        {
            db.Products.Add(new Product
            {
                Model = model, ModelKey = Product.KeyOf(model), Name = "法兰闸阀", Category = "闸阀", Unit = "台",
                ListPrice = Money.FromYuan(1000), UnitCost = Money.FromYuan(600), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            db.StockLevels.Add(new StockLevel { ModelKey = Product.KeyOf(model), OnHand = 4, WeeklyCapacity = 20, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var wanglei = await app.ApiAsync("wanglei");
        var customerName = $"宁波{BrowserApp.UniqueChineseWord()}阀门有限公司";
        var customer = await BrowserApp.CreateCustomerAsync(wanglei, new { name = customerName, ignoreSimilar = true });
        var deal = await wanglei.PostAsJsonAsync("api/v1/opportunities", new { customerId = customer["id"]!.GetValue<Guid>(), title = "DN100 闸阀 10 台" });
        var opportunityId = (await deal.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        string quotePath = "";
        string code = "";

        await app.RunAsync("quote-wanglei-builds-and-submits", async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"opportunities/{opportunityId}/quotes/new");
            await ui["#product-search"].FillAsync(model[..12]);
            await ui[".product-choice"].Filter(new() { HasTextString = model }).ClickAsync();
            await ui["#quantity-0"].FillAsync("10");
            await ui["#percent-0"].FillAsync("80");
            await ui["#percent-0"].PressAsync("Tab");
            await Expect(ui["#unitPrice-0"]).ToHaveValueAsync(new Regex(@"^800(\.0+)?$"));
            await Expect(ui["#total-amount"]).ToHaveTextAsync("¥8,000.00");
            await Expect(ui["#line-0 .needs-approval"]).ToBeVisibleAsync();
            // 4 on hand, 20 a week: 10 ship in a week at the earliest.
            await Expect(ui["#availability-0"]).ToContainTextAsync("现货 4");
            await Expect(ui["#availability-0"]).ToContainTextAsync("最早可发货");
            await ui.ScreenshotAsync("editor");

            await ui["#submit-quote"].ClickAsync();
            await Expect(ui.Page).ToHaveURLAsync(QuoteUrl());
            await Expect(ui["#quote-status"]).ToHaveTextAsync("审批中");
            await Expect(ui["#approval-history"]).ToContainTextAsync("区域经理");
            await Expect(ui["#approval-history"]).ToContainTextAsync("陈静");
            await Expect(ui["#approval-history"]).ToContainTextAsync("总经理");
            quotePath = new Uri(ui.Page.Url).AbsolutePath.TrimStart('/');
            code = (await ui["#quote-title"].InnerTextAsync()).Split(' ')[^1];
            await ui.ScreenshotAsync("pending");
        });

        await app.RunAsync("quote-zhaomin-waits-for-her-turn", async ui =>
        {
            await ui.SignInAsync("zhaomin");
            await ui.OpenAsync("approvals");
            await Expect(ui["#approvals-table"].Or(ui[".ant-empty"])).ToBeVisibleAsync();
            await Expect(ui.Page.GetByText(code)).ToHaveCountAsync(0);
        });

        await app.RunAsync("quote-chenjing-approves-on-her-phone", async ui =>
        {
            await ui.SignInAsync("chenjing");
            await ui.OpenAsync("m/approvals");
            var card = ui[".approval-card"].Filter(new() { HasTextString = code });
            await Expect(card).ToContainTextAsync(customerName);
            await ui.ScreenshotAsync("phone-inbox");
            await card.Locator(".decision-comment").FillAsync("老客户，同意");
            await card.Locator(".approve").ClickAsync();
            await Expect(ui[".page-message"]).ToContainTextAsync("已同意");
            await Expect(ui[".approval-card"].Filter(new() { HasTextString = code })).ToHaveCountAsync(0);
            var (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window, $"The phone inbox scrolls sideways ({document} > {window}).");
            await ui.ScreenshotAsync("phone-approved");
        }, phone: true);

        foreach (var approver in new[] { "zhaomin", "zhoujianguo" })
        {
            await app.RunAsync($"quote-{approver}-approves", async ui =>
            {
                await ui.SignInAsync(approver);
                await ui.OpenAsync("approvals");
                var row = ui["#approvals-table tbody tr"].Filter(new() { HasTextString = code });
                await row.Locator(".approve").ClickAsync();
                await Expect(ui[".page-message"]).ToContainTextAsync("已同意");
                await ui.ScreenshotAsync("approved");
            });
        }

        await app.RunAsync("quote-wanglei-sees-it-approved", async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync(quotePath);
            await Expect(ui["#quote-status"]).ToHaveTextAsync("已通过");
            await Expect(ui["#approval-history"]).ToContainTextAsync("老客户，同意");
            await Expect(ui["#submit-quote"]).ToHaveCountAsync(0);
            var href = await ui["#download-pdf"].GetAttributeAsync("href");
            var pdf = await ui.Page.Context.APIRequest.GetAsync(href!);
            Assert.Equal(200, pdf.Status);
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);
            Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]));
            await ui.ScreenshotAsync("approved");
        });
    }

    [Fact]
    public Task An_administrator_sees_the_default_policy_and_saves_the_policies() =>
        app.RunAsync("approval-policies", async ui =>
        {
            await ui.SignInAsync("liuxiao");
            await ui.OpenAsync("admin/approval-policies");
            await Expect(ui["#policy-0 input.ant-input"].First).ToHaveValueAsync("低于标准价 85%");
            await Expect(ui["#policy-0 .approval-step-rule"]).ToHaveCountAsync(3);
            await ui["#save-policies"].ClickAsync();
            await Expect(ui[".page-message"]).ToContainTextAsync("审批规则已保存");
            await Expect(ui["#policy-0 .approval-step-rule"]).ToHaveCountAsync(3);
            await ui.ScreenshotAsync("policies");
        });

    [GeneratedRegex(@"/quotes/[0-9a-f-]{36}$")]
    private static partial Regex QuoteUrl();
}
