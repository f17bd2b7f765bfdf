using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Customers;
using Pipewright.Customers.ExportCustomers;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Configuration;
using Pipewright.Reports.Effectiveness;
using Pipewright.Reports.Forecast;
using Pipewright.Reports.Funnel;
using Pipewright.Reports.Stalled;
using Pipewright.Reports.WinLoss;

namespace Pipewright.Reports.Exports;

/// <summary>The dashboard tables that download as xlsx: /reports/{table}.xlsx.</summary>
public static class ReportTablesList
{
    public static readonly string[] All = ["funnel", "stalled", "win-loss", "competitors", "forecast"];
    // The effectiveness cards download from Reports/Effectiveness (EffectivenessExport), with baseline, health and trend.
}

/// <summary>
/// Writes report tables to xlsx with Chinese headers (the request's language). Text from users goes through the
/// customer export's <see cref="Spreadsheet.Neutralize"/>, so that a cell starting with = + - @ is never a formula.
/// </summary>
public sealed class ReportExportsHandler(IDbContextFactory<PipewrightDb> dbFactory, ReportScopes scopes, FunnelReportHandler funnel,
    StalledReportHandler stalled, WinLossReportHandler winLoss, ForecastReportHandler forecast)
{
    private const int Chunk = 500;
    private static readonly Strings L = new();

    public async Task<Failure?> TableAsync(string table, EffectivenessRequest request, CurrentUser user, Stream output, CancellationToken ct)
    {
        IEnumerable<Dictionary<string, object?>> rows;
        switch (table)
        {
            case "funnel":
                var f = await funnel.HandleAsync(request, user, ct);
                if (f.Failure is { } ff) return ff;
                rows = f.Value!.Stages.Select(s => Row(
                    ("reports.col.stage", s.Name), ("reports.col.count", s.Count), ("reports.col.amount", s.Amount),
                    ("reports.col.conversionRate", s.ConversionRate), ("reports.col.avgDwellDays", s.AvgDwellDays),
                    ("reports.col.medianDwellDays", s.MedianDwellDays), ("reports.col.normDays", s.NormDays)));
                break;
            case "stalled":
                var all = new List<StalledDealDto>();
                for (var page = 1; ; page++)
                {
                    var p = await stalled.HandleAsync(new StalledRequest
                    {
                        From = request.From, To = request.To, TeamId = request.TeamId, OwnerId = request.OwnerId,
                        ProductCategory = request.ProductCategory, Page = page, PageSize = 200,
                    }, user, ct);
                    if (p.Failure is { } pf) return pf;
                    all.AddRange(p.Value!.Items);
                    if (all.Count >= p.Value.Total || p.Value.Items.Count == 0) break;
                }
                rows = all.Select(s => Row(
                    ("reports.col.code", s.Code), ("reports.col.title", s.Title), ("reports.col.customer", s.CustomerName),
                    ("reports.col.owner", s.OwnerName), ("reports.col.stage", s.StageName), ("reports.col.amount", s.Amount),
                    ("reports.col.daysInStage", s.DaysInStage), ("reports.col.normDays", s.NormDays), ("reports.col.daysOver", s.DaysOver)));
                break;
            case "win-loss" or "competitors":
                var w = await winLoss.HandleAsync(request, user, ct);
                if (w.Failure is { } wf) return wf;
                rows = table == "win-loss"
                    ? w.Value!.Reasons.Select(r => Row(("reports.col.lostReason", r.Reason), ("reports.col.count", r.Count),
                        ("reports.col.amount", r.Amount), ("reports.col.share", r.Share)))
                    : w.Value!.Competitors.Select(c => Row(("reports.col.competitor", c.Competitor), ("reports.col.won", c.Won),
                        ("reports.col.lost", c.Lost), ("reports.col.lostAmount", c.LostAmount), ("reports.col.winRate", c.WinRate)));
                break;
            default: // "forecast": the endpoints let only ReportTablesList.All through
                var fc = await forecast.HandleAsync(request, user, ct);
                if (fc.Failure is { } fcf) return fcf;
                rows = fc.Value!.Months.Select(m => Row(("reports.col.month", m.Month), ("reports.col.count", m.Count),
                    ("reports.col.amount", m.Amount), ("reports.col.weightedAmount", m.WeightedAmount)));
                break;
        }
        await MiniExcel.SaveAsAsync(output, rows.ToList(), cancellationToken: ct);
        return null;
    }

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] cells) =>
        cells.ToDictionary(c => L[c.Key].Value, c => c.Value is string s ? Spreadsheet.Neutralize(s) : c.Value);

    /// <summary>
    /// One row per deal in scope that entered any stage in the period; one column per stage with the days spent in it
    /// (all stays added up; a stay still open counts until now, a lost deal's last stay until it was lost).
    /// </summary>
    public async Task<Failure?> StageDurationsAsync(ReportFilter filter, CurrentUser user, Stream output, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resolved = await scopes.ResolveAsync(db, filter, user, ct);
        if (resolved.Failure is { } failure) return failure;
        var scope = resolved.Value!;
        var (spec, _) = await DefaultPipeline.CurrentAsync(db, ct);
        var (start, end) = (scope.Start, scope.End);
        var visits = db.StageVisits;
        var ids = await scope.Opportunities(db, user)
            .Where(o => visits.Any(v => v.OpportunityId == o.Id && v.EnteredAt >= start && v.EnteredAt < end))
            .OrderBy(o => o.Code).Select(o => o.Id).ToListAsync(ct);
        await MiniExcel.SaveAsAsync(output, DurationRows(db, spec, ids, scope.Now), cancellationToken: ct);
        return null;
    }

    /// <summary>Chunks of deals, their stays summed per stage by the database. MiniExcel pulls rows synchronously.</summary>
    private static IEnumerable<Dictionary<string, object?>> DurationRows(PipewrightDb db, PipelineSpec spec, List<Guid> ids, DateTimeOffset now)
    {
        for (var i = 0; i < ids.Count; i += Chunk)
        {
            var chunk = ids.GetRange(i, Math.Min(Chunk, ids.Count - i));
            var customers = db.Customers;
            var users = db.Users;
            var deals = db.Opportunities.AsNoTracking().Where(o => chunk.Contains(o.Id)).OrderBy(o => o.Code)
                .Select(o => new
                {
                    o.Id, o.Code, o.Title, o.Status, o.StageKey, o.StageEnteredAt, o.CreatedAt,
                    Customer = customers.Where(c => c.Id == o.CustomerId).Select(c => c.Name).FirstOrDefault(),
                    Owner = users.Where(u => u.Id == o.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                }).ToList();
            var closed = db.StageVisits.AsNoTracking().Where(v => chunk.Contains(v.OpportunityId) && v.LeftAt != null)
                .GroupBy(v => new { v.OpportunityId, v.StageKey })
                .Select(g => new { g.Key.OpportunityId, g.Key.StageKey, Seconds = g.Sum(v => SqlTime.Seconds(v.LeftAt) - SqlTime.Seconds(v.EnteredAt)) })
                .ToList().ToLookup(x => x.OpportunityId);
            foreach (var o in deals)
            {
                var row = new Dictionary<string, object?>
                {
                    [L["reports.col.code"].Value] = o.Code,
                    [L["reports.col.title"].Value] = Spreadsheet.Neutralize(o.Title),
                    [L["reports.col.customer"].Value] = Spreadsheet.Neutralize(o.Customer),
                    [L["reports.col.owner"].Value] = o.Owner,
                    [L["reports.col.status"].Value] = L[$"reports.status.{o.Status.ToString().ToLowerInvariant()}"].Value,
                    [L["reports.col.currentStage"].Value] = spec.Stage(o.StageKey)?.Name ?? o.StageKey,
                    [L["reports.col.created"].Value] = TimeZoneInfo.ConvertTime(o.CreatedAt, ChinaTime.Zone).ToString("yyyy-MM-dd HH:mm"),
                };
                foreach (var stage in spec.Stages)
                {
                    var seconds = closed[o.Id].Where(x => x.StageKey == stage.Key).Sum(x => x.Seconds ?? 0);
                    var open = o.Status == OpportunityStatus.Open && o.StageKey == stage.Key && o.StageEnteredAt is { } entered;
                    if (open) seconds += (now - o.StageEnteredAt!.Value).TotalSeconds;
                    var visited = open || closed[o.Id].Any(x => x.StageKey == stage.Key);
                    row[L["reports.col.stageDays", stage.Name].Value] = visited ? ReportRounding.Days(seconds) : null;
                }
                yield return row;
            }
        }
    }
}

