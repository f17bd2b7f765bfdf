using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pipewright.Common.Data;

namespace Pipewright.Pipeline;

/// <summary>
/// Keeps what a stay knows of the deal's history around it (<see cref="StageVisit.PreviousEntryAt"/>,
/// <see cref="StageVisit.EnteredSince"/>) true whenever stays are added: the funnel report reads them instead of
/// grouping and probing every deal's history on each request (docs/performance.md, issue 8).
/// </summary>
public static class StageHistory
{
    /// <summary>How a stage key appears in <see cref="StageVisit.EnteredSince"/>.</summary>
    public static string Mark(string stageKey) => "," + stageKey + ",";

    /// <summary>Fills whole histories built in memory (generators that write rows without the change tracker).</summary>
    public static void Fill(IEnumerable<StageVisit> visits)
    {
        foreach (var deal in visits.GroupBy(v => v.OpportunityId)) Apply([], [.. deal]);
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
/// Runs <see cref="StageHistory.Apply"/> in every save that adds stays, whichever use case adds them: the earlier stays
/// it changes are saved in the same transaction as the new ones.
/// </summary>
internal sealed class StageHistoryInterceptor : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PipewrightDb db)
            foreach (var (dealId, added) in Added(db))
                StageHistory.Apply(IsNewDeal(db, dealId) ? [] : await db.StageVisits.Where(v => v.OpportunityId == dealId).ToListAsync(cancellationToken), added);
        eventData.Context?.ChangeTracker.DetectChanges();
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PipewrightDb db)
            foreach (var (dealId, added) in Added(db))
                StageHistory.Apply(IsNewDeal(db, dealId) ? [] : [.. db.StageVisits.Where(v => v.OpportunityId == dealId)], added);
        eventData.Context?.ChangeTracker.DetectChanges();
        return result;
    }

    private static List<(Guid DealId, List<StageVisit> Added)> Added(PipewrightDb db) =>
        [.. db.ChangeTracker.Entries<StageVisit>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .GroupBy(v => v.OpportunityId).Select(g => (g.Key, g.ToList()))];

    // A deal added in this save has no stays in the database yet.
    private static bool IsNewDeal(PipewrightDb db, Guid dealId) =>
        db.ChangeTracker.Entries<Opportunity>().Any(e => e.State == EntityState.Added && e.Entity.Id == dealId);
}
