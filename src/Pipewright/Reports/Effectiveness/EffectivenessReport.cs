using Microsoft.EntityFrameworkCore;
using Pipewright.Approvals;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Pipeline;
using Pipewright.Reports.Baseline;
using Pipewright.Tasks;

namespace Pipewright.Reports.Effectiveness;

public sealed record EffectivenessRequest : ReportFilter
{
    public DateOnly? BaselineFrom { get; init; }
    public DateOnly? BaselineTo { get; init; }
}

/// <summary>Approval hours of one step position (1st, 2nd … step of an approval).</summary>
public sealed record ApprovalStepHoursDto(int Order, decimal? Hours, int Count);

/// <summary>The six figures of docs/metrics.md §5–10 for one period, with the sizes behind them.</summary>
public sealed record EffectivenessFiguresDto(DateOnly From, DateOnly To,
    decimal? SalesCycleDays, int WonCount,
    decimal? LeadToOrderRate, int LeadCount, int LeadsWon,
    decimal? CrossDeptOnTimeRate, int TechRequestsDue, int TechRequestsOnTime,
    decimal? FirstResponseHours, int LeadsResponded,
    decimal? ApprovalHours, int ApprovalSteps, IReadOnlyList<ApprovalStepHoursDto> ApprovalHoursByStep,
    decimal? DataCompleteness, int RequiredFields, int FilledFields);

/// <summary>Current minus baseline (days, shares in points as fractions, hours); for the cycle also the relative change.</summary>
public sealed record EffectivenessChangeDto(decimal? SalesCycleDays, decimal? SalesCycleRelative, decimal? LeadToOrderRate,
    decimal? CrossDeptOnTimeRate, decimal? FirstResponseHours, decimal? ApprovalHours, decimal? DataCompleteness);

/// <summary>The health references of the issue: cycle 15–30% shorter, conversion +5 points, on time ≥ 80%, first response ≤ 2 h.</summary>
public sealed record HealthReferencesDto(decimal SalesCycleReductionMin, decimal SalesCycleReductionMax, decimal LeadToOrderGain,
    decimal CrossDeptOnTimeMin, decimal FirstResponseMaxHours)
{
    public static readonly HealthReferencesDto Standard = new(0.15m, 0.30m, 0.05m, 0.80m, 2m);
}

public sealed record EffectivenessDto(DateOnly From, DateOnly To,
    decimal? SalesCycleDays, decimal? LeadToOrderRate, decimal? CrossDeptOnTimeRate, decimal? FirstResponseHours,
    decimal? ApprovalHours, decimal? DataCompleteness,
    EffectivenessFiguresDto Current, EffectivenessFiguresDto? Baseline, EffectivenessChangeDto? Change, HealthReferencesDto Health);

public sealed class EffectivenessReportHandler(IDbContextFactory<PipewrightDb> dbFactory, ReportScopes scopes)
{
    public async Task<Outcome<EffectivenessDto>> HandleAsync(EffectivenessRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resolved = await scopes.ResolveAsync(db, request, user, ct);
        if (resolved.Failure is { } failure) return failure;
        var scope = resolved.Value!;
        if (request.BaselineFrom is null != request.BaselineTo is null)
            return Failure.Invalid(request.BaselineFrom is null ? "baselineFrom" : "baselineTo", "reports.baseline.bothEnds");
        if (request.BaselineFrom > request.BaselineTo) return Failure.Invalid("baselineTo", "reports.filter.toBeforeFrom");

        var current = await FiguresAsync(db, scope, user, ct);
        var (baseFrom, baseTo) = (request.BaselineFrom, request.BaselineTo);
        if (baseFrom is null && await db.ReportBaselines.AsNoTracking().SingleOrDefaultAsync(ct) is { } stored)
            (baseFrom, baseTo) = (stored.From, stored.To);
        var baseline = baseFrom is { } bf && baseTo is { } bt ? await FiguresAsync(db, scope.For(bf, bt), user, ct) : null;
        var change = baseline is null ? null : new EffectivenessChangeDto(
            current.SalesCycleDays - baseline.SalesCycleDays,
            baseline.SalesCycleDays is { } b and not 0 && current.SalesCycleDays is { } c
                ? Math.Round((c - b) / b, 4, MidpointRounding.AwayFromZero) : null,
            current.LeadToOrderRate - baseline.LeadToOrderRate,
            current.CrossDeptOnTimeRate - baseline.CrossDeptOnTimeRate,
            current.FirstResponseHours - baseline.FirstResponseHours,
            current.ApprovalHours - baseline.ApprovalHours,
            current.DataCompleteness - baseline.DataCompleteness);
        return new EffectivenessDto(scope.From, scope.To, current.SalesCycleDays, current.LeadToOrderRate, current.CrossDeptOnTimeRate,
            current.FirstResponseHours, current.ApprovalHours, current.DataCompleteness, current, baseline, change, HealthReferencesDto.Standard);
    }

