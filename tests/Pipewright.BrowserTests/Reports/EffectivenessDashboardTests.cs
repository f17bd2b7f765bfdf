using MiniExcelLibs;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests.Reports;

/// <summary>周建国, the general manager, checks what the system changed (效果验证) on the demo company's data.</summary>
public sealed class EffectivenessDashboardTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_general_manager_sets_a_baseline_filters_drills_down_and_exports()
    {
        await app.RunAsync(nameof(The_general_manager_sets_a_baseline_filters_drills_down_and_exports), async ui =>
        {
            await ui.SignInAsync("zhoujianguo");
            await ui.OpenAsync("reports/effectiveness");
            await Expect(ui["h1"]).ToHaveTextAsync("效果验证");
            await Expect(ui[".eff-card"]).ToHaveCountAsync(6);
            await Expect(ui[".eff-card[data-metric=firstResponse] h3"]).ToContainTextAsync("首次响应时长");
            await ui.ScreenshotAsync("opened");

            // The baseline: the year before the last twelve months.
            await ui["#change-baseline"].ClickAsync();
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
            await ui["#baseline-from"].FillAsync(today.AddYears(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await ui["#baseline-to"].FillAsync(today.AddYears(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await ui["#save-baseline"].ClickAsync();
            await Expect(ui["#eff-baseline"]).ToContainTextAsync("基准期：" + today.AddYears(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

            // Period and team.
            await ui["#eff-period"].SelectOptionAsync("12m");
            await Expect(ui["#eff-from"]).ToHaveValueAsync(today.AddYears(-1).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            var east = ui["#eff-team option"].Filter(new() { HasTextString = "华东区" });
            await ui["#eff-team"].SelectOptionAsync((await east.GetAttributeAsync("value"))!);
            await Expect(ui[".eff-card"]).ToHaveCountAsync(6);
            await ui.ScreenshotAsync("east-last-12-months");

            // Drill down into the number behind a card: the leads answered in the period.
            var responded = ui[".eff-card[data-metric=firstResponse] .drill-current"];
            await Expect(responded).ToBeVisibleAsync();
            await responded.ClickAsync();
            await Expect(ui["#eff-drilldown h2"]).ToContainTextAsync("已响应线索");
            await Expect(ui["#drill-table tbody tr"].First).ToBeVisibleAsync();
            await ui.ScreenshotAsync("drilled-down");

            // Export: the six cards on the first sheet.
            var download = await ui.Page.RunAndWaitForDownloadAsync(() => ui["#export-effectiveness"].ClickAsync());
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            await using var exported = await download.CreateReadStreamAsync();
            using var copy = new MemoryStream();
            await exported.CopyToAsync(copy);
            copy.Position = 0;
            var rows = MiniExcel.Query(copy, useHeaderRow: true, sheetName: "效果验证").Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(["销售周期", "线索成单率", "跨部门协同按时率", "首次响应时长", "审批时长", "数据完整度"], rows.Select(r => (string)r["指标"]).ToArray());
        });
    }

    [Fact]
    public async Task A_regional_manager_reads_the_dashboard_on_a_phone()
    {
        await app.RunAsync(nameof(A_regional_manager_reads_the_dashboard_on_a_phone), async ui =>
        {
            await ui.SignInAsync("chenjing");
            await ui.OpenAsync("reports/effectiveness");
            await Expect(ui[".eff-card"]).ToHaveCountAsync(6);
            // Her region's teams only; no baseline picker for a regional manager.
            await Expect(ui["#eff-team option"].Filter(new() { HasTextString = "华南区" })).ToHaveCountAsync(0);
            await Expect(ui["#change-baseline"]).ToHaveCountAsync(0);
            var (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window, $"The page is {document} px wide in a {window} px window.");
            await ui.ScreenshotAsync("phone");
        }, phone: true);
    }
}
