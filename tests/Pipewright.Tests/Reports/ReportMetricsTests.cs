using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Approvals;
using Pipewright.Pipeline;
using Pipewright.Tasks;
using Pipewright.Tests.Infrastructure;
using static Pipewright.Tests.Reports.ReportData;

namespace Pipewright.Tests.Reports;

/// <summary>
/// Every figure of the reports against a plain recalculation from the hand-written lists of <see cref="ReportData"/>
/// (docs/metrics.md): days and hours rounded to 2 decimals, shares to 4, half away from zero; money to the fen.
/// </summary>
public sealed class ReportMetricsTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    private static readonly string[] Everyone = ["rep1", "rep2", "southrep", "eastmanager"];
    private static readonly string[] East = ["rep1", "rep2", "eastmanager"];

    private static decimal R2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
    private static decimal? Share(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
    private static decimal Days(double from, double to) => (decimal)(At(to) - At(from)).Ticks / TimeSpan.TicksPerDay;
    private static decimal Hours(double from, double to) => (decimal)(At(to) - At(from)).Ticks / TimeSpan.TicksPerHour;

    private static decimal? Median(List<decimal> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static decimal? Dec(JsonNode? node) => node?.GetValue<decimal>();

    [Theory]
    [InlineData("gm", "")]
    [InlineData("eastmanager", "")]
    [InlineData("gm", "&productCategory=闸阀")]
    public async Task The_funnel_counts_sums_converts_and_times_each_stage_as_the_hand_calculation_does(string user, string extra)
    {
        var client = await app.SignInAsync(user);
        var funnel = await PipewrightApp.GetOkAsync(client, $"/api/v1/reports/funnel?{Period}{extra}");
        var owners = user == "gm" ? Everyone : East;
        var category = extra.Length > 0 ? "闸阀" : null;
        var deals = Deals.Where(d => owners.Contains(d.Owner) && (category is null || d.Category == category)).ToList();

        var stages = funnel["stages"]!.AsArray();
        Assert.Equal(Stages, stages.Select(s => s!["key"]!.GetValue<string>()));
        for (var i = 0; i < Stages.Length; i++)
        {
            var key = Stages[i];
            var later = Stages.Skip(i + 1).ToHashSet();
            var reached = deals.Where(d => d.Stays.Any(s => s.Stage == key && InPeriod(At(s.In)))).ToList();
            var converted = reached.Count(d => d.Stays.Any(s => s.Stage == key && InPeriod(At(s.In))
                && d.Stays.Any(w => later.Contains(w.Stage) && w.In >= s.In)));
            var dwell = deals.SelectMany(d => d.Stays)
                .Where(s => s.Stage == key && InPeriod(At(s.In)) && s.Out is not null && s.How != StageMove.Lost)
                .Select(s => Days(s.In, s.Out!.Value)).ToList();

            var stage = stages[i]!;
            Assert.Equal(reached.Count, stage["count"]!.GetValue<int>());
            Assert.Equal(reached.Sum(d => d.Amount ?? 0), stage["amount"]!.GetValue<decimal>());
            Assert.Equal(later.Count == 0 ? null : Share(converted, reached.Count), Dec(stage["conversionRate"]));
            Assert.Equal(dwell.Count == 0 ? null : R2(dwell.Average()), Dec(stage["avgDwellDays"]));
            Assert.Equal(Median(dwell) is { } m ? R2(m) : null, Dec(stage["medianDwellDays"]));
            Assert.Equal(Norms.TryGetValue(key, out var norm) ? norm : null, stage["normDays"]?.GetValue<int>());
        }
        // The story of the data: technical reached by A, B, E, F, G; only A and G went on to a quote.
        if (user == "gm" && category is null)
        {
            Assert.Equal(5, stages[2]!["count"]!.GetValue<int>());
            Assert.Equal(0.4m, stages[2]!["conversionRate"]!.GetValue<decimal>());
        }
    }

    [Theory]
    [InlineData("gm")]
    [InlineData("eastmanager")]
    public async Task Effectiveness_figures_match_the_hand_calculation(string user)
    {
        var client = await app.SignInAsync(user);
        var report = await PipewrightApp.GetOkAsync(client, $"/api/v1/reports/effectiveness?{Period}");
        var owners = user == "gm" ? Everyone : East;
        var deals = Deals.Where(d => owners.Contains(d.Owner)).ToList();

        var won = deals.Where(d => d.Status == OpportunityStatus.Won && InPeriod(At(d.Closed!.Value))).ToList();
        Assert.Equal(won.Count == 0 ? null : R2(won.Average(d => Days(d.Created, d.Closed!.Value))), Dec(report["salesCycleDays"]));

        var leads = ReportData.Leads.Where(l => owners.Contains(l.Owner) && InPeriod(At(l.Created))).ToList();
        var leadsWon = leads.Count(l => l.Deal is { } k && Deals.Single(d => d.Key == k).Status == OpportunityStatus.Won);
        Assert.Equal(Share(leadsWon, leads.Count), Dec(report["leadToOrderRate"]));
        var responses = leads.Where(l => l.ResponseMinutes is not null).Select(l => (decimal)l.ResponseMinutes!.Value).ToList();
        Assert.Equal(R2(responses.Average() / 60), Dec(report["firstResponseHours"]));

        var due = ReportData.Tasks.Where(t => t.Status != TechTaskStatus.Cancelled && deals.Any(d => d.Key == t.Deal)
            && InPeriod(At(t.Due)) && At(t.Due) <= Now).ToList();
        var onTime = due.Count(t => t.Status == TechTaskStatus.Done && t.Completed <= t.Due);
        Assert.Equal(Share(onTime, due.Count), Dec(report["crossDeptOnTimeRate"]));

        var steps = Steps.Where(s => owners.Contains(s.Owner) && s.Status is StepStatus.Approved or StepStatus.Rejected
            && InPeriod(At(s.Completed!.Value))).ToList();
        Assert.Equal(R2(steps.Average(s => Hours(s.Activated, s.Completed!.Value))), Dec(report["approvalHours"]));
        var byStep = report["current"]!["approvalHoursByStep"]!.AsArray();
        foreach (var order in steps.GroupBy(s => s.Order))
        {
            var row = byStep.Single(r => r!["order"]!.GetValue<int>() == order.Key)!;
            Assert.Equal(R2(order.Average(s => Hours(s.Activated, s.Completed!.Value))), Dec(row["hours"]));
            Assert.Equal(order.Count(), row["count"]!.GetValue<int>());
        }

        // Completeness: 5 customer fields, 2 contact fields, 4 deal fields, over the records created in the period.
        static int Filled(params object?[] values) => values.Count(v => v is string s ? s.Length > 0 : v is not null);
        var newDeals = deals.Where(d => InPeriod(At(d.Created))).ToList();
        var required = newDeals.Count * 5 + newDeals.Sum(d => d.Customer.Contacts.Length) * 2 + newDeals.Count * 4;
        var filled = newDeals.Sum(d => Filled(d.Customer.CreditCode, d.Customer.Industry, d.Customer.Region, d.Customer.Address, d.Customer.Source)
            + d.Customer.Contacts.Sum(k => Filled(k.Title, k.Mobile)) + Filled(d.Amount, d.CloseDate, d.Category, d.DecisionMaker));
        Assert.Equal(Share(filled, required), Dec(report["dataCompleteness"]));
        Assert.Equal(required, report["current"]!["requiredFields"]!.GetValue<int>());

        Assert.Equal(0.8m, report["health"]!["crossDeptOnTimeMin"]!.GetValue<decimal>());
        Assert.Equal(2m, report["health"]!["firstResponseMaxHours"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Win_loss_counts_reasons_and_competitors_of_the_deals_closed_in_the_period()
    {
        var client = await app.SignInAsync("gm");
        var report = await PipewrightApp.GetOkAsync(client, $"/api/v1/reports/win-loss?{Period}");
        var closed = Deals.Where(d => d.Closed is { } c && InPeriod(At(c))).ToList();
        var won = closed.Where(d => d.Status == OpportunityStatus.Won).ToList();
        var lost = closed.Where(d => d.Status == OpportunityStatus.Lost).ToList();
        Assert.Equal(won.Count, report["won"]!.GetValue<int>());
        Assert.Equal(won.Sum(d => d.Amount ?? 0), report["wonAmount"]!.GetValue<decimal>());
        Assert.Equal(lost.Count, report["lost"]!.GetValue<int>());
        Assert.Equal(Share(won.Count, closed.Count), Dec(report["winRate"]));
        var reasons = report["reasons"]!.AsArray();
        foreach (var reason in lost.GroupBy(d => d.Reason!))
        {
            var row = reasons.Single(r => r!["reason"]!.GetValue<string>() == reason.Key)!;
            Assert.Equal(reason.Count(), row["count"]!.GetValue<int>());
            Assert.Equal(reason.Sum(d => d.Amount ?? 0), row["amount"]!.GetValue<decimal>());
            Assert.Equal(Share(reason.Count(), lost.Count), Dec(row["share"]));
        }
        var competitors = report["competitors"]!.AsArray();
        Assert.Equal(closed.Where(d => d.Competitor is not null).Select(d => d.Competitor).Distinct().Count(), competitors.Count);
        var yuanda = competitors.Single(c => c!["competitor"]!.GetValue<string>() == "远大阀门")!;
        Assert.Equal(closed.Count(d => d.Competitor == "远大阀门" && d.Status == OpportunityStatus.Won), yuanda["won"]!.GetValue<int>());
        Assert.Equal(closed.Count(d => d.Competitor == "远大阀门" && d.Status == OpportunityStatus.Lost), yuanda["lost"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_forecast_weights_open_deals_by_their_stage_probability_per_expected_close_month()
    {
        var client = await app.SignInAsync("gm");
        var report = await PipewrightApp.GetOkAsync(client, "/api/v1/reports/forecast?from=2026-04-01&to=2026-06-30");
        var open = Deals.Where(d => d.Status == OpportunityStatus.Open && d.CloseDate is { } c && c >= new DateOnly(2026, 4, 1) && c <= new DateOnly(2026, 6, 30))
            .GroupBy(d => d.CloseDate!.Value.ToString("yyyy-MM")).OrderBy(g => g.Key).ToList();
        var months = report["months"]!.AsArray();
        Assert.Equal(open.Select(g => g.Key), months.Select(m => m!["month"]!.GetValue<string>()));
        foreach (var (month, row) in open.Zip(months))
        {
            Assert.Equal(month.Count(), row!["count"]!.GetValue<int>());
            Assert.Equal(month.Sum(d => d.Amount ?? 0), row["amount"]!.GetValue<decimal>());
            Assert.Equal(R2(month.Sum(d => (d.Amount ?? 0) * Probability[d.Stays[^1].Stage])), row["weightedAmount"]!.GetValue<decimal>());
        }
    }

    [Fact]
    public async Task Stalled_deals_are_the_open_ones_longer_in_their_stage_than_its_norm()
    {
        var client = await app.SignInAsync("eastmanager");
        var report = await PipewrightApp.GetOkAsync(client, "/api/v1/reports/stalled");
        var now = app.Clock.GetUtcNow();
        var expected = Deals.Where(d => East.Contains(d.Owner) && d.Status == OpportunityStatus.Open
                && Norms.TryGetValue(d.Stays[^1].Stage, out var norm) && (now - At(d.Stays[^1].In)).TotalDays > norm)
            .OrderBy(d => d.Stays[^1].In).Select(d => app.DealIds[d.Key]).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, report["total"]!.GetValue<int>());
        Assert.Equal(expected, report["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task A_number_drills_down_to_the_deals_behind_it()
    {
        var client = await app.SignInAsync("gm");
        var list = await PipewrightApp.GetOkAsync(client, $"/api/v1/reports/drilldown?metric=converted&stage=technical&{Period}");
        var expected = new[] { "A", "G" }.Select(k => app.DealIds[k]).ToHashSet();
        Assert.Equal(2, list["total"]!.GetValue<int>());
        Assert.True(expected.SetEquals(list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>())));
        Assert.StartsWith("/opportunities/", list["items"]![0]!["link"]!.GetValue<string>());

        var lost = await PipewrightApp.GetOkAsync(client, $"/api/v1/reports/drilldown?metric=lost&reason=价格过高&{Period}");
        Assert.Equal(app.DealIds["B"], lost["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>());

        var late = await PipewrightApp.GetOkAsync(client, $"/api/v1/reports/drilldown?metric=techRequestsLate&{Period}");
        Assert.Equal(2, late["total"]!.GetValue<int>());

        var bad = await client.GetAsync("/api/v1/reports/drilldown?metric=nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("metric", (await PipewrightApp.ReadAsync(bad))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task A_sales_rep_sees_only_their_own_numbers_and_nobody_reaches_outside_their_scope()
    {
        var rep = await app.SignInAsync("rep2");
        var funnel = await PipewrightApp.GetOkAsync(rep, $"/api/v1/reports/funnel?{Period}");
        var mine = Deals.Where(d => d.Owner == "rep2" && d.Stays.Any(s => s.Stage == "initial" && InPeriod(At(s.In)))).Count();
        Assert.Equal(mine, funnel["stages"]![0]!["count"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/api/v1/reports/funnel?ownerId={app.Users["rep1"]}")).StatusCode);

        var east = await app.SignInAsync("eastmanager");
        Assert.Equal(HttpStatusCode.NotFound, (await east.GetAsync($"/api/v1/reports/funnel?teamId={app.South}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await east.GetAsync($"/api/v1/reports/effectiveness?ownerId={app.Users["southrep"]}")).StatusCode);
        var ningbo = await PipewrightApp.GetOkAsync(east, $"/api/v1/reports/funnel?{Period}&teamId={app.Ningbo}");
        Assert.Equal(Deals.Count(d => d.Owner is "rep1" or "rep2" && d.Stays.Any(s => s.Stage == "initial" && InPeriod(At(s.In)))),
            ningbo["stages"]![0]!["count"]!.GetValue<int>());

        var engineer = await app.SignInAsync("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync("/api/v1/reports/funnel")).StatusCode);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused_with_the_field_named()
    {
        var gm = await app.SignInAsync("gm");
        var response = await gm.GetAsync("/api/v1/reports/funnel?from=2026-03-31&to=2026-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await PipewrightApp.ReadAsync(response);
        Assert.Equal("结束日期不能早于开始日期", problem["errors"]!["to"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await gm.GetAsync("/api/v1/reports/effectiveness?baselineFrom=2025-01-01")).StatusCode);
    }

    [Fact]
    public async Task The_company_baseline_is_set_by_the_general_manager_audited_and_compared_against()
    {
        var rep = await app.SignInAsync("rep1");
        var refused = await rep.PutAsJsonAsync("/api/v1/reports/baseline", new { from = "2026-02-01", to = "2026-02-28" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var gm = await app.SignInAsync("gm");
        var saved = await gm.PutAsJsonAsync("/api/v1/reports/baseline", new { from = "2026-02-01", to = "2026-02-28" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var audit = await PipewrightApp.GetOkAsync(await app.AdminAsync(), "/api/v1/audit?entityType=ReportBaseline");
        Assert.NotEmpty(audit["items"]!.AsArray());

        var report = await PipewrightApp.GetOkAsync(gm, $"/api/v1/reports/effectiveness?{Period}");
        var baseline = report["baseline"]!;
        Assert.Equal("2026-02-01", baseline["from"]!.GetValue<string>());
        // February: only lead G's came in (responded in 60 minutes); March's responses average 4 hours.
        Assert.Equal(1m, Dec(baseline["firstResponseHours"]));
        Assert.Equal(Dec(report["firstResponseHours"]) - 1m, Dec(report["change"]!["firstResponseHours"]));

        var explicitBaseline = await PipewrightApp.GetOkAsync(gm, $"/api/v1/reports/effectiveness?{Period}&baselineFrom=2026-01-01&baselineTo=2026-01-31");
        Assert.Equal("2026-01-01", explicitBaseline["baseline"]!["from"]!.GetValue<string>());
        Assert.Null(explicitBaseline["baseline"]!["firstResponseHours"]);
    }
}
