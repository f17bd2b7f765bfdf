using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.Rollup;

namespace Pipewright.Reports.Funnel;

/// <summary>
/// One stage of the funnel over a period (docs/metrics.md §1–3): the deals that entered it, their expected amount,
/// how many went on to a later stage, and how long stays in it lasted against the stage's norm.
/// </summary>
public sealed record FunnelStageDto(string Key, string Name, int Order, decimal Probability, bool IsWon, int Count, decimal Amount,
    decimal? AvgDwellDays, decimal? MedianDwellDays, int DwellCount, int? NormDays, int ConvertedCount, decimal? ConversionRate,
    int NextStageCount, decimal? NextStageRate);

public sealed record FunnelDto(DateOnly From, DateOnly To, IReadOnlyList<FunnelStageDto> Stages);

/// <summary>
/// One pass over the period's stays in scope (one covering index), grouped by stage, plus the medians: what each
/// stay knows of its deal and the deal's history (<see cref="StageHistory"/>) replaces grouping by deal, probing every
/// deal's history and joining every stay to its deal (docs/performance.md, issue 8).
/// </summary>
public sealed class FunnelReportHandler(IDbContextFactory<PipewrightDb> dbFactory, ReportScopes scopes)
{
    public async Task<Outcome<FunnelDto>> HandleAsync(ReportFilter filter, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resolved = await scopes.ResolveAsync(db, filter, user, ct);
        if (resolved.Failure is { } failure) return failure;
        var scope = resolved.Value!;
        var (spec, _) = await DefaultPipeline.CurrentAsync(db, ct);
        // Everyone's funnel (the GM's, finance's) reads the running totals: a year of a large company is millions of
        // stays. A team's, an owner's or a rep's reads its own stays, through the owner's index on PostgreSQL.
        var (reached, medians) = scope.Owners is null
            ? await FromTotalsAsync(db, scope, user, spec, ct)
            : await FromStaysAsync(db, scope, user, spec, ct);

        var stages = new List<FunnelStageDto>();
        for (var i = 0; i < spec.Stages.Count; i++)
        {
            var stage = spec.Stages[i];
            var last = i == spec.Stages.Count - 1;
            var r = reached.GetValueOrDefault(stage.Key);
            var (count, converted, next) = (r?.Count ?? 0, r?.Converted ?? 0, r?.Next ?? 0);
            var dwellCount = r?.DwellCount ?? 0;
            double? average = dwellCount == 0 ? null : r!.DwellSeconds / dwellCount;
            stages.Add(new FunnelStageDto(stage.Key, stage.Name, stage.Order, stage.Probability, stage.IsWon, count, new Money(r?.Fen ?? 0).Yuan,
                ReportRounding.Days(average), ReportRounding.Days(medians.GetValueOrDefault(stage.Key)), dwellCount, stage.DwellDays,
                converted, last ? null : ReportRounding.Share(converted, count),
                next, last ? null : ReportRounding.Share(next, count)));
        }
        return new FunnelDto(scope.From, scope.To, stages);
    }

    /// <summary>A stage's figures before rounding: deals counted, their amount, how many went on, ended stays and their length.</summary>
    private sealed record StageTotals(int Count, long Fen, int Converted, int Next, int DwellCount, double DwellSeconds);

    /// <summary>How many of a stage's ended stays in the period lasted [Bucket, Bucket + 1) × <see cref="FunnelDwellTotal.BucketSeconds"/>.</summary>
    private sealed record Durations(string StageKey, int Bucket, long Stays);

    private static async Task<(Dictionary<string, StageTotals>, Dictionary<string, double?>)> FromStaysAsync(PipewrightDb db, ReportScope scope,
        CurrentUser user, PipelineSpec spec, CancellationToken ct)
    {
        // SQLite's sampled statistics (PRAGMA analysis_limit) put ~1,000 stays behind each stage key where there are
        // millions, so a condition on the stage would make it read the period's stays of everyone from the stage's
        // index instead of the owners' own stays from theirs (L: 6 ms against 200): there the stage is not asked, and
        // stays of stages no longer in the funnel are left out below.
        var keys = db.IsPostgres ? spec.Stages.Select(s => s.Key).ToList() : null;
        var start = scope.Start;
        var bucketSeconds = FunnelDwellTotal.BucketSeconds;
        // A deal counts once per stage: by its stay there whose previous entry into the stage lies before the period.
        // That first stay in the period also saw every stage the deal entered since, so it alone answers both rates.
        // Grouped by half days of duration too: they say where each median lies.
        var reachedQuery =
            from v in EnteredInPeriod(db, scope, user, keys)
            let first = v.PreviousEntryAt == null || v.PreviousEntryAt < start
            group new { v, first } by new { v.StageKey, Bucket = v.DwellSeconds == null ? -1 : (int)Math.Floor(v.DwellSeconds.Value / bucketSeconds) } into g
            select new
            {
                g.Key.StageKey,
                g.Key.Bucket,
                Count = g.Sum(x => x.first ? 1 : 0),
                Fen = g.Where(x => x.first).Sum(x => (long?)EF.Property<long?>(x.v, nameof(StageVisit.DealAmount))),
                Converted = g.Sum(x => x.first && StageOrder.WentLater(x.v.StageKey, x.v.EnteredSince) ? 1 : 0),
                Next = g.Sum(x => x.first && StageOrder.WentNext(x.v.StageKey, x.v.EnteredSince) ? 1 : 0),
                DwellCount = g.Count(x => x.v.DwellSeconds != null),
                DwellSeconds = g.Sum(x => x.v.DwellSeconds) ?? 0,
            };
        var rows = (await new StageOrder(spec).Inline(reachedQuery).ToListAsync(ct)).Where(r => spec.Stage(r.StageKey) is not null).ToList();
        var reached = rows.GroupBy(r => r.StageKey).ToDictionary(g => g.Key, g => new StageTotals(g.Sum(r => r.Count), g.Sum(r => r.Fen ?? 0),
            g.Sum(r => r.Converted), g.Sum(r => r.Next), g.Sum(r => r.DwellCount), g.Sum(r => r.DwellSeconds)));
        var durations = rows.Where(r => r.Bucket >= 0).Select(r => new Durations(r.StageKey, r.Bucket, r.DwellCount)).ToList();
        return (reached, await MediansAsync(db, scope, user, reached, durations, ct));
    }

