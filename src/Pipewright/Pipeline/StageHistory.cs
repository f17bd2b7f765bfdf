using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pipewright.Common.Data;
using Pipewright.Pipeline.Rollup;

namespace Pipewright.Pipeline;

/// <summary>
/// Keeps what a stay knows of the deal's history around it (<see cref="StageVisit.PreviousEntryAt"/>,
/// <see cref="StageVisit.EnteredSince"/>) true whenever stays are added, its <see cref="StageVisit.DwellSeconds"/> when
/// it ends, and its copy of the deal's owner, amount and category whenever they change: the funnel report reads stays
/// alone instead of grouping, probing and joining every deal on each request (docs/performance.md, issue 8).
/// </summary>
public static class StageHistory
{
    /// <summary>How a stage key appears in <see cref="StageVisit.EnteredSince"/>.</summary>
    public static string Mark(string stageKey) => "," + stageKey + ",";

    /// <summary>Fills whole histories built in memory (generators that write rows without the change tracker).</summary>
    public static void Fill(IEnumerable<Opportunity> deals, IEnumerable<StageVisit> visits)
    {
        var byId = deals.ToDictionary(d => d.Id);
        foreach (var stays in visits.GroupBy(v => v.OpportunityId))
        {
            Apply([], [.. stays]);
            Copy(byId[stays.Key], stays);
            foreach (var stay in stays) Measure(stay);
        }
    }

    /// <summary>The stay's <see cref="StageVisit.DwellSeconds"/> from when it began and how it ended.</summary>
    internal static void Measure(StageVisit stay) =>
        stay.DwellSeconds = stay.LeftAt is { } left && stay.LeftHow != StageMove.Lost ? (left - stay.EnteredAt).TotalSeconds : null;

    /// <summary>The deal's owner, amount and category onto its stays.</summary>
    internal static void Copy(Opportunity deal, IEnumerable<StageVisit> stays)
    {
        foreach (var stay in stays) (stay.DealOwnerId, stay.DealAmount, stay.DealCategory) = (deal.OwnerId, deal.ExpectedAmount, deal.ProductCategory);
    }

    /// <summary>
    /// Adds what <paramref name="added"/> stays change: their predecessor in the same stage, their stages from then on,
    /// and their keys to every earlier stay of the deal. Only appends, so a saved stay changes only when it must.
    /// </summary>
    internal static void Apply(IReadOnlyList<StageVisit> saved, IReadOnlyList<StageVisit> added)
    {
        var all = saved.Concat(added).ToList();
        var isNew = added.ToHashSet();
        foreach (var visit in added)
            visit.PreviousEntryAt = all.Where(w => w.StageKey == visit.StageKey && w.EnteredAt < visit.EnteredAt).Max(w => (DateTimeOffset?)w.EnteredAt);
        foreach (var visit in all)
            foreach (var later in all.Where(w => (isNew.Contains(w) || isNew.Contains(visit)) && w.EnteredAt >= visit.EnteredAt))
                if (!visit.EnteredSince.Contains(Mark(later.StageKey), StringComparison.Ordinal))
                    visit.EnteredSince += later.StageKey + ",";
    }
}

/// <summary>
/// Runs <see cref="StageHistory"/> in every save that adds or ends stays or changes a deal's owner, amount or category,
/// whichever use case does it: the stays it changes are saved in the same transaction as the rest. Then it adds what
/// the save changes in stays to the funnel's running totals (<see cref="FunnelTotalsChange"/>), in that transaction too.
/// </summary>
internal sealed class StageHistoryInterceptor : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PipewrightDb db)
        {
            await KeepAsync(db, cancellationToken);
            await CountAsync(db, cancellationToken);
        }
        return result;
    }

    // Nothing in Pipewright saves stays synchronously; a synchronous save that did would be refused, not left stale.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PipewrightDb db
            && (db.ChangeTracker.Entries<StageVisit>().Any(e => e.State is EntityState.Added or EntityState.Modified) || Changed(db).Count > 0))
            throw new InvalidOperationException("Stays and deals are saved with SaveChangesAsync, which keeps StageHistory.");
        return result;
    }

    private static async Task KeepAsync(PipewrightDb db, CancellationToken ct)
    {
        var touched = db.ChangeTracker.Entries<StageVisit>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList();
        foreach (var entry in touched) StageHistory.Measure(entry.Entity);
        var added = Added(db);
        var changed = Changed(db);
        if (added.Count == 0 && changed.Count == 0)
        {
            // Saves without stays or deal changes (most of them) pay for nothing more.
            if (touched.Count > 0) db.ChangeTracker.DetectChanges();
            return;
        }
        var tracked = db.ChangeTracker.Entries<Opportunity>().ToList();
        var deals = tracked.ToDictionary(e => e.Entity.Id, e => e.Entity);
        // A deal added in this save has no stays in the database yet.
        var isNew = tracked.Where(e => e.State == EntityState.Added).Select(e => e.Entity.Id).ToHashSet();
        // The saved stays of the deals concerned, tracked: what changes in them is saved with the rest.
        var ids = added.Keys.Where(id => !isNew.Contains(id)).Concat(changed).Distinct().ToList();
        var saved = new List<StageVisit>();
        foreach (var chunk in ids.Chunk(500))
            saved.AddRange(await db.StageVisits.Where(v => chunk.Contains(v.OpportunityId)).ToListAsync(ct));
        foreach (var id in ids.Where(id => !deals.ContainsKey(id)))
            if (await db.Opportunities.FindAsync([id], ct) is { } deal) deals[id] = deal;
        var savedByDeal = saved.ToLookup(v => v.OpportunityId);
        foreach (var (id, stays) in added) StageHistory.Apply([.. savedByDeal[id]], stays);
        foreach (var id in added.Keys.Concat(changed).Distinct())
            if (deals.TryGetValue(id, out var deal)) StageHistory.Copy(deal, savedByDeal[id].Concat(added.GetValueOrDefault(id) ?? []));
        db.ChangeTracker.DetectChanges();
    }

    /// <summary>The funnel's running totals follow every stay added or changed, in the save's transaction.</summary>
    private static async Task CountAsync(PipewrightDb db, CancellationToken ct)
    {
        var change = new FunnelTotalsChange();
        foreach (var entry in db.ChangeTracker.Entries<StageVisit>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                var before = StayFacts.Of(entry.OriginalValues);
                if (entry.State == EntityState.Modified && before == StayFacts.Of(entry.Entity)) continue;
                change.Add(before, -1);
            }
            if (entry.State is EntityState.Added or EntityState.Modified) change.Add(StayFacts.Of(entry.Entity), +1);
        }
        if (change.IsEmpty) return;
        await SaveTransaction.EnsureAsync(db, ct);
        await change.SaveAsync(db, ct);
    }

    private static Dictionary<Guid, List<StageVisit>> Added(PipewrightDb db) =>
        db.ChangeTracker.Entries<StageVisit>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .GroupBy(v => v.OpportunityId).ToDictionary(g => g.Key, g => g.ToList());

    private static List<Guid> Changed(PipewrightDb db) =>
        [.. db.ChangeTracker.Entries<Opportunity>()
            .Where(e => e.State == EntityState.Modified && (e.Property(o => o.OwnerId).IsModified
                || e.Property(o => o.ExpectedAmount).IsModified || e.Property(o => o.ProductCategory).IsModified))
            .Select(e => e.Entity.Id)];
}
