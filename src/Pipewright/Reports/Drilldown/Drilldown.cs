using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Leads;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Configuration;
using Pipewright.Reports.Effectiveness;
using Pipewright.Reports.Forecast;
using Pipewright.Reports.Funnel;
using Pipewright.Reports.Stalled;
using Pipewright.Reports.WinLoss;
using Pipewright.Tasks;

namespace Pipewright.Reports.Drilldown;

/// <summary>The numbers a dashboard shows, by the name the drill-down takes (docs/metrics.md, "Drill-down").</summary>
public static class DrilldownMetrics
{
    public const string Reached = "reached";
    public const string Converted = "converted";
    public const string Stalled = "stalled";
    public const string Won = "won";
    public const string Lost = "lost";
    public const string Competitor = "competitor";
    public const string Forecast = "forecast";
    public const string Leads = "leads";
    public const string LeadsWon = "leadsWon";
    public const string LeadsResponded = "leadsResponded";
    public const string TechRequests = "techRequests";
    public const string TechRequestsLate = "techRequestsLate";

    public static readonly string[] All =
        [Reached, Converted, Stalled, Won, Lost, Competitor, Forecast, Leads, LeadsWon, LeadsResponded, TechRequests, TechRequestsLate];
}

public sealed record DrilldownRequest : ReportFilter
{
    [Required(ErrorMessage = "validation.required")]
    [AllowedValues(DrilldownMetrics.Reached, DrilldownMetrics.Converted, DrilldownMetrics.Stalled, DrilldownMetrics.Won, DrilldownMetrics.Lost,
        DrilldownMetrics.Competitor, DrilldownMetrics.Forecast, DrilldownMetrics.Leads, DrilldownMetrics.LeadsWon, DrilldownMetrics.LeadsResponded,
        DrilldownMetrics.TechRequests, DrilldownMetrics.TechRequestsLate, ErrorMessage = "reports.drilldown.metric")]
    public string? Metric { get; init; }

    /// <summary>reached, converted: the stage's key.</summary>
    [MaxLength(OpportunityLimits.Key, ErrorMessage = "validation.maxLength")] public string? Stage { get; init; }

    /// <summary>lost: only this lost reason.</summary>
    [MaxLength(OpportunityLimits.Short, ErrorMessage = "validation.maxLength")] public string? Reason { get; init; }

    /// <summary>competitor: the competitor's name.</summary>
    [MaxLength(OpportunityLimits.Competitor, ErrorMessage = "validation.maxLength")] public string? Competitor { get; init; }

    /// <summary>forecast: yyyy-MM.</summary>
    [RegularExpression(@"^\d{4}-(0[1-9]|1[0-2])$", ErrorMessage = "reports.drilldown.month")] public string? Month { get; init; }

    [Range(1, 1_000_000, ErrorMessage = "validation.page")] public int? Page { get; init; }
    [Range(1, 200, ErrorMessage = "validation.pageSize")] public int? PageSize { get; init; }

    public PagedQuery Paging => new() { Page = Page, PageSize = PageSize };
}

/// <summary>One record behind a number: a deal, a lead or a technical request, with the page that opens it.</summary>
public sealed record DrilldownItemDto(string Kind, Guid Id, string Code, string Title, string? CustomerName, string OwnerName,
    string? StageKey, string Status, decimal? Amount, DateTimeOffset At, string Link);

