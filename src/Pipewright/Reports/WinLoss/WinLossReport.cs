using Microsoft.EntityFrameworkCore;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Pipeline;

namespace Pipewright.Reports.WinLoss;

public sealed record WinLossReasonDto(string Reason, int Count, decimal Amount, decimal? Share);

public sealed record CompetitorDto(string Competitor, int Won, int Lost, decimal LostAmount, decimal? WinRate);

/// <summary>Deals closed in the period (docs/metrics.md §11): won and lost, lost reasons, and the competitors met.</summary>
public sealed record WinLossDto(DateOnly From, DateOnly To, int Won, decimal WonAmount, int Lost, decimal LostAmount, decimal? WinRate,
    IReadOnlyList<WinLossReasonDto> Reasons, IReadOnlyList<CompetitorDto> Competitors);

public sealed class WinLossReportHandler(IDbContextFactory<PipewrightDb> dbFactory, ReportScopes scopes)
{
    public async Task<Outcome<WinLossDto>> HandleAsync(ReportFilter filter, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resolved = await scopes.ResolveAsync(db, filter, user, ct);
        if (resolved.Failure is { } failure) return failure;
        var scope = resolved.Value!;
        var closed = Closed(db, scope, user);

        var byReason = await closed.GroupBy(o => new { o.Status, o.LostReason })
            .Select(g => new { g.Key.Status, g.Key.LostReason, Count = g.Count(), Fen = g.Sum(o => (long?)EF.Property<long?>(o, nameof(Opportunity.ExpectedAmount))) })
            .ToListAsync(ct);
        var byCompetitor = await closed.Where(o => o.Competitor != null && o.Competitor != "")
            .GroupBy(o => new { o.Competitor, o.Status })
            .Select(g => new { g.Key.Competitor, g.Key.Status, Count = g.Count(), Fen = g.Sum(o => (long?)EF.Property<long?>(o, nameof(Opportunity.ExpectedAmount))) })
            .ToListAsync(ct);

        var won = byReason.Where(r => r.Status == OpportunityStatus.Won).ToList();
        var lost = byReason.Where(r => r.Status == OpportunityStatus.Lost).ToList();
        var (wonCount, lostCount) = (won.Sum(r => r.Count), lost.Sum(r => r.Count));
        var reasons = lost.GroupBy(r => r.LostReason ?? "")
            .Select(g => new WinLossReasonDto(g.Key, g.Sum(r => r.Count), new Money(g.Sum(r => r.Fen ?? 0)).Yuan, ReportRounding.Share(g.Sum(r => r.Count), lostCount)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal).ToList();
        var competitors = byCompetitor.GroupBy(c => c.Competitor!)
            .Select(g =>
            {
                var w = g.Where(c => c.Status == OpportunityStatus.Won).Sum(c => c.Count);
                var l = g.Where(c => c.Status == OpportunityStatus.Lost).Sum(c => c.Count);
                var lostFen = g.Where(c => c.Status == OpportunityStatus.Lost).Sum(c => c.Fen ?? 0);
                return new CompetitorDto(g.Key, w, l, new Money(lostFen).Yuan, ReportRounding.Share(w, w + l));
            })
            .OrderByDescending(c => c.Won + c.Lost).ThenBy(c => c.Competitor, StringComparer.Ordinal).ToList();
        return new WinLossDto(scope.From, scope.To, wonCount, new Money(won.Sum(r => r.Fen ?? 0)).Yuan, lostCount,
            new Money(lost.Sum(r => r.Fen ?? 0)).Yuan, ReportRounding.Share(wonCount, wonCount + lostCount), reasons, competitors);
    }

    /// <summary>Deals in scope won or lost in the period.</summary>
    public static IQueryable<Opportunity> Closed(PipewrightDb db, ReportScope scope, CurrentUser user)
    {
        var (start, end) = (scope.Start, scope.End);
        return scope.Opportunities(db, user).Where(o => o.Status != OpportunityStatus.Open && o.ClosedAt >= start && o.ClosedAt < end);
    }
}