    public static IQueryable<Opportunity> WonInPeriod(PipewrightDb db, ReportScope scope, CurrentUser user)
    {
        var (start, end) = (scope.Start, scope.End);
        return scope.Opportunities(db, user).Where(o => o.Status == OpportunityStatus.Won && o.ClosedAt >= start && o.ClosedAt < end);
    }

    /// <summary>Technical requests of deals in scope that fell due in the period (and by now), not cancelled.</summary>
    public static IQueryable<TechTask> TechRequestsDue(PipewrightDb db, ReportScope scope, CurrentUser user)
    {
        var (start, end, now) = (scope.Start, scope.End, scope.Now);
        var deals = scope.Opportunities(db, user);
        return db.TechTasks.AsNoTracking().Where(t => t.Status != TechTaskStatus.Cancelled && t.DueAt >= start && t.DueAt < end && t.DueAt <= now
            && deals.Any(o => o.Id == t.OpportunityId));
    }

    public static async Task<EffectivenessFiguresDto> FiguresAsync(PipewrightDb db, ReportScope scope, CurrentUser user, CancellationToken ct)
    {
        var (start, end) = (scope.Start, scope.End);

        // One query per source, each counting and averaging in one pass (GROUP BY a constant: no row when there is none).
        var won = await WonInPeriod(db, scope, user).GroupBy(o => 1)
            .Select(g => new { Count = g.Count(), Seconds = g.Average(o => SqlTime.Seconds(o.ClosedAt) - SqlTime.Seconds(o.CreatedAt)) })
            .SingleOrDefaultAsync(ct);
        var (wonCount, cycle) = (won?.Count ?? 0, won?.Seconds);

        var opportunities = db.Opportunities;
        var leads = await scope.Leads(db, user).Where(l => l.CreatedAt >= start && l.CreatedAt < end).GroupBy(l => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Won = g.Count(l => opportunities.Any(o => o.Id == l.OpportunityId && o.Status == OpportunityStatus.Won)),
                Responded = g.Count(l => l.FirstResponseMinutes != null),
                Minutes = g.Average(l => (double?)l.FirstResponseMinutes),
            })
            .SingleOrDefaultAsync(ct);
        var (leadCount, leadsWon, respondedCount, responseMinutes) = (leads?.Count ?? 0, leads?.Won ?? 0, leads?.Responded ?? 0, leads?.Minutes);

        var due = await TechRequestsDue(db, scope, user).GroupBy(t => 1)
            .Select(g => new { Count = g.Count(), OnTime = g.Count(t => t.Status == TechTaskStatus.Done && t.CompletedAt <= t.DueAt) })
            .SingleOrDefaultAsync(ct);
        var (dueCount, onTime) = (due?.Count ?? 0, due?.OnTime ?? 0);

        var steps = ApprovalSteps(db, scope, user);
        var byStep = await steps.GroupBy(s => s.Order)
            .Select(g => new { Order = g.Key, Count = g.Count(), Seconds = g.Average(s => SqlTime.Seconds(s.CompletedAt) - SqlTime.Seconds(s.ActivatedAt)) })
            .OrderBy(g => g.Order).ToListAsync(ct);
        var stepCount = byStep.Sum(s => s.Count);
        double? stepSeconds = stepCount == 0 ? null : byStep.Sum(s => s.Seconds!.Value * s.Count) / stepCount;

        var (required, filled) = await CompletenessAsync(db, scope, user, ct);

