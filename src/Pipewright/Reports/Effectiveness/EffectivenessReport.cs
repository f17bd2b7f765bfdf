using Microsoft.EntityFrameworkCore;
using Pipewright.Approvals;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Rollup;
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

    /// <summary>
    /// Technical requests of deals in scope that fell due in the period (and by now), not cancelled. Written as a join
    /// from the deals: a team's or an owner's deals then lead (SQLite at L: a team's year no longer probes every
    /// request of the period for its deal).
    /// </summary>
    public static IQueryable<TechTask> TechRequestsDue(PipewrightDb db, ReportScope scope, CurrentUser user)
    {
        var (start, end, now) = (scope.Start, scope.End, scope.Now);
        return from o in scope.Opportunities(db, user)
               join t in db.TechTasks.AsNoTracking() on o.Id equals t.OpportunityId
               where t.Status != TechTaskStatus.Cancelled && t.DueAt >= start && t.DueAt < end && t.DueAt <= now
               select t;
    }

    /// <summary>A period's counts and sums before rounding; averages in seconds or minutes.</summary>
    private sealed record Figures(int WonCount, double? CycleSeconds, int LeadCount, int LeadsWon, int Responded, double? ResponseMinutes,
        int DueCount, int OnTime, List<(int Order, int Count, double Seconds)> Steps, long Required, long Filled);

    public static async Task<EffectivenessFiguresDto> FiguresAsync(PipewrightDb db, ReportScope scope, CurrentUser user, CancellationToken ct)
    {
        // Everyone's figures come from the running totals; a team's, an owner's or a rep's from their own records.
        var f = scope.Owners is null ? await FromTotalsAsync(db, scope, user, ct) : await FromRecordsAsync(db, scope, user, ct);
        var stepCount = f.Steps.Sum(s => s.Count);
        double? stepSeconds = stepCount == 0 ? null : f.Steps.Sum(s => s.Seconds * s.Count) / stepCount;
        return new EffectivenessFiguresDto(scope.From, scope.To,
            ReportRounding.Days(f.CycleSeconds), f.WonCount,
            ReportRounding.Share(f.LeadsWon, f.LeadCount), f.LeadCount, f.LeadsWon,
            ReportRounding.Share(f.OnTime, f.DueCount), f.DueCount, f.OnTime,
            f.ResponseMinutes is { } m ? ReportRounding.Hours(m * 60) : null, f.Responded,
            ReportRounding.Hours(stepSeconds), stepCount, [.. f.Steps.Select(s => new ApprovalStepHoursDto(s.Order, ReportRounding.Hours(s.Seconds), s.Count))],
            ReportRounding.Share(f.Filled, f.Required), (int)f.Required, (int)f.Filled);
    }

    private static async Task<Figures> FromRecordsAsync(PipewrightDb db, ReportScope scope, CurrentUser user, CancellationToken ct)
    {
        var (start, end) = (scope.Start, scope.End);

        // One query per source, each counting and averaging in one pass (GROUP BY a constant: no row when there is none).
        var won = await WonInPeriod(db, scope, user).GroupBy(o => 1)
            .Select(g => new { Count = g.Count(), Seconds = g.Average(o => SqlTime.Seconds(o.ClosedAt) - SqlTime.Seconds(o.CreatedAt)) })
            .SingleOrDefaultAsync(ct);

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

        var due = await TechRequestsDue(db, scope, user).GroupBy(t => 1)
            .Select(g => new { Count = g.Count(), OnTime = g.Count(t => t.Status == TechTaskStatus.Done && t.CompletedAt <= t.DueAt) })
            .SingleOrDefaultAsync(ct);

        var byStep = await ApprovalSteps(db, scope, user).GroupBy(s => s.Order)
            .Select(g => new { Order = g.Key, Count = g.Count(), Seconds = g.Average(s => SqlTime.Seconds(s.CompletedAt) - SqlTime.Seconds(s.ActivatedAt)) })
            .OrderBy(g => g.Order).ToListAsync(ct);

        var (required, filled) = await CompletenessAsync(db, scope, user, ct);
        return new Figures(won?.Count ?? 0, won?.Seconds, leads?.Count ?? 0, leads?.Won ?? 0, leads?.Responded ?? 0, leads?.Minutes,
            due?.Count ?? 0, due?.OnTime ?? 0, [.. byStep.Select(s => (s.Order, s.Count, s.Seconds!.Value))], required, filled);
    }

    /// <summary>
    /// The same figures from <see cref="EffectivenessTotal"/> over the few day spans that make up the period. Technical
    /// requests count once due and past: the spans cover the period up to yesterday, and today's requests due by now
    /// are read from the records.
    /// </summary>
    private static async Task<Figures> FromTotalsAsync(PipewrightDb db, ReportScope scope, CurrentUser user, CancellationToken ct)
    {
        var spans = DaySpans.Covering(scope.From.DayNumber, scope.To.DayNumber);
        var today = ChinaTime.DateOf(scope.Now);
        var lastTaskDay = scope.To < today ? scope.To : today.AddDays(-1);
        var taskSpans = scope.From <= lastTaskDay ? DaySpans.Covering(scope.From.DayNumber, lastTaskDay.DayNumber) : [];
        var category = scope.Category ?? "";
        var byCategory = EffectivenessMeasure.ByCategory;
        var (task, step) = (EffectivenessMeasure.Task, EffectivenessMeasure.Step);
        var totals = await db.Set<EffectivenessTotal>().AsNoTracking()
            .Where(t => (byCategory.Contains(t.Measure) ? t.Category == category : t.Category == "")
                && (t.Measure == task ? taskSpans.Contains(t.Span) : spans.Contains(t.Span)))
            .GroupBy(t => new { t.Measure, t.Part })
            .Select(g => new
            {
                g.Key.Measure, g.Key.Part, Count = g.Sum(t => t.Count), Matched = g.Sum(t => t.Matched), Milliseconds = g.Sum(t => t.Milliseconds),
                Responded = g.Sum(t => t.Responded), ResponseMinutes = g.Sum(t => t.ResponseMinutes),
            })
            .ToListAsync(ct);
        var none = new { Measure = "", Part = 0, Count = 0L, Matched = 0L, Milliseconds = 0L, Responded = 0L, ResponseMinutes = 0L };
        var of = (string measure) => totals.SingleOrDefault(t => t.Measure == measure && t.Part == 0) ?? none;

        var (won, leads, due) = (of(EffectivenessMeasure.Won), of(EffectivenessMeasure.Lead), of(task));
        var (dueCount, onTime) = (due.Count, due.Matched);
        if (scope.From <= today && today <= scope.To)
        {
            var dueToday = await TechRequestsDue(db, scope.For(today, today), user).GroupBy(t => 1)
                .Select(g => new { Count = g.Count(), OnTime = g.Count(t => t.Status == TechTaskStatus.Done && t.CompletedAt <= t.DueAt) })
                .SingleOrDefaultAsync(ct);
            (dueCount, onTime) = (dueCount + (dueToday?.Count ?? 0), onTime + (dueToday?.OnTime ?? 0));
        }
        var steps = totals.Where(t => t.Measure == step && t.Count > 0).OrderBy(t => t.Part)
            .Select(t => (t.Part, (int)t.Count, t.Milliseconds / 1000.0 / t.Count)).ToList();
        var fields = new[] { (EffectivenessMeasure.Customer, 5), (EffectivenessMeasure.Contact, 2), (EffectivenessMeasure.Deal, 4) };
        return new Figures((int)won.Count, won.Count == 0 ? null : won.Milliseconds / 1000.0 / won.Count,
            (int)leads.Count, (int)leads.Matched, (int)leads.Responded, leads.Responded == 0 ? null : (double)leads.ResponseMinutes / leads.Responded,
            (int)dueCount, (int)onTime, steps,
            fields.Sum(f => of(f.Item1).Count * f.Item2), fields.Sum(f => of(f.Item1).Matched));
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
        // A join from the approvals, like the requests above: the owners' approvals lead (index on the owner).
        return from a in approvals
               join s in db.ApprovalSteps.AsNoTracking() on a.Id equals s.ApprovalId
               where (s.Status == StepStatus.Approved || s.Status == StepStatus.Rejected) && s.ActivatedAt != null && s.CompletedAt >= start && s.CompletedAt < end
               select s;
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
