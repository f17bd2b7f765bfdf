using Microsoft.Playwright;
using MiniExcelLibs;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests.Reports;

public sealed class FunnelDashboardTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public Task The_regional_manager_reads_the_funnel_filters_it_drills_down_and_exports() =>
        app.RunAsync(nameof(The_regional_manager_reads_the_funnel_filters_it_drills_down_and_exports), async ui =>
        {
            await ui.SignInAsync("chenjing");
            await ui["nav a[href='/reports/funnel']"].First.ClickAsync();
            await Expect(ui["#funnel-table"]).ToBeVisibleAsync();
            await Expect(ui["#funnel-card canvas"].First).ToBeVisibleAsync();
            await Expect(ui["#dwell-card canvas"].First).ToBeVisibleAsync();
            await ui.WaitForInteractiveAsync();
            await ui.ScreenshotAsync("dashboard");

            var period = await ui["#report-period"].InnerTextAsync();
            await ui["#filter-period"].SelectOptionAsync("thisYear");
            await Expect(ui["#report-period"]).Not.ToHaveTextAsync(period);
            await Expect(ui["#report-period"]).ToContainTextAsync("-01-01");
            // The region's first sub-team (the list starts with all teams, then the region itself).
            await ui["#filter-team"].SelectOptionAsync(new SelectOptionValue { Index = 2 });
            await Expect(ui["#funnel-table"]).ToBeVisibleAsync();
            await ui.ScreenshotAsync("this-year-ningbo");

            // The first stage's count opens the deals behind it, each linked to its page.
            var first = ui["#funnel-table tr[data-stage] .drill-count"].First;
            var count = int.Parse(await first.InnerTextAsync());
            Assert.True(count > 0, "the demo company has deals that entered the first stage this year");
            await first.ClickAsync();
            await Expect(ui["#drilldown"]).ToBeVisibleAsync();
            await Expect(ui["#drilldown .drill-item"]).ToHaveCountAsync(Math.Min(count, 50));
            await Expect(ui["#drilldown .drill-item a"].First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/opportunities/"));
            await ui.ScreenshotAsync("drilldown");
            await ui[".ant-drawer-close"].ClickAsync();
            await Expect(ui["#drilldown"]).Not.ToBeVisibleAsync();

            var download = await ui.Page.RunAndWaitForDownloadAsync(() => ui["#export-stage-durations"].ClickAsync());
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            var path = await download.PathAsync();
            var rows = MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
            Assert.NotEmpty(rows);
            Assert.Contains("商机编码", rows[0].Keys);
            Assert.Contains("线索获取（天）", rows[0].Keys);
        });

    [Fact]
    public Task The_dashboard_fits_a_phone() =>
        app.RunAsync(nameof(The_dashboard_fits_a_phone), async ui =>
        {
            await ui.SignInAsync("zhoujianguo");
            await ui.OpenAsync("reports/funnel");
            await Expect(ui["#funnel-table"]).ToBeVisibleAsync();
            await Expect(ui["#stalled-card"]).ToBeVisibleAsync();
            var (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window + 1, $"the page scrolls sideways: {document} > {window}");
            await ui.ScreenshotAsync("phone");
        }, phone: true);
}
