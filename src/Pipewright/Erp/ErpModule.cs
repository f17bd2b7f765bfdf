using Microsoft.Extensions.Options;
using Pipewright.Catalog;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Erp.CheckAvailability;
using Pipewright.Erp.StockLevels;

namespace Pipewright.Erp;

public static class ErpModule
{
    public static IServiceCollection AddErp(this IServiceCollection services)
    {
        services.AddOptions<ErpOptions>().BindConfiguration("Erp").ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(HttpErp.ClientName);
        services.AddSingleton<BuiltInErp>();
        services.AddSingleton<HttpErp>();
        services.AddSingleton<IErpGateway>(sp => sp.GetRequiredService<IOptions<ErpOptions>>().Value.Mode == ErpOptions.Http
            ? sp.GetRequiredService<HttpErp>()
            : sp.GetRequiredService<BuiltInErp>());
        services.AddScoped<StockLevelsHandler>();
        return services;
    }

    public static RouteGroupBuilder MapErp(this RouteGroupBuilder api)
    {
        var erp = api.MapGroup("/erp").WithTags("ERP");

        erp.MapGet("/availability", async ([AsParameters] AvailabilityRequest request, IErpGateway gateway, CancellationToken ct) =>
                TypedResults.Ok(AvailabilityDto.From(await gateway.GetAvailabilityAsync(request.Model!.Trim(), request.Quantity!.Value, request.NeedBy, ct))))
            .Validated<AvailabilityRequest>();

        erp.MapGet("/stock", async ([AsParameters] ListStockRequest request, StockLevelsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(request, ct)))
            .Validated<ListStockRequest>();

        erp.MapPut("/stock/{model}", async (string model, SetStockRequest request, CurrentUser user, StockLevelsHandler handler, CancellationToken ct) =>
                (await handler.SetAsync(model, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<SetStockRequest>()
            .Produces<StockRow>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        erp.MapPost("/stock/import", async (HttpRequest http, CurrentUser user, StockLevelsHandler handler, CancellationToken ct) =>
            {
                if (!CatalogAccess.MayEdit(user)) return Failure.Forbidden().ToProblem();
                if (await CatalogModule.UploadedFileAsync(http, ct) is not { } file) return Failure.Invalid("file", "stock.import.fileRequired").ToProblem();
                await using var stream = file.OpenReadStream();
                return (await handler.ImportAsync(stream, user, ct)).ToResult(TypedResults.Ok);
            })
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<StockImportResult>().ProducesProblem(StatusCodes.Status403Forbidden);

        erp.MapGet("/stock/import/template", StockTemplate);
        return api;
    }

    /// <summary>The UI's download link (cookie, not bearer token).</summary>
    public static IEndpointRouteBuilder MapErpFiles(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/files/stock").RequireAuthorization().ExcludeFromDescription()
            .MapGet("/import/template.xlsx", StockTemplate);
        return app;
    }

    private static IResult StockTemplate(CurrentUser user) =>
        CatalogAccess.MayEdit(user)
            ? TypedResults.File(StockLevelsHandler.Template(), ContentTypes.Xlsx, "库存产能导入模板.xlsx")
            : Failure.Forbidden().ToProblem();
}
