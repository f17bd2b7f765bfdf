using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Pipewright.Pipeline;
using Pipewright.Tests.Infrastructure;
using static Pipewright.Tests.Reports.ReportData;

namespace Pipewright.Tests.Reports;

public sealed class ReportExportsTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    private static async Task<List<IDictionary<string, object>>> SheetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
    }

    [Fact]
    public async Task Stage_durations_have_one_row_per_deal_and_one_column_of_days_per_stage()
    {
        var gm = await app.SignInAsync("gm");
        var rows = await SheetAsync(gm, $"/api/v1/reports/stage-durations.xlsx?{Period}");
        // Every deal with a stay that began in March: all but none (F and G entered stages in March too).
        Assert.Equal(Deals.Count(d => d.Stays.Any(s => InPeriod(At(s.In)))), rows.Count);
        Assert.Equal(["商机编码", "商机名称", "客户", "负责人", "状态", "当前阶段", "创建时间", "线索获取（天）", "需求确认（天）", "技术交流（天）",
            "方案报价（天）", "商务谈判（天）", "合同签订（天）"], rows[0].Keys);

        // Deal B: needs 2→6 and 9→11 (6 days), technical 6→9 and 11→15 (7 days), lost, never quoted.
        var b = rows.Single(r => (string)r["商机名称"] == "报表商机B");
        Assert.Equal(6m, Convert.ToDecimal(b["需求确认（天）"]));
        Assert.Equal(7m, Convert.ToDecimal(b["技术交流（天）"]));
        Assert.Null(b["方案报价（天）"]);
        Assert.Equal("输单", b["状态"]);
    }

    [Fact]
    public async Task Every_dashboard_table_downloads_with_chinese_headers_and_user_text_never_becomes_a_formula()
    {
        var gm = await app.SignInAsync("gm");
        var funnel = await SheetAsync(gm, $"/api/v1/reports/funnel.xlsx?{Period}");
        Assert.Equal(6, funnel.Count);
        Assert.Equal("技术交流", funnel[2]["阶段"]);
        Assert.Equal(5, Convert.ToInt32(funnel[2]["商机数"]));

        var reasons = await SheetAsync(gm, $"/api/v1/reports/win-loss.xlsx?{Period}");
        Assert.Contains(reasons, r => (string)r["丢单原因"] == "价格过高");
        var forecast = await SheetAsync(gm, "/api/v1/reports/forecast.xlsx?from=2026-04-01&to=2026-06-30");
        Assert.Equal("2026-04", forecast[0]["预计成交月份"]);
        Assert.NotEmpty(await SheetAsync(gm, "/api/v1/reports/stalled.xlsx"));
        Assert.NotEmpty(await SheetAsync(gm, $"/api/v1/reports/competitors.xlsx?{Period}"));

        // A competitor typed as a formula by a rep comes out as text.
        await using (var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<global::Pipewright.Common.Data.PipewrightDb>>()
                         .CreateDbContextAsync())
        {
            var d = await db.Opportunities.FindAsync(app.DealIds["D"]);
            d!.Competitor = "=HYPERLINK(\"http://x\")";
            await db.SaveChangesAsync();
        }
        var competitors = await SheetAsync(gm, $"/api/v1/reports/competitors.xlsx?{Period}");
        Assert.Contains(competitors, r => (string)r["竞争对手"] == "'=HYPERLINK(\"http://x\")");

        Assert.Equal(HttpStatusCode.NotFound, (await gm.GetAsync("/api/v1/reports/nothing.xlsx")).StatusCode);
        var engineer = await app.SignInAsync("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync("/api/v1/reports/stage-durations.xlsx")).StatusCode);
    }
}
