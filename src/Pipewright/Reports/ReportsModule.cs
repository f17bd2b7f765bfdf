using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Reports.Baseline;
using Pipewright.Reports.Drilldown;
using Pipewright.Reports.Effectiveness;
using Pipewright.Reports.Forecast;
using Pipewright.Reports.Funnel;
using Pipewright.Reports.Stalled;
using Pipewright.Reports.WinLoss;

namespace Pipewright.Reports;

public static class ReportsModule
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ReportScopes>();
        services.AddScoped<FunnelReportHandler>();
        services.AddScoped<EffectivenessReportHandler>();
        services.AddScoped<WinLossReportHandler>();
        services.AddScoped<ForecastReportHandler>();
        services.AddScoped<StalledReportHandler>();
        services.AddScoped<DrilldownHandler>();
        services.AddScoped<BaselineHandler>();
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

        return api;
    }
}
