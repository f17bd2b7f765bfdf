using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Configuration;

namespace Pipewright.Reports.Stalled;

public sealed record StalledRequest : ReportFilter
{
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000, ErrorMessage = "validation.page")] public int? Page { get; init; }
    [System.ComponentModel.DataAnnotations.Range(1, 200, ErrorMessage = "validation.pageSize")] public int? PageSize { get; init; }

    public PagedQuery Paging => new() { Page = Page, PageSize = PageSize };
}

public sealed record StalledDealDto(Guid Id, string Code, string Title, Guid CustomerId, string CustomerName, Guid OwnerId, string OwnerName,
    string StageKey, string StageName, decimal? Amount, DateTimeOffset EnteredAt, decimal DaysInStage, int NormDays, decimal DaysOver);

/// <summary>
/// Open deals that have sat in their stage longer than the stage's norm (docs/metrics.md §13): a state today, so the
/// period does not apply; the team, owner and category do. Longest over first, paged in SQL.
/// </summary>
public sealed class StalledReportHandler(IDbContextFactory<PipewrightDb> dbFactory, ReportScopes scopes)
{
    public async Task<Outcome<Paged<StalledDealDto>>> HandleAsync(StalledRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resolved = await scopes.ResolveAsync(db, request, user, ct);
        if (resolved.Failure is { } failure) return failure;
        var scope = resolved.Value!;
        var (spec, _) = await DefaultPipeline.CurrentAsync(db, ct);
        var rows = Stalled(db, scope, user, spec);
        if (rows is null) return new Paged<StalledDealDto>([], 0, request.Paging.Page ?? 1, request.Paging.PageSize ?? 50);
        var customers = db.Customers;
        var users = db.Users;
        var page = await rows.OrderBy(o => o.StageEnteredAt).ThenBy(o => o.Id)
            .Select(o => new
            {
                o.Id, o.Code, o.Title, o.CustomerId, o.OwnerId, o.StageKey, o.ExpectedAmount, EnteredAt = o.StageEnteredAt ?? o.CreatedAt,
                Customer = customers.Where(c => c.Id == o.CustomerId).Select(c => c.Name).FirstOrDefault(),
                Owner = users.Where(u => u.Id == o.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToPageAsync(request.Paging, ct);
        var items = page.Items.Select(o =>
        {
            var stage = spec.Stage(o.StageKey)!;
            var days = Math.Round((decimal)(scope.Now - o.EnteredAt).TotalDays, 2, MidpointRounding.AwayFromZero);
            return new StalledDealDto(o.Id, o.Code, o.Title, o.CustomerId, o.Customer ?? "", o.OwnerId, o.Owner ?? "", o.StageKey, stage.Name,
                o.ExpectedAmount?.Yuan, o.EnteredAt, days, stage.DwellDays!.Value, days - stage.DwellDays.Value);
        }).ToList();
        return new Paged<StalledDealDto>(items, page.Total, page.Page, page.PageSize);
    }

    /// <summary>One predicate per stage with a norm, united; null when no stage has a norm.</summary>
    public static IQueryable<Opportunity>? Stalled(PipewrightDb db, ReportScope scope, CurrentUser user, PipelineSpec spec)
    {
        var open = scope.Opportunities(db, user).Where(o => o.Status == OpportunityStatus.Open);
        IQueryable<Opportunity>? all = null;
        foreach (var stage in spec.Stages.Where(s => !s.IsWon && s.DwellDays is not null))
        {
            var (key, since) = (stage.Key, scope.Now.AddDays(-stage.DwellDays!.Value));
            var overdue = open.Where(o => o.StageKey == key && o.StageEnteredAt < since);
            all = all is null ? overdue : all.Concat(overdue);
        }
        return all;
    }
}
