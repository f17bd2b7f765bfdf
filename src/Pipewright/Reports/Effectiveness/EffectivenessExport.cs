using System.Globalization;
using MiniExcelLibs;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Localization;

namespace Pipewright.Reports.Effectiveness;

/// <summary>How the dashboard and its export write a metric's value and change, in the UI language.</summary>
public static class EffectivenessText
{
    public static string Value(Strings l, MetricUnit unit, decimal? value) => value is not { } v ? "—" : unit switch
    {
        MetricUnit.Days => l["effectiveness.unit.days", Number(v)],
        MetricUnit.Hours => l["effectiveness.unit.hours", Number(v)],
        _ => Number(v * 100) + "%",
    };

    /// <summary>Shares change in percentage points, not in percent of themselves.</summary>
    public static string Change(Strings l, MetricUnit unit, decimal change)
    {
        var text = unit switch
        {
            MetricUnit.Days => l["effectiveness.unit.days", Number(Math.Abs(change))],
            MetricUnit.Hours => l["effectiveness.unit.hours", Number(Math.Abs(change))],
            _ => l["effectiveness.unit.points", Number(Math.Abs(change) * 100)],
        };
        return text;
    }

    private static string Number(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>
/// GET /files/reports/effectiveness.xlsx (and /api/v1/reports/effectiveness.xlsx): the cards (this period, baseline, change, health
/// reference, verdict) on one sheet and the monthly trend on another, for the same period, team and scope as the page.
/// </summary>
public static class EffectivenessExport
{
    public static IServiceCollection AddEffectivenessDashboard(this IServiceCollection services) => services.AddScoped<EffectivenessDashboard>();

    /// <summary>The browser's download (sign-in cookie) and the API's (bearer token) of the same file.</summary>
    public static WebApplication MapEffectivenessFiles(this WebApplication app)
    {
        app.MapGet("/files/reports/effectiveness.xlsx", ExportAsync).Validated<EffectivenessRequest>().RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/api/v1/reports/effectiveness.xlsx", ExportAsync).Validated<EffectivenessRequest>().RequireAuthorization().WithTags("Reports");
        return app;
    }

    private static async Task<IResult> ExportAsync([AsParameters] EffectivenessRequest request, CurrentUser user, EffectivenessDashboard dashboard,
        Strings l, CancellationToken ct)
    {
        var outcome = await dashboard.LoadAsync(request, user, ct);
        if (outcome.Failure is { } failure) return failure.ToProblem();
        var board = outcome.Value!;
        var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, Sheets(l, board), cancellationToken: ct);
        stream.Position = 0;
        var name = string.Create(CultureInfo.InvariantCulture, $"effectiveness-{board.Report.From:yyyyMMdd}-{board.Report.To:yyyyMMdd}.xlsx");
        return TypedResults.File(stream, ContentTypes.Xlsx, name);
    }

    public static Dictionary<string, object> Sheets(Strings l, EffectivenessBoard board)
    {
        var baseline = board.Report.Baseline;
        var cards = board.Cards.Select(c => new Dictionary<string, object?>
        {
            [l["effectiveness.export.metric"]] = l[$"effectiveness.metric.{c.Metric.Key}"].Value,
            [l["effectiveness.export.current", Period(board.Report.From, board.Report.To)]] = c.Current,
            [l["effectiveness.export.baseline", baseline is null ? "—" : Period(baseline.From, baseline.To)]] = c.Baseline,
            [l["effectiveness.export.change"]] = c.Change,
            [l["effectiveness.export.unit"]] = l[$"effectiveness.export.unit.{c.Metric.Unit}"].Value,
            [l["effectiveness.export.health"]] = l[$"effectiveness.health.{c.Metric.Key}"].Value,
            [l["effectiveness.export.verdict"]] = c.Healthy switch
            {
                true => l["effectiveness.health.pass"].Value,
                false => l["effectiveness.health.fail"].Value,
                null => "",
            },
            [l["effectiveness.export.basis"]] = c.Basis,
        }).ToList();
        var months = board.Cards[0].Trend.Select((m, i) =>
        {
            var row = new Dictionary<string, object?> { [l["effectiveness.export.month"]] = m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture) };
            foreach (var c in board.Cards) row[l[$"effectiveness.metric.{c.Metric.Key}"]] = c.Trend[i].Value;
            return row;
        }).ToList();
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [l["effectiveness.export.sheet.cards"]] = cards,
            [l["effectiveness.export.sheet.trend"]] = months,
        };
    }

    private static string Period(DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}~{to:yyyy-MM-dd}");
}