    /// <summary>
    /// The same figures from the running totals (<see cref="FunnelEntryTotal"/>, <see cref="FunnelDwellTotal"/>) of the
    /// few day spans that make up the period: a stay counts when its previous entry lies before the period's first day.
    /// </summary>
    private static async Task<(Dictionary<string, StageTotals>, Dictionary<string, double?>)> FromTotalsAsync(PipewrightDb db, ReportScope scope,
        CurrentUser user, PipelineSpec spec, CancellationToken ct)
    {
        var spans = DaySpans.Covering(scope.From.DayNumber, scope.To.DayNumber);
        var (category, firstDay) = (scope.Category ?? "", scope.From.DayNumber);
        var entries = await db.Set<FunnelEntryTotal>().AsNoTracking()
            .Where(t => t.Category == category && spans.Contains(t.Span) && t.PreviousDay < firstDay)
            .GroupBy(t => new { t.StageKey, t.EnteredSince })
            .Select(g => new { g.Key.StageKey, g.Key.EnteredSince, Stays = g.Sum(t => t.Stays), Fen = g.Sum(t => t.Fen) })
            .ToListAsync(ct);
        var dwell = await db.Set<FunnelDwellTotal>().AsNoTracking()
            .Where(t => t.Category == category && spans.Contains(t.Span))
            .GroupBy(t => new { t.StageKey, t.Bucket })
            .Select(g => new { g.Key.StageKey, g.Key.Bucket, Stays = g.Sum(t => t.Stays), Milliseconds = g.Sum(t => t.Milliseconds) })
            .ToListAsync(ct);

        var reached = new Dictionary<string, StageTotals>();
        foreach (var stage in spec.Stages)
        {
            var rows = entries.Where(e => e.StageKey == stage.Key).ToList();
            var ended = dwell.Where(d => d.StageKey == stage.Key).ToList();
            if (rows.Count == 0 && ended.Count == 0) continue;
            reached[stage.Key] = new StageTotals((int)rows.Sum(e => e.Stays), rows.Sum(e => e.Fen),
                (int)rows.Where(e => StageOrder.Went(spec, stage.Key, e.EnteredSince, nextOnly: false)).Sum(e => e.Stays),
                (int)rows.Where(e => StageOrder.Went(spec, stage.Key, e.EnteredSince, nextOnly: true)).Sum(e => e.Stays),
                (int)ended.Sum(d => d.Stays), ended.Sum(d => d.Milliseconds) / 1000.0);
        }
        var durations = dwell.Select(d => new Durations(d.StageKey, d.Bucket, d.Stays)).ToList();
        return (reached, await MediansAsync(db, scope, user, reached, durations, ct));
    }

    /// <summary>
    /// Each stage's median (docs/metrics.md §3) needs its one or two middle durations themselves. The half days of
    /// duration tell which half day holds each middle rank and how many shorter stays lie below it; only that half
    /// day's stays in the period are then read, in order, from an index: all stages in one UNION ALL, and the list of
    /// durations never leaves the database.
    /// </summary>
    private static async Task<Dictionary<string, double?>> MediansAsync(PipewrightDb db, ReportScope scope, CurrentUser user,
        Dictionary<string, StageTotals> reached, List<Durations> durations, CancellationToken ct)
    {
        IQueryable<Stay>? middles = null;
        foreach (var (key, totals) in reached.Where(r => r.Value.DwellCount > 0))
        {
            var (low, high) = ((totals.DwellCount - 1) / 2, totals.DwellCount / 2);
            var below = 0L;
            foreach (var bucket in durations.Where(d => d.StageKey == key && d.Stays > 0).OrderBy(d => d.Bucket))
            {
                var (first, last) = (Math.Max(low, below), Math.Min(high, below + bucket.Stays - 1));
                if (first <= last)
                {
                    var (from, to) = (bucket.Bucket * FunnelDwellTotal.BucketSeconds, (bucket.Bucket + 1) * FunnelDwellTotal.BucketSeconds);
                    var middle = Dwell(db, scope, user, key).Where(s => s.Seconds >= from && s.Seconds < to)
                        .OrderBy(s => s.Seconds).Skip((int)(first - below)).Take((int)(last - first + 1));
                    middles = middles is null ? middle : middles.Concat(middle);
                }
                below += bucket.Stays;
                if (below > high) break;
            }
        }
        return middles is null ? []
            : (await middles.ToListAsync(ct)).GroupBy(s => s.StageKey).ToDictionary(g => g.Key, g => g.Average(s => s.Seconds));
    }

