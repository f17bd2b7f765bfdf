using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common;
using Pipewright.Common.Data;

namespace Pipewright.Pipeline.Rollup;

/// <summary>
/// The stays that entered a stage within one <see cref="DaySpans">span of days</see>, counted with their deals'
/// amounts per previous entry into the stage and per stages entered since. A deal counts once per stage and period
/// by its stay whose previous entry lies before the period (docs/metrics.md §1): a row keeps only stays whose previous
/// entry lies before its span, as a later one can never lie before a period that holds the span.
/// <see cref="Category"/> "" holds every category; each stay also counts under its own, so a category's funnel reads
/// its rows alone.
/// </summary>
public sealed class FunnelEntryTotal
{
    public string Category { get; set; } = "";
    public long Span { get; set; }
    public string StageKey { get; set; } = "";

    /// <summary>The day (<see cref="DateOnly.DayNumber"/>) of the previous entry into the stage; 0 for a first entry.</summary>
    public int PreviousDay { get; set; }

    /// <summary>As <see cref="StageVisit.EnteredSince"/>: "went on" is judged against the funnel's order of the day it is read.</summary>
    public string EnteredSince { get; set; } = ",";

    public long Stays { get; set; }
    public long Fen { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<FunnelEntryTotal>
    {
        public void Configure(EntityTypeBuilder<FunnelEntryTotal> t)
        {
            t.HasKey(x => new { x.Category, x.Span, x.StageKey, x.PreviousDay, x.EnteredSince });
            t.Property(x => x.Category).HasMaxLength(OpportunityLimits.Short);
            t.Property(x => x.StageKey).HasMaxLength(OpportunityLimits.Key);
        }
    }
}

/// <summary>
/// The durations of the ended stays (<see cref="StageVisit.DwellSeconds"/>) that entered a stage within one span of
/// days, counted per half day of duration: the sum gives the average, the counts which half day holds the median,
/// and only that half day's stays are then read in order for its exact value.
/// </summary>
public sealed class FunnelDwellTotal
{
    public const double BucketSeconds = 43_200;

    public string Category { get; set; } = "";
    public long Span { get; set; }
    public string StageKey { get; set; } = "";

    /// <summary>Durations of [Bucket × <see cref="BucketSeconds"/>, (Bucket + 1) × <see cref="BucketSeconds"/>).</summary>
    public int Bucket { get; set; }

    public long Stays { get; set; }
    public long Milliseconds { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<FunnelDwellTotal>
    {
        public void Configure(EntityTypeBuilder<FunnelDwellTotal> t)
        {
            t.HasKey(x => new { x.Category, x.Span, x.StageKey, x.Bucket });
            t.Property(x => x.Category).HasMaxLength(OpportunityLimits.Short);
            t.Property(x => x.StageKey).HasMaxLength(OpportunityLimits.Key);
        }
    }
}

/// <summary>What of a stay the funnel's totals count.</summary>
public readonly record struct StayFacts(string StageKey, DateTimeOffset EnteredAt, DateTimeOffset? PreviousEntryAt, string EnteredSince,
    double? DwellSeconds, long Fen, string? Category)
{
    public static StayFacts Of(StageVisit v) =>
        new(v.StageKey, v.EnteredAt, v.PreviousEntryAt, v.EnteredSince, v.DwellSeconds, v.DealAmount?.Fen ?? 0, v.DealCategory);

    public static StayFacts Of(PropertyValues v) =>
        new(v.GetValue<string>(nameof(StageVisit.StageKey)), v.GetValue<DateTimeOffset>(nameof(StageVisit.EnteredAt)),
            v.GetValue<DateTimeOffset?>(nameof(StageVisit.PreviousEntryAt)), v.GetValue<string>(nameof(StageVisit.EnteredSince)),
            v.GetValue<double?>(nameof(StageVisit.DwellSeconds)), v.GetValue<Money?>(nameof(StageVisit.DealAmount))?.Fen ?? 0,
            v.GetValue<string?>(nameof(StageVisit.DealCategory)));
}

/// <summary>
/// Changes to the funnel's totals, gathered from stays added, changed or counted afresh, then added to the tables in
/// one go. Each stay adds to one row per span size and category; a changed stay takes its old facts away first.
/// </summary>
public sealed class FunnelTotalsChange
{
    public const string Name = "funnel";

    /// <summary>Raised whenever what the totals count changes: the start then rebuilds them from the stays.</summary>
    public const int Version = 1;

    private readonly Dictionary<(string Category, long Span, string StageKey, int PreviousDay, string EnteredSince), (long Stays, long Fen)> _entries = [];
    private readonly Dictionary<(string Category, long Span, string StageKey, int Bucket), (long Stays, long Milliseconds)> _dwell = [];

