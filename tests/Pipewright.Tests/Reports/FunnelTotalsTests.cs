using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Common.Data;
using Pipewright.Pipeline.Rollup;
using Pipewright.Tests.Infrastructure;
using Pipewright.Tests.Pipeline;

namespace Pipewright.Tests.Reports;

/// <summary>
/// Everyone's funnel reads running totals kept in every save (docs/performance.md, issue 8). After moves back and
/// forth, budget and category changes, a lost deal and a refused save, the totals must be what counting every stay
/// afresh gives, and the funnel they give the one the stays themselves give.
/// </summary>
public sealed class FunnelTotalsTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    private static readonly object Budget = new { expectedAmount = 120000, expectedCloseDate = "2026-09-30", productCategory = "球阀" };

    [Fact]
    public async Task The_running_totals_are_what_counting_every_stay_afresh_gives_and_give_the_funnel_the_stays_give()
    {
        var rep = await app.SignInAsync("rep1");
        var first = (await Funnel.OpenDealAsync(rep, "慈溪恒力化工", Budget))["id"]!.GetValue<Guid>();
        var second = (await Funnel.OpenDealAsync(rep, "余姚明辉泵业", Budget))["id"]!.GetValue<Guid>();
        var third = (await Funnel.OpenDealAsync(rep, "宁波华东阀门"))["id"]!.GetValue<Guid>();

        // Back and forward again: re-entries into both stages, and every earlier stay's stages-since changes.
        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsJsonAsync($"/api/v1/opportunities/{first}/move", new { toStage = "initial", reason = "客户预算重新申报" })).StatusCode);
        var deal = await Funnel.CompleteAsync(rep, first, "budget", new { expectedAmount = 98000, productCategory = "闸阀" });
        var stale = deal["version"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsJsonAsync($"/api/v1/opportunities/{first}/advance", new { version = stale })).StatusCode);
        // A save refused for a stale version changes no total.
        Assert.Equal(HttpStatusCode.Conflict, (await rep.PostAsJsonAsync($"/api/v1/opportunities/{first}/advance", new { version = stale })).StatusCode);
        // A budget and category change moves every stay of the deal to other rows; a lost deal's last stay has no duration.
        await Funnel.CompleteAsync(rep, second, "budget", new { expectedAmount = 45000, productCategory = "蝶阀" });
        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsJsonAsync($"/api/v1/opportunities/{third}/close", new { outcome = "lost", lostReason = "价格过高" })).StatusCode);

        var gm = await app.SignInAsync("gm");
        var fromTotals = await PipewrightApp.GetOkAsync(gm, "/api/v1/reports/funnel");
        var fromStays = await PipewrightApp.GetOkAsync(gm, $"/api/v1/reports/funnel?ownerId={app.Users["rep1"]}");
        Assert.Equal(fromStays.ToJsonString(), fromTotals.ToJsonString());
        // Four stays in 初步接洽 and three in 需求确认 (one deal entered each twice): three deals and two.
        Assert.Equal((3, 2), (fromTotals["stages"]![0]!["count"]!.GetValue<int>(), fromTotals["stages"]![1]!["count"]!.GetValue<int>()));
        foreach (var category in new[] { "闸阀", "蝶阀", "球阀" })
            Assert.Equal((await PipewrightApp.GetOkAsync(gm, $"/api/v1/reports/funnel?ownerId={app.Users["rep1"]}&productCategory={category}")).ToJsonString(),
                (await PipewrightApp.GetOkAsync(gm, $"/api/v1/reports/funnel?productCategory={category}")).ToJsonString());

        var kept = await TotalsAsync();
        Assert.NotEmpty(kept.Entries);
        await FunnelTotalsChange.RebuildAsync(app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>(), force: true, default);
        var counted = await TotalsAsync();
        Assert.Equal(counted.Entries, kept.Entries);
        Assert.Equal(counted.Dwell, kept.Dwell);
    }

    /// <summary>The rows that count something, in key order (a row taken down to zero stays behind, counting nothing).</summary>
    private async Task<(List<string> Entries, List<string> Dwell)> TotalsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        var entries = (await db.Set<FunnelEntryTotal>().AsNoTracking().Where(t => t.Stays != 0 || t.Fen != 0).ToListAsync())
            .Select(t => $"{t.Category}|{t.Span}|{t.StageKey}|{t.PreviousDay}|{t.EnteredSince}|{t.Stays}|{t.Fen}").Order(StringComparer.Ordinal).ToList();
        var dwell = (await db.Set<FunnelDwellTotal>().AsNoTracking().Where(t => t.Stays != 0 || t.Milliseconds != 0).ToListAsync())
            .Select(t => $"{t.Category}|{t.Span}|{t.StageKey}|{t.Bucket}|{t.Stays}|{t.Milliseconds}").Order(StringComparer.Ordinal).ToList();
        return (entries, dwell);
    }
}