public static class ReportExportEndpoints
{
    public static void MapReportExports(this RouteGroupBuilder reports)
    {
        reports.MapGet("/stage-durations.xlsx", StageDurationsAsync).Validated<ReportFilter>();
        reports.MapGet("/{table}.xlsx", TableAsync).Validated<EffectivenessRequest>();
    }

    /// <summary>The UI's download links: a browser sends its cookie, not a bearer token.</summary>
    public static IEndpointRouteBuilder MapReportFiles(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/files/reports").RequireAuthorization().ExcludeFromDescription();
        files.MapReportExports();
        return app;
    }

    private static Task<IResult> StageDurationsAsync([AsParameters] ReportFilter filter, CurrentUser user, ReportExportsHandler handler,
        TimeProvider clock, CancellationToken ct) =>
        SendAsync((stream, c) => handler.StageDurationsAsync(filter, user, stream, c), "阶段停留", clock, ct);

    private static Task<IResult> TableAsync(string table, [AsParameters] EffectivenessRequest request, CurrentUser user,
        ReportExportsHandler handler, TimeProvider clock, CancellationToken ct) =>
        !ReportTablesList.All.Contains(table) ? Task.FromResult<IResult>(Failure.NotFound().ToProblem())
        : SendAsync((stream, c) => handler.TableAsync(table, request, user, stream, c), table, clock, ct);

    // Written to a temporary file first: a refusal (400, 403, 404) must come before any byte of the file.
    private static async Task<IResult> SendAsync(Func<Stream, CancellationToken, Task<Failure?>> write, string name, TimeProvider clock, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            if (await write(file, ct) is { } failure)
            {
                await file.DisposeAsync();
                return failure.ToProblem();
            }
            file.Position = 0;
            return TypedResults.File(file, ContentTypes.Xlsx, $"{name}_{TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ChinaTime.Zone):yyyyMMdd-HHmm}.xlsx");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