    /// <summary>The deals (in scope) with a stay in the stage that began in the period, found from the stays.</summary>
    public static IQueryable<Opportunity> Reached(PipewrightDb db, ReportScope scope, CurrentUser user, string stageKey)
    {
        var entered = EnteredInPeriod(db, scope, user, [stageKey]).Select(v => v.OpportunityId);
        return scope.Opportunities(db, user).Where(o => entered.Contains(o.Id));
    }

    /// <summary>Of <see cref="Reached"/>, those that entered one of <paramref name="laterKeys"/> at or after entering the stage.</summary>
    public static IQueryable<Opportunity> Converted(PipewrightDb db, ReportScope scope, CurrentUser user, string stageKey, List<string> laterKeys)
    {
        var visits = db.StageVisits;
        var converted = EnteredInPeriod(db, scope, user, [stageKey])
            .Where(v => visits.Any(w => w.OpportunityId == v.OpportunityId && laterKeys.Contains(w.StageKey) && w.EnteredAt >= v.EnteredAt))
            .Select(v => v.OpportunityId);
        return scope.Opportunities(db, user).Where(o => converted.Contains(o.Id));
    }

    /// <summary>The stays in scope that began in the period, of the given stages (null: of every stage).</summary>
    private static IQueryable<StageVisit> EnteredInPeriod(PipewrightDb db, ReportScope scope, CurrentUser user, List<string>? stageKeys)
    {
        var (start, end) = (scope.Start, scope.End);
        var stays = scope.Stays(db, user).Where(v => v.EnteredAt >= start && v.EnteredAt < end);
        return stageKeys is null ? stays : stays.Where(v => stageKeys.Contains(v.StageKey));
    }

    private sealed class Stay
    {
        public string StageKey { get; init; } = "";
        public double? Seconds { get; init; }
    }

    /// <summary>A stage's stays that ended by a move to another stage; a lost deal's last stay measures giving up, not getting through.</summary>
    private static IQueryable<Stay> Dwell(PipewrightDb db, ReportScope scope, CurrentUser user, string stageKey) =>
        from v in EnteredInPeriod(db, scope, user, null)
        where v.StageKey == stageKey && v.DwellSeconds != null
        select new Stay { StageKey = v.StageKey, Seconds = v.DwellSeconds };

    /// <summary>
    /// "Went on to a later stage" and "went on to the next stage" of a stay, written into the query as a CASE over the
    /// funnel document's stages: each stage's later keys looked up in the stay's <see cref="StageVisit.EnteredSince"/>.
    /// </summary>
    private sealed class StageOrder(PipelineSpec spec) : ExpressionVisitor
    {
        /// <summary>Markers inside queries; <see cref="Inline{T}"/> replaces them with the CASE.</summary>
        public static bool WentLater(string stageKey, string enteredSince) => throw new InvalidOperationException("Only inside a funnel query");

        public static bool WentNext(string stageKey, string enteredSince) => throw new InvalidOperationException("Only inside a funnel query");

        /// <summary>The same question asked of one row in C#, for totals grouped by <see cref="StageVisit.EnteredSince"/>.</summary>
        public static bool Went(PipelineSpec spec, string stageKey, string enteredSince, bool nextOnly)
        {
            var i = spec.Stages.FindIndex(s => s.Key == stageKey);
            return i >= 0 && spec.Stages.Skip(i + 1).Take(nextOnly ? 1 : int.MaxValue)
                .Any(s => enteredSince.Contains(StageHistory.Mark(s.Key), StringComparison.Ordinal));
        }

        private static readonly System.Reflection.MethodInfo Contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

        public IQueryable<T> Inline<T>(IQueryable<T> query) => query.Provider.CreateQuery<T>(Visit(query.Expression));

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(StageOrder)) return base.VisitMethodCall(node);
            var (key, since) = (Visit(node.Arguments[0]), Visit(node.Arguments[1]));
            var next = node.Method.Name == nameof(WentNext);
            Expression went = Expression.Constant(false);
            for (var i = spec.Stages.Count - 2; i >= 0; i--)
            {
                var later = spec.Stages.Skip(i + 1).Take(next ? 1 : int.MaxValue)
                    .Select(s => (Expression)Expression.Call(since, Contains, Expression.Constant(StageHistory.Mark(s.Key))))
                    .Aggregate(Expression.OrElse);
                went = Expression.Condition(Expression.Equal(key, Expression.Constant(spec.Stages[i].Key)), later, went);
            }
            return went;
        }
    }
}
