using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests.Pipeline;

/// <summary>The deal's own page: where it is on the stage path, how it got there, and closing it as lost — on a phone.</summary>
public sealed class OpportunityPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_rep_sees_the_stage_path_and_history_of_his_deal_and_records_it_as_lost_on_his_phone()
    {
        var deal = await FunnelSetup.OpenDealAsync(await app.ApiAsync("wanglei"), "Z41H 闸阀 60 台");
        var id = deal["id"]!.GetValue<Guid>();

        await app.RunAsync("opportunity-page", async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"opportunities/{id}");
            await Expect(ui["#opportunity-title"]).ToContainTextAsync("Z41H 闸阀 60 台");
            await Expect(ui["#opportunity-status"]).ToHaveTextAsync("进行中");
            // Opened with an amount, a date and a category: 线索获取 is done, 需求确认 is where it is, its survey is missing.
            await Expect(ui["#stage-path li[data-stage='initial']"]).ToHaveAttributeAsync("data-state", "done");
            await Expect(ui["#stage-path li[data-stage='needs']"]).ToHaveAttributeAsync("data-state", "current");
            await Expect(ui["#stage-path [data-requirement='budget']"]).ToHaveAttributeAsync("data-done", "true");
            await Expect(ui["#stage-path [data-requirement='needsSurvey']"]).ToHaveAttributeAsync("data-done", "false");
            var (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window, $"The page is {document}px wide in a {window}px window.");
            await ui.ScreenshotAsync("stage-path");

            // Advancing asks for what the next step still needs.
            await ui["#advance"].ClickAsync();
            await Expect(ui["#move-dialog fieldset.requirement[data-requirement='needsSurvey']"]).ToBeVisibleAsync();
            await Expect(ui["#move-dialog fieldset.requirement[data-requirement='decisionMaker']"]).ToBeVisibleAsync();
            await ui.ScreenshotAsync("advance-dialog");
            await ui["#move-cancel"].ClickAsync();
            await Expect(ui["#move-dialog"]).ToHaveCountAsync(0);

            await ui.ShowTabAsync("stages");
            var rows = ui["#stage-history tbody tr"];
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(rows.Nth(0)).ToContainTextAsync("线索获取");
            await Expect(rows.Nth(0)).ToContainTextAsync("新建");
            await Expect(rows.Nth(1)).ToContainTextAsync("需求确认");
            await Expect(rows.Nth(1)).ToContainTextAsync("条件满足自动推进");
            await ui.ScreenshotAsync("stage-history");

            await ui["#lose"].ClickAsync();
            await ui["#confirm-lose"].ClickAsync();
            await Expect(ui["#lose-dialog .field-error[data-field='lostReason']"]).ToBeVisibleAsync();
            await ui["#lost-reason"].SelectOptionAsync("交期不满足");
            await ui["#lost-competitor"].FillAsync("温州某阀门厂");
            await ui.ScreenshotAsync("lose-dialog");
            await ui["#confirm-lose"].ClickAsync();
            await Expect(ui["#opportunity-status"]).ToHaveTextAsync("输单");
            await Expect(ui["#opportunity-lost"]).ToContainTextAsync("交期不满足");
            await Expect(ui["#opportunity-lost"]).ToContainTextAsync("温州某阀门厂");
            await Expect(ui["#advance"]).ToHaveCountAsync(0);
            await ui.ScreenshotAsync("lost");
        }, phone: true);
    }

    [Fact]
    public async Task A_rep_opens_a_deal_from_the_customer_page_and_moves_it_with_the_menu_on_his_phone()
    {
        var customer = await BrowserApp.CreateCustomerAsync(await app.ApiAsync("wanglei"), new { name = $"慈溪{BrowserApp.UniqueChineseWord(4)}管业有限公司" });

        await app.RunAsync("opportunity-from-customer", async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"customers/{customer["id"]}");
            await ui.ShowTabAsync("opportunities");
            await Expect(ui["#customer-opportunities .ant-empty-description"]).ToContainTextAsync("还没有商机");
            await ui["#new-customer-opportunity"].ClickAsync();
            await ui["#opportunity-title"].FillAsync("DN150 球阀 40 台");
            await ui["#save-opportunity"].ClickAsync();
            await Expect(ui["#opportunity-code"]).ToContainTextAsync("SJ");
            await Expect(ui["#opportunity-stage"]).ToHaveTextAsync("线索获取");
            var code = await ui["#opportunity-code"].InnerTextAsync();

            // Phones can't drag: the card's menu opens the same dialog, asking for the first stage's exit.
            await ui.OpenAsync("pipeline");
            var card = ui[$".kanban-card[data-code='{code}']"];
            await card.Locator(".move-to").SelectOptionAsync("needs");
            var dialog = ui["#move-dialog"];
            await Expect(dialog.Locator("fieldset.requirement[data-requirement='budget']")).ToBeVisibleAsync();
            await dialog.Locator("input[type='number']").FillAsync("86000");
            await dialog.Locator("input[type='date']").FillAsync("2026-10-31");
            await dialog.Locator("#req-budget-productCategory").FillAsync("球阀");
            await ui["#move-confirm"].ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(ui[$".kanban-column[data-stage='needs'] .kanban-card[data-code='{code}']"]).ToBeVisibleAsync();
            await Expect(ui[$".kanban-column[data-stage='needs'] .kanban-card[data-code='{code}'] .amount"]).ToHaveTextAsync("¥8.6万");
            var (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window, $"The board is {document}px wide in a {window}px window.");
            await ui.ScreenshotAsync("moved-with-menu");

            // Skipping is not allowed in the default funnel: said plainly.
            await ui[$".kanban-card[data-code='{code}'] .move-to"].SelectOptionAsync("negotiation");
            await Expect(ui["#move-refusal"]).ToContainTextAsync("不允许跳过阶段");
            await ui["#move-cancel"].ClickAsync();
        }, phone: true);
    }
}