        return new EffectivenessFiguresDto(scope.From, scope.To,
            ReportRounding.Days(cycle), wonCount,
            ReportRounding.Share(leadsWon, leadCount), leadCount, leadsWon,
            ReportRounding.Share(onTime, dueCount), dueCount, onTime,
            responseMinutes is { } m ? ReportRounding.Hours(m * 60) : null, respondedCount,
            ReportRounding.Hours(stepSeconds), stepCount, [.. byStep.Select(s => new ApprovalStepHoursDto(s.Order, ReportRounding.Hours(s.Seconds), s.Count))],
            ReportRounding.Share(filled, required), (int)required, (int)filled);
    }

    /// <summary>Decided steps (approved or rejected) of approvals whose owner is in scope, decided in the period.</summary>
    public static IQueryable<ApprovalStep> ApprovalSteps(PipewrightDb db, ReportScope scope, CurrentUser user)
    {
        var (start, end) = (scope.Start, scope.End);
        var approvals = db.Approvals.AsNoTracking();
        if (!user.SeesEverything)
        {
            var visible = user.ScopeOwnerIds.ToList();
            approvals = approvals.Where(a => visible.Contains(a.OwnerId));
        }
        if (scope.Owners is { } owners) approvals = approvals.Where(a => owners.Contains(a.OwnerId));
        return db.ApprovalSteps.AsNoTracking().Where(s => (s.Status == StepStatus.Approved || s.Status == StepStatus.Rejected)
            && s.ActivatedAt != null && s.CompletedAt >= start && s.CompletedAt < end && approvals.Any(a => a.Id == s.ApprovalId));
    }

    /// <summary>Required fields of customers (5), their contacts (2) and deals (4) created in the period; docs/metrics.md §10.</summary>
    private static async Task<(long Required, long Filled)> CompletenessAsync(PipewrightDb db, ReportScope scope, CurrentUser user, CancellationToken ct)
    {
        var (start, end) = (scope.Start, scope.End);
        var customers = db.Customers.AsNoTracking().VisibleTo(user).Where(c => c.OwnerId != null && c.CreatedAt >= start && c.CreatedAt < end);
        if (scope.Owners is { } owners) customers = customers.Where(c => owners.Contains(c.OwnerId!.Value));
        var customerStats = await customers.GroupBy(c => 1).Select(g => new
        {
            Count = g.Count(),
            Filled = g.Sum(c => (c.CreditCode != null && c.CreditCode != "" ? 1 : 0) + (c.Industry != null && c.Industry != "" ? 1 : 0)
                + (c.Region != null && c.Region != "" ? 1 : 0) + (c.Address != null && c.Address != "" ? 1 : 0)
                + (c.Source != null && c.Source != "" ? 1 : 0)),
        }).SingleOrDefaultAsync(ct);
        // Driven by the period's customers (index on Contact.CustomerId), not a scan of every contact probing its customer.
        var contacts = from c in customers join k in db.Contacts.AsNoTracking() on c.Id equals k.CustomerId select k;
        var contactStats = await contacts.GroupBy(k => 1).Select(g => new
        {
            Count = g.Count(),
            Filled = g.Sum(k => (k.Title != null && k.Title != "" ? 1 : 0) + (k.Mobile != null && k.Mobile != "" ? 1 : 0)),
        }).SingleOrDefaultAsync(ct);
        var deals = scope.Opportunities(db, user).Where(o => o.CreatedAt >= start && o.CreatedAt < end);
        var dealStats = await deals.GroupBy(o => 1).Select(g => new
        {
            Count = g.Count(),
            Filled = g.Sum(o => (o.ExpectedAmount != null ? 1 : 0) + (o.ExpectedCloseDate != null ? 1 : 0)
                + (o.ProductCategory != null && o.ProductCategory != "" ? 1 : 0) + (o.DecisionMaker != null && o.DecisionMaker != "" ? 1 : 0)),
        }).SingleOrDefaultAsync(ct);
        long required = (customerStats?.Count ?? 0) * 5L + (contactStats?.Count ?? 0) * 2L + (dealStats?.Count ?? 0) * 4L;
        long filled = (customerStats?.Filled ?? 0) + (contactStats?.Filled ?? 0) + (dealStats?.Filled ?? 0);
        return (required, filled);
    }
}