public sealed class DrilldownHandler(IDbContextFactory<PipewrightDb> dbFactory, ReportScopes scopes)
{
    public async Task<Outcome<Paged<DrilldownItemDto>>> HandleAsync(DrilldownRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var filter = request.Metric == DrilldownMetrics.Forecast && request.Month is null ? ForecastReportHandler.WithDefaults(request, scopes) : request;
        if (request.Month is { } month)
        {
            var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            filter = request with { From = first, To = first.AddMonths(1).AddDays(-1) };
        }
        var resolved = await scopes.ResolveAsync(db, filter, user, ct);
        if (resolved.Failure is { } failure) return failure;
        var scope = resolved.Value!;
        var (spec, _) = await DefaultPipeline.CurrentAsync(db, ct);

        switch (request.Metric)
        {
            case DrilldownMetrics.Reached or DrilldownMetrics.Converted:
                if (request.Stage is null || spec.IndexOf(request.Stage) is var index && index < 0)
                    return Failure.Invalid("stage", "reports.drilldown.stage");
                var deals = request.Metric == DrilldownMetrics.Reached
                    ? FunnelReportHandler.Reached(db, scope, user, request.Stage)
                    : FunnelReportHandler.Converted(db, scope, user, request.Stage, [.. spec.Stages.Skip(index + 1).Select(s => s.Key)]);
                return await DealsAsync(db, deals, request.Paging, ct);
            case DrilldownMetrics.Stalled:
                var stalled = StalledReportHandler.Stalled(db, scope, user, spec);
                return stalled is null ? new Paged<DrilldownItemDto>([], 0, 1, request.Paging.PageSize ?? 50) : await DealsAsync(db, stalled, request.Paging, ct);
            case DrilldownMetrics.Won:
                return await DealsAsync(db, WinLossReportHandler.Closed(db, scope, user).Where(o => o.Status == OpportunityStatus.Won), request.Paging, ct);
            case DrilldownMetrics.Lost:
                var lost = WinLossReportHandler.Closed(db, scope, user).Where(o => o.Status == OpportunityStatus.Lost);
                if (request.Reason is { } reason) lost = lost.Where(o => o.LostReason == reason);
                return await DealsAsync(db, lost, request.Paging, ct);
            case DrilldownMetrics.Competitor:
                if (string.IsNullOrWhiteSpace(request.Competitor)) return Failure.Invalid("competitor", "validation.required");
                var name = request.Competitor;
                return await DealsAsync(db, WinLossReportHandler.Closed(db, scope, user).Where(o => o.Competitor == name), request.Paging, ct);
            case DrilldownMetrics.Forecast:
                return await DealsAsync(db, ForecastReportHandler.Open(db, scope, user), request.Paging, ct);
            case DrilldownMetrics.Leads or DrilldownMetrics.LeadsWon or DrilldownMetrics.LeadsResponded:
                var (start, end) = (scope.Start, scope.End);
                var leads = scope.Leads(db, user).Where(l => l.CreatedAt >= start && l.CreatedAt < end);
                var opportunities = db.Opportunities;
                if (request.Metric == DrilldownMetrics.LeadsWon)
                    leads = leads.Where(l => opportunities.Any(o => o.Id == l.OpportunityId && o.Status == OpportunityStatus.Won));
                if (request.Metric == DrilldownMetrics.LeadsResponded) leads = leads.Where(l => l.FirstResponseMinutes != null);
                return await LeadsAsync(db, leads, request.Paging, ct);
            default:
                var tasks = EffectivenessReportHandler.TechRequestsDue(db, scope, user);
                if (request.Metric == DrilldownMetrics.TechRequestsLate)
                    tasks = tasks.Where(t => !(t.Status == TechTaskStatus.Done && t.CompletedAt <= t.DueAt));
                return await TasksAsync(db, tasks, request.Paging, ct);
        }
    }

    private static async Task<Paged<DrilldownItemDto>> DealsAsync(PipewrightDb db, IQueryable<Opportunity> deals, PagedQuery paging, CancellationToken ct)
    {
        var customers = db.Customers;
        var users = db.Users;
        var page = await deals.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id)
            .Select(o => new
            {
                o.Id, o.Code, o.Title, o.StageKey, o.Status, o.ExpectedAmount, o.CreatedAt,
                Customer = customers.Where(c => c.Id == o.CustomerId).Select(c => c.Name).FirstOrDefault(),
                Owner = users.Where(u => u.Id == o.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
            }).ToPageAsync(paging, ct);
        return new Paged<DrilldownItemDto>([.. page.Items.Select(o => new DrilldownItemDto("opportunity", o.Id, o.Code, o.Title, o.Customer, o.Owner ?? "",
            o.StageKey, Camel(o.Status.ToString()), o.ExpectedAmount?.Yuan, o.CreatedAt, $"/opportunities/{o.Id}"))], page.Total, page.Page, page.PageSize);
    }

    private static async Task<Paged<DrilldownItemDto>> LeadsAsync(PipewrightDb db, IQueryable<Lead> leads, PagedQuery paging, CancellationToken ct)
    {
        var users = db.Users;
        var page = await leads.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new
            {
                l.Id, l.CompanyName, l.ContactName, l.Status, l.CreatedAt, l.OpportunityId,
                Owner = users.Where(u => u.Id == l.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
            }).ToPageAsync(paging, ct);
        return new Paged<DrilldownItemDto>([.. page.Items.Select(l => new DrilldownItemDto("lead", l.Id, "", l.ContactName, l.CompanyName, l.Owner ?? "",
            null, Camel(l.Status.ToString()), null, l.CreatedAt, l.OpportunityId is { } o ? $"/opportunities/{o}" : "/leads"))], page.Total, page.Page, page.PageSize);
    }

    private static async Task<Paged<DrilldownItemDto>> TasksAsync(PipewrightDb db, IQueryable<TechTask> tasks, PagedQuery paging, CancellationToken ct)
    {
        var customers = db.Customers;
        var users = db.Users;
        var page = await tasks.OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Select(t => new
            {
                t.Id, t.Code, t.Category, t.Status, t.DueAt, t.OpportunityId,
                Customer = customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).FirstOrDefault(),
                Owner = users.Where(u => u.Id == t.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
            }).ToPageAsync(paging, ct);
        return new Paged<DrilldownItemDto>([.. page.Items.Select(t => new DrilldownItemDto("techRequest", t.Id, t.Code, t.Category, t.Customer, t.Owner ?? "",
            null, Camel(t.Status.ToString()), null, t.DueAt, $"/opportunities/{t.OpportunityId}"))], page.Total, page.Page, page.PageSize);
    }

    private static string Camel(string value) => char.ToLowerInvariant(value[0]) + value[1..];
}
