using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Reports.Drilldown;

namespace Pipewright.Reports.Effectiveness;

/// <summary>Whether a smaller or a larger value of a metric is the better one.</summary>
public enum Better { Lower, Higher }

/// <summary>How a metric's value reads: days, a share (fraction) or hours.</summary>
public enum MetricUnit { Days, Share, Hours }

/// <summary>One dimension of 效果验证 and the drill-down list behind its number (null where the API has none).</summary>
public sealed record EffectivenessMetric(string Key, Better Better, MetricUnit Unit, string? Drilldown);

/// <summary>A card: this period, the baseline period, the change, the health reference's verdict and the monthly trend.</summary>
public sealed record EffectivenessCard(EffectivenessMetric Metric, decimal? Current, decimal? Baseline, decimal? Change, bool? Improved,
    bool? Healthy, int Basis, IReadOnlyList<(DateOnly Month, decimal? Value)> Trend);

public sealed record EffectivenessBoard(EffectivenessDto Report, IReadOnlyList<EffectivenessCard> Cards);

/// <summary>
/// The effectiveness dashboard's figures: the report of <see cref="EffectivenessReportHandler"/> for the period and the
/// company's baseline, read into cards with the health references, plus the same figures month by month.
/// </summary>
public sealed class EffectivenessDashboard(IDbContextFactory<PipewrightDb> dbFactory, ReportScopes scopes, EffectivenessReportHandler handler)
{
    /// <summary>Months in a card's trend: a year ending with the period's last month.</summary>
    public const int TrendMonths = 12;

    public static readonly IReadOnlyList<EffectivenessMetric> Metrics =
    [
        new("salesCycle", Better.Lower, MetricUnit.Days, DrilldownMetrics.Won),
        new("leadToOrder", Better.Higher, MetricUnit.Share, DrilldownMetrics.LeadsWon),
        new("onTime", Better.Higher, MetricUnit.Share, DrilldownMetrics.TechRequestsLate),
        new("firstResponse", Better.Lower, MetricUnit.Hours, DrilldownMetrics.LeadsResponded),
        new("approval", Better.Lower, MetricUnit.Hours, null),
        new("completeness", Better.Higher, MetricUnit.Share, null),
    ];

    public async Task<Outcome<EffectivenessBoard>> LoadAsync(EffectivenessRequest request, CurrentUser user, CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(request, user, ct);
        if (outcome.Failure is { } failure) return failure;
        var report = outcome.Value!;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resolved = await scopes.ResolveAsync(db, request, user, ct);
        if (resolved.Failure is { } refused) return refused;
        var scope = resolved.Value!;
        var months = new List<EffectivenessFiguresDto>();
        var last = new DateOnly(report.To.Year, report.To.Month, 1);
        for (var first = last.AddMonths(1 - TrendMonths); first <= last; first = first.AddMonths(1))
        {
            var end = first.AddMonths(1).AddDays(-1);
            months.Add(await EffectivenessReportHandler.FiguresAsync(db, scope.For(first, end < report.To ? end : report.To), user, ct));
        }
        return new EffectivenessBoard(report, Cards(report, months));
    }

    public static IReadOnlyList<EffectivenessCard> Cards(EffectivenessDto report, IReadOnlyList<EffectivenessFiguresDto> months)
    {
        var (current, baseline, change, health) = (report.Current, report.Baseline, report.Change, report.Health);
        return
        [
            Card(Metrics[0], current.SalesCycleDays, baseline?.SalesCycleDays, change?.SalesCycleDays, current.WonCount,
                // −15 % to −30 % against the baseline: shorter by at least the lower bound passes.
                change?.SalesCycleRelative is { } relative ? relative <= -health.SalesCycleReductionMin : null, months.Select(m => m.SalesCycleDays)),
            Card(Metrics[1], current.LeadToOrderRate, baseline?.LeadToOrderRate, change?.LeadToOrderRate, current.LeadCount,
                change?.LeadToOrderRate is { } gain ? gain >= health.LeadToOrderGain : null, months.Select(m => m.LeadToOrderRate)),
            Card(Metrics[2], current.CrossDeptOnTimeRate, baseline?.CrossDeptOnTimeRate, change?.CrossDeptOnTimeRate, current.TechRequestsDue,
                current.CrossDeptOnTimeRate is { } onTime ? onTime >= health.CrossDeptOnTimeMin : null, months.Select(m => m.CrossDeptOnTimeRate)),
            Card(Metrics[3], current.FirstResponseHours, baseline?.FirstResponseHours, change?.FirstResponseHours, current.LeadsResponded,
                current.FirstResponseHours is { } hours ? hours <= health.FirstResponseMaxHours : null, months.Select(m => m.FirstResponseHours)),
            Card(Metrics[4], current.ApprovalHours, baseline?.ApprovalHours, change?.ApprovalHours, current.ApprovalSteps, null,
                months.Select(m => m.ApprovalHours)),
            Card(Metrics[5], current.DataCompleteness, baseline?.DataCompleteness, change?.DataCompleteness, current.RequiredFields, null,
                months.Select(m => m.DataCompleteness)),
        ];

        EffectivenessCard Card(EffectivenessMetric metric, decimal? now, decimal? before, decimal? delta, int basis, bool? healthy,
            IEnumerable<decimal?> trend) =>
            new(metric, now, before, delta, delta is null or 0 ? null : metric.Better == Better.Lower ? delta < 0 : delta > 0, healthy, basis,
                [.. months.Zip(trend, (m, v) => (new DateOnly(m.From.Year, m.From.Month, 1), v))]);
    }
}
