using Microsoft.EntityFrameworkCore;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Configuration;

namespace Pipewright.Reports.Forecast;

public sealed record ForecastMonthDto(string Month, int Count, decimal Amount, decimal WeightedAmount);

/// <summary>Open deals by the month of their expected close date, weighted by their stage's probability (docs/metrics.md §12).</summary>
public sealed record ForecastDto(DateOnly From, DateOnly To, IReadOnlyList<ForecastMonthDto> Months, int Count, decimal Amount, decimal WeightedAmount);

public sealed class ForecastReportHandler(IDbContextFactory<PipewrightDb> dbFactory, ReportScopes scopes)
{
    /// <summary>The forecast looks ahead: without dates, this month and the five after it.</summary>
    public const int DefaultMonths = 6;

    public async Task<Outcome<ForecastDto>> HandleAsync(ReportFilter filter, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resolved = await scopes.ResolveAsync(db, WithDefaults(filter, scopes), user, ct);
        if (resolved.Failure is { } failure) return failure;
        var scope = resolved.Value!;
        var (spec, _) = await DefaultPipeline.CurrentAsync(db, ct);
        var groups = await Open(db, scope, user)
            .GroupBy(o => new { o.ExpectedCloseDate!.Value.Year, o.ExpectedCloseDate!.Value.Month, o.StageKey })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.StageKey, Count = g.Count(), Fen = g.Sum(o => (long?)EF.Property<long?>(o, nameof(Opportunity.ExpectedAmount))) ?? 0 })
            .ToListAsync(ct);

        // Weighted in exact decimals per stage group, rounded to the fen once per month.
        var months = groups.GroupBy(g => (g.Year, g.Month)).OrderBy(g => g.Key)
            .Select(g => new ForecastMonthDto($"{g.Key.Year:D4}-{g.Key.Month:D2}", g.Sum(x => x.Count), new Money(g.Sum(x => x.Fen)).Yuan,
                Math.Round(g.Sum(x => x.Fen * (spec.Stage(x.StageKey)?.Probability ?? 0m)) / 100m, 2, MidpointRounding.AwayFromZero)))
            .ToList();
        return new ForecastDto(scope.From, scope.To, months, months.Sum(m => m.Count), months.Sum(m => m.Amount), months.Sum(m => m.WeightedAmount));
    }

    public static ReportFilter WithDefaults(ReportFilter filter, ReportScopes scopes)
    {
        if (filter.From is not null || filter.To is not null) return filter;
        var today = ChinaTime.DateOf(scopes.Now);
        var first = new DateOnly(today.Year, today.Month, 1);
        return filter with { From = first, To = first.AddMonths(DefaultMonths).AddDays(-1) };
    }

    /// <summary>Open deals in scope whose expected close date falls in the period.</summary>
    public static IQueryable<Opportunity> Open(PipewrightDb db, ReportScope scope, CurrentUser user)
    {
        var (from, to) = (scope.From, scope.To);
        return scope.Opportunities(db, user).Where(o => o.Status == OpportunityStatus.Open && o.ExpectedCloseDate != null
            && o.ExpectedCloseDate >= from && o.ExpectedCloseDate <= to);
    }
}
