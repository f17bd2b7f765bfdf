using Microsoft.EntityFrameworkCore;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Configuration;

namespace Pipewright.Reports.Funnel;

/// <summary>
/// One stage of the funnel over a period (docs/metrics.md §1–3): the deals that entered it, their expected amount,
/// how many went on to a later stage, and how long stays in it lasted against the stage's norm.
/// </summary>
public sealed record FunnelStageDto(string Key, string Name, int Order, decimal Probability, bool IsWon, int Count, decimal Amount,
    decimal? AvgDwellDays, decimal? MedianDwellDays, int DwellCount, int? NormDays, int ConvertedCount, decimal? ConversionRate,
    int NextStageCount, decimal? NextStageRate);

public sealed record FunnelDto(DateOnly From, DateOnly To, IReadOnlyList<FunnelStageDto> Stages);

public sealed class FunnelReportHandler(IDbContextFactory<PipewrightDb> dbFactory, ReportScopes scopes)
{
    public async Task<Outcome<FunnelDto>> HandleAsync(ReportFilter filter, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resolved = await scopes.ResolveAsync(db, filter, user, ct);
        if (resolved.Failure is { } failure) return failure;
        var scope = resolved.Value!;
        var (spec, _) = await DefaultPipeline.CurrentAsync(db, ct);
        var stages = new List<FunnelStageDto>();
        for (var i = 0; i < spec.Stages.Count; i++)
        {
            var stage = spec.Stages[i];
            List<string> later = [.. spec.Stages.Skip(i + 1).Select(s => s.Key)];
            List<string> next = [.. spec.Stages.Skip(i + 1).Take(1).Select(s => s.Key)];
            stages.Add(await StageAsync(db, scope, user, stage, later, next, ct));
        }
        return new FunnelDto(scope.From, scope.To, stages);
    }

    /// <summary>The deals (in scope) with a stay in the stage that began in the period.</summary>
    public static IQueryable<Opportunity> Reached(PipewrightDb db, ReportScope scope, CurrentUser user, string stageKey)
    {
        var entered = EnteredInPeriod(db, scope, stageKey);
        return scope.Opportunities(db, user).Where(o => entered.Any(v => v.OpportunityId == o.Id));
    }

    /// <summary>Of <see cref="Reached"/>, those that entered one of <paramref name="laterKeys"/> at or after entering the stage.</summary>
    public static IQueryable<Opportunity> Converted(PipewrightDb db, ReportScope scope, CurrentUser user, string stageKey, List<string> laterKeys)
    {
        var entered = EnteredInPeriod(db, scope, stageKey);
        var visits = db.StageVisits;
        return scope.Opportunities(db, user).Where(o => entered.Any(v => v.OpportunityId == o.Id
            && visits.Any(w => w.OpportunityId == o.Id && laterKeys.Contains(w.StageKey) && w.EnteredAt >= v.EnteredAt)));
    }

    private static IQueryable<StageVisit> EnteredInPeriod(PipewrightDb db, ReportScope scope, string stageKey)
    {
        var (start, end) = (scope.Start, scope.End);
        return db.StageVisits.AsNoTracking().Where(v => v.StageKey == stageKey && v.EnteredAt >= start && v.EnteredAt < end);
    }

    private static async Task<FunnelStageDto> StageAsync(PipewrightDb db, ReportScope scope, CurrentUser user, StageSpec stage,
        List<string> later, List<string> next, CancellationToken ct)
    {
        var reached = Reached(db, scope, user, stage.Key);
        var count = await reached.CountAsync(ct);
        var fen = await reached.SumAsync(o => (long?)EF.Property<long?>(o, nameof(Opportunity.ExpectedAmount)), ct) ?? 0;
        var converted = later.Count == 0 ? 0 : await Converted(db, scope, user, stage.Key, later).CountAsync(ct);
        var nextCount = next.Count == 0 ? 0 : await Converted(db, scope, user, stage.Key, next).CountAsync(ct);

        // Stays that ended by a move to another stage; a lost deal's last stay measures giving up, not getting through.
        var deals = scope.Opportunities(db, user);
        var stays = EnteredInPeriod(db, scope, stage.Key)
            .Where(v => v.LeftAt != null && v.LeftHow != StageMove.Lost && deals.Any(o => o.Id == v.OpportunityId))
            .Select(v => SqlTime.Seconds(v.LeftAt) - SqlTime.Seconds(v.EnteredAt));
        var dwellCount = await stays.CountAsync(ct);
        var average = dwellCount == 0 ? null : await stays.AverageAsync(ct);
        // The median from the sorted durations: one or two values per stage leave the database, never the list.
        double? median = null;
        if (dwellCount > 0)
        {
            var middle = await stays.OrderBy(s => s).Skip((dwellCount - 1) / 2).Take(dwellCount % 2 == 1 ? 1 : 2).ToListAsync(ct);
            median = middle.Average();
        }
        return new FunnelStageDto(stage.Key, stage.Name, stage.Order, stage.Probability, stage.IsWon, count, new Money(fen).Yuan,
            ReportRounding.Days(average), ReportRounding.Days(median), dwellCount, stage.DwellDays,
            converted, later.Count == 0 ? null : ReportRounding.Share(converted, count),
            nextCount, next.Count == 0 ? null : ReportRounding.Share(nextCount, count));
    }
}
