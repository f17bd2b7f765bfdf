using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Pipeline;
using Pipewright.Reports.Effectiveness;
using Pipewright.Tasks;
using Pipewright.Tests.Infrastructure;
using static Pipewright.Tests.Reports.ReportData;

namespace Pipewright.Tests.Reports;

/// <summary>
/// Everyone's effectiveness figures read running totals kept in every save (docs/performance.md, issue 8). After a
/// deal is won (its lead with it), a deal changes category, requests are completed and fall due today, and a customer
/// goes to the pool with its contacts, the totals must be what counting every record afresh gives, and everyone's
/// counts the sum of each owner's, which are read from the records.
/// </summary>
public sealed class EffectivenessTotalsTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    // March and today (1 April, China time): requests due later today are not due yet.
    private const string MarchAndToday = "from=2026-03-01&to=2026-04-01";

    private static readonly string[] Counts =
        ["wonCount", "leadCount", "leadsWon", "techRequestsDue", "techRequestsOnTime", "leadsResponded", "approvalSteps", "requiredFields", "filledFields"];

    [Fact]
    public async Task The_running_totals_follow_every_change_and_add_up_to_what_each_owner_s_records_give()
    {
        var gm = await app.SignInAsync("gm");
        var before = (await PipewrightApp.GetOkAsync(gm, $"/api/v1/reports/effectiveness?{MarchAndToday}"))["current"]!;

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync())
        {
            var deals = await db.Opportunities.Where(o => app.DealIds.Values.Contains(o.Id)).ToDictionaryAsync(o => o.Id);
            var (e, a, h) = (deals[app.DealIds["E"]], deals[app.DealIds["A"]], deals[app.DealIds["H"]]);
            (e.Status, e.ClosedAt) = (OpportunityStatus.Won, At(20));       // its lead is won with it
            a.ProductCategory = "蝶阀";                                       // its requests and its win change category
            var open = await db.TechTasks.SingleAsync(t => t.OpportunityId == app.DealIds["C"]);
            (open.Status, open.CompletedAt) = (TechTaskStatus.Done, open.DueAt.AddHours(-1));
            var customerB = await db.Customers.SingleAsync(c => c.Id == deals[app.DealIds["B"]].CustomerId);
            customerB.OwnerId = null;                                         // to the pool: it and its contacts leave completeness
            foreach (var (due, n) in new[] { (Now.AddHours(-1), 1), (Now.AddHours(1), 2) })
                db.TechTasks.Add(new TechTask
                {
                    Code = $"JST{n:D4}", OpportunityId = h.Id, CustomerId = h.CustomerId, RequesterId = h.OwnerId, Category = "闸阀",
                    Description = "今日到期", DueAt = due, AssigneeId = app.Users["engineer"], CreatedAt = Now.AddDays(-2), AssignedAt = Now.AddDays(-2),
                });
            await db.SaveChangesAsync();
        }

        var after = (await PipewrightApp.GetOkAsync(gm, $"/api/v1/reports/effectiveness?{MarchAndToday}"))["current"]!;
        int Change(string count) => after[count]!.GetValue<int>() - before[count]!.GetValue<int>();
        Assert.Equal((1, 1, 1, 1), (Change("wonCount"), Change("leadsWon"), Change("techRequestsOnTime"), Change("techRequestsDue")));
        Assert.Equal(-(5 + 2), Change("requiredFields"));

        // Everyone's counts are the sum of each owner's, which come from the records.
        foreach (var query in new[] { MarchAndToday, Period, Period + "&productCategory=闸阀", MarchAndToday + "&productCategory=蝶阀" })
        {
            var everyone = (await PipewrightApp.GetOkAsync(gm, $"/api/v1/reports/effectiveness?{query}"))["current"]!;
            var owners = new List<JsonNode>();
            foreach (var owner in new[] { "rep1", "rep2", "southrep" })
                owners.Add((await PipewrightApp.GetOkAsync(gm, $"/api/v1/reports/effectiveness?{query}&ownerId={app.Users[owner]}"))["current"]!);
            foreach (var count in Counts)
                Assert.True(everyone[count]!.GetValue<int>() == owners.Sum(o => o[count]!.GetValue<int>()), $"{query}: {count}");
        }

        var kept = await TotalsAsync();
        await EffectivenessTotalsChange.RebuildAsync(app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>(), force: true, default);
        Assert.Equal(await TotalsAsync(), kept);
    }

    /// <summary>The rows that count something, in key order (a row taken down to zero stays behind, counting nothing).</summary>
    private async Task<List<string>> TotalsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        return [.. (await db.Set<EffectivenessTotal>().AsNoTracking().ToListAsync())
            .Where(t => t.Count != 0 || t.Matched != 0 || t.Milliseconds != 0 || t.Responded != 0 || t.ResponseMinutes != 0)
            .Select(t => $"{t.Measure}|{t.Category}|{t.Span}|{t.Part}|{t.Count}|{t.Matched}|{t.Milliseconds}|{t.Responded}|{t.ResponseMinutes}")
            .Order(StringComparer.Ordinal)];
    }
}
