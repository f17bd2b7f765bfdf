using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Pipeline.Rollup;
using Pipewright.Reports.Baseline;
using Pipewright.Reports.Drilldown;
using Pipewright.Reports.Effectiveness;
using Pipewright.Reports.Exports;
using Pipewright.Reports.Forecast;
using Pipewright.Reports.Funnel;
using Pipewright.Reports.Stalled;
using Pipewright.Reports.WeeklySummary;
using Pipewright.Reports.WinLoss;

namespace Pipewright.Reports;

/// <summary>The reports' running totals (funnel, effectiveness), counted afresh at start when new and by data generators.</summary>
public static class ReportTotals
{
    public static async Task RebuildAsync(IDbContextFactory<PipewrightDb> dbFactory, bool force, CancellationToken ct)
    {
        await FunnelTotalsChange.RebuildAsync(dbFactory, force, ct);
        await EffectivenessTotalsChange.RebuildAsync(dbFactory, force, ct);
    }
}

public static class ReportsModule
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ReportScopes>();
        services.AddSingleton<IInterceptor, EffectivenessTotalsInterceptor>();
        services.AddScoped<FunnelReportHandler>();
        services.AddScoped<EffectivenessReportHandler>();
        services.AddScoped<WinLossReportHandler>();
        services.AddScoped<ForecastReportHandler>();
        services.AddScoped<StalledReportHandler>();
        services.AddScoped<DrilldownHandler>();
        services.AddScoped<BaselineHandler>();
        services.AddScoped<ReportExportsHandler>();
        services.AddOptions<WeeklySummaryOptions>().BindConfiguration("Reports:WeeklySummary").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WeeklySummarySender>();
        services.AddHostedService<WeeklySummaryJob>();
        return services;
    }

    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");

        reports.MapGet("/funnel", async ([AsParameters] ReportFilter filter, CurrentUser user, FunnelReportHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(filter, user, ct)).ToResult(TypedResults.Ok))
            .Validated<ReportFilter>().Produces<FunnelDto>();

        reports.MapGet("/effectiveness", async ([AsParameters] EffectivenessRequest request, CurrentUser user, EffectivenessReportHandler handler,
                CancellationToken ct) => (await handler.HandleAsync(request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<EffectivenessRequest>().Produces<EffectivenessDto>();

        reports.MapGet("/win-loss", async ([AsParameters] ReportFilter filter, CurrentUser user, WinLossReportHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(filter, user, ct)).ToResult(TypedResults.Ok))
            .Validated<ReportFilter>().Produces<WinLossDto>();

        reports.MapGet("/forecast", async ([AsParameters] ReportFilter filter, CurrentUser user, ForecastReportHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(filter, user, ct)).ToResult(TypedResults.Ok))
            .Validated<ReportFilter>().Produces<ForecastDto>();

        reports.MapGet("/stalled", async ([AsParameters] StalledRequest request, CurrentUser user, StalledReportHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<StalledRequest>();

        reports.MapGet("/drilldown", async ([AsParameters] DrilldownRequest request, CurrentUser user, DrilldownHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<DrilldownRequest>();

        reports.MapGet("/baseline", async Task<IResult> (CurrentUser user, BaselineHandler handler, CancellationToken ct) =>
            !ReportScopes.MayRead(user) ? Failure.Forbidden().ToProblem()
            : await handler.GetAsync(ct) is { } baseline ? TypedResults.Ok(baseline) : Failure.NotFound().ToProblem());

        reports.MapPut("/baseline", async (BaselineRequest request, CurrentUser user, BaselineHandler handler, CancellationToken ct) =>
                (await handler.SetAsync(request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<BaselineRequest>().Produces<BaselineDto>();

        reports.MapReportExports();

        return api;
    }
}