    public bool IsEmpty => _entries.Count == 0 && _dwell.Count == 0;

    /// <summary>Counts the stay (<paramref name="sign"/> +1) or takes it away (−1).</summary>
    public void Add(in StayFacts stay, int sign)
    {
        var day = ChinaTime.DateOf(stay.EnteredAt).DayNumber;
        var previous = stay.PreviousEntryAt is { } p ? ChinaTime.DateOf(p).DayNumber : 0;
        var milliseconds = stay.DwellSeconds is { } s ? (long)Math.Round(s * 1000) : 0;
        var bucket = stay.DwellSeconds is { } d ? (int)Math.Floor(d / FunnelDwellTotal.BucketSeconds) : 0;
        foreach (var category in string.IsNullOrEmpty(stay.Category) ? [""] : new[] { "", stay.Category })
            foreach (var span in DaySpans.Holding(day))
            {
                if (previous < DaySpans.FirstDay(span))
                    Sum(_entries, (category, span, stay.StageKey, previous, stay.EnteredSince), (sign, sign * stay.Fen));
                if (stay.DwellSeconds is not null)
                    Sum(_dwell, (category, span, stay.StageKey, bucket), (sign, sign * milliseconds));
            }
    }

    private static void Sum<TKey>(Dictionary<TKey, (long, long)> totals, TKey key, (long, long) add) where TKey : notnull
    {
        var (a, b) = totals.GetValueOrDefault(key);
        var sum = (a + add.Item1, b + add.Item2);
        if (sum == (0, 0)) totals.Remove(key);
        else totals[key] = sum;
    }

    /// <summary>
    /// Adds the changes in the context's transaction, rows in key order: two saves on PostgreSQL then lock shared rows
    /// in the same order and wait for each other instead of deadlocking.
    /// </summary>
    public async Task SaveAsync(PipewrightDb db, CancellationToken ct)
    {
        await new BulkInsert<FunnelEntryTotal>(db, addToExisting: true).InsertAsync(db, [.. _entries
            .OrderBy(e => e.Key.Category, StringComparer.Ordinal).ThenBy(e => e.Key.Span).ThenBy(e => e.Key.StageKey, StringComparer.Ordinal)
            .ThenBy(e => e.Key.PreviousDay).ThenBy(e => e.Key.EnteredSince, StringComparer.Ordinal)
            .Select(e => new FunnelEntryTotal
            {
                Category = e.Key.Category, Span = e.Key.Span, StageKey = e.Key.StageKey, PreviousDay = e.Key.PreviousDay,
                EnteredSince = e.Key.EnteredSince, Stays = e.Value.Stays, Fen = e.Value.Fen,
            })], ct);
        await new BulkInsert<FunnelDwellTotal>(db, addToExisting: true).InsertAsync(db, [.. _dwell
            .OrderBy(e => e.Key.Category, StringComparer.Ordinal).ThenBy(e => e.Key.Span).ThenBy(e => e.Key.StageKey, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Bucket)
            .Select(e => new FunnelDwellTotal
            {
                Category = e.Key.Category, Span = e.Key.Span, StageKey = e.Key.StageKey, Bucket = e.Key.Bucket, Stays = e.Value.Stays,
                Milliseconds = e.Value.Milliseconds,
            })], ct);
        _entries.Clear();
        _dwell.Clear();
    }

    /// <summary>
    /// Counts every stay afresh when the tables are new or <see cref="Version"/> changed (data written without the
    /// change tracker, as the bench's generators do, is counted by calling it with <paramref name="force"/>).
    /// </summary>
    public static Task RebuildAsync(IDbContextFactory<PipewrightDb> dbFactory, bool force, CancellationToken ct) =>
        RollupVersion.RebuildAsync(dbFactory, Name, Version, RebuildLock, force, async (db, token) =>
        {
            await db.Set<FunnelEntryTotal>().ExecuteDeleteAsync(token);
            await db.Set<FunnelDwellTotal>().ExecuteDeleteAsync(token);
            var change = new FunnelTotalsChange();
            var stays = db.StageVisits.AsNoTracking().Select(v => new
            {
                v.StageKey, v.EnteredAt, v.PreviousEntryAt, v.EnteredSince, v.DwellSeconds, v.DealAmount, v.DealCategory,
            });
            await foreach (var v in stays.AsAsyncEnumerable().WithCancellation(token))
                change.Add(new StayFacts(v.StageKey, v.EnteredAt, v.PreviousEntryAt, v.EnteredSince, v.DwellSeconds, v.DealAmount?.Fen ?? 0, v.DealCategory), +1);
            await change.SaveAsync(db, token);
        }, ct);

    private const long RebuildLock = 727274010;
}
