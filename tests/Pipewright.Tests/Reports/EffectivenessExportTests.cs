using System.Globalization;
using System.Net;
using MiniExcelLibs;
using Pipewright.Tests.Infrastructure;
using static Pipewright.Tests.Reports.ReportData;

namespace Pipewright.Tests.Reports;

/// <summary>The effectiveness dashboard's xlsx: the same figures as GET /reports/effectiveness, and a monthly trend that agrees with them.</summary>
public sealed class EffectivenessExportTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    private static readonly string[] Metrics = ["销售周期", "线索成单率", "跨部门协同按时率", "首次响应时长", "审批时长", "数据完整度"];

    private static async Task<(List<IDictionary<string, object>> Cards, List<IDictionary<string, object>> Months)> SheetsAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var cards = new MemoryStream(bytes);
        using var months = new MemoryStream(bytes);
        return (MiniExcel.Query(cards, useHeaderRow: true, sheetName: "效果验证").Cast<IDictionary<string, object>>().ToList(),
            MiniExcel.Query(months, useHeaderRow: true, sheetName: "月度趋势").Cast<IDictionary<string, object>>().ToList());
    }

    private static decimal? Number(object? cell) => cell is null or "" ? null : Convert.ToDecimal(cell, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_export_holds_the_reports_figures_and_a_trend_that_ends_with_the_period()
    {
        var gm = await app.SignInAsync("gm");
        var report = await PipewrightApp.ReadAsync(await gm.GetAsync($"/api/v1/reports/effectiveness?{Period}"));
        var current = report["current"]!;
        var expected = new[] { "salesCycleDays", "leadToOrderRate", "crossDeptOnTimeRate", "firstResponseHours", "approvalHours", "dataCompleteness" }
            .Select(f => current[f]?.GetValue<decimal?>()).ToArray();

        var (cards, months) = await SheetsAsync(await gm.GetAsync($"/api/v1/reports/effectiveness.xlsx?{Period}"));
        Assert.Equal(Metrics, cards.Select(r => (string)r["指标"]).ToArray());
        var column = cards[0].Keys.Single(k => k.StartsWith("本期", StringComparison.Ordinal));
        Assert.Equal("本期 2026-03-01~2026-03-31", column);
        Assert.Equal(expected, cards.Select(r => Number(r[column])).ToArray());

        // Twelve months up to March 2026; the period is exactly March, so its month holds the same figures.
        Assert.Equal(12, months.Count);
        Assert.Equal("2025-04", (string)months[0]["月份"]);
        Assert.Equal("2026-03", (string)months[^1]["月份"]);
        Assert.Equal(expected, Metrics.Select(m => Number(months[^1][m])).ToArray());
    }

    [Fact]
    public async Task The_export_refuses_what_the_report_refuses()
    {
        var engineer = await app.SignInAsync("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync($"/api/v1/reports/effectiveness.xlsx?{Period}")).StatusCode);

        var gm = await app.SignInAsync("gm");
        var backwards = await gm.GetAsync("/api/v1/reports/effectiveness.xlsx?from=2026-03-31&to=2026-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("to", (await PipewrightApp.ReadAsync(backwards))["errors"]!.AsObject().Select(e => e.Key), StringComparer.OrdinalIgnoreCase);

        var east = await app.SignInAsync("eastmanager");
        Assert.Equal(HttpStatusCode.NotFound, (await east.GetAsync($"/api/v1/reports/effectiveness.xlsx?{Period}&teamId={app.South}")).StatusCode);

        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/files/reports/effectiveness.xlsx?{Period}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/reports/effectiveness.xlsx?{Period}")).StatusCode);
    }
}
