using Pipewright.Catalog.ImportProducts;
using Pipewright.Catalog.ListProducts;
using Pipewright.Catalog.SaveProduct;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;

namespace Pipewright.Catalog;

public static class CatalogModule
{
    public const long MaxImportBytes = 20 * 1024 * 1024;

    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<SaveProductHandler>();
        services.AddScoped<ListProductsHandler>();
        services.AddScoped<ImportProductsHandler>();
        return services;
    }

    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder api)
    {
        var products = api.MapGroup("/products").WithTags("Catalog");

        products.MapPost("/", async (CreateProductRequest request, CurrentUser user, SaveProductHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(request, user, ct)).ToResult(p => TypedResults.Created($"/api/v1/products/{p.Id}", p)))
            .Validated<CreateProductRequest>()
            .Produces<ProductDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        products.MapGet("/", async ([AsParameters] ListProductsRequest request, CurrentUser user, ListProductsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(request, user, ct)))
            .Validated<ListProductsRequest>();

        products.MapGet("/{id:guid}", async (Guid id, CurrentUser user, ListProductsHandler handler, CancellationToken ct) =>
                (await handler.GetAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<ProductDto>().ProducesProblem(StatusCodes.Status404NotFound);

        products.MapPut("/{id:guid}", async (Guid id, UpdateProductRequest request, CurrentUser user, SaveProductHandler handler, CancellationToken ct) =>
                (await handler.UpdateAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<UpdateProductRequest>()
            .Produces<ProductDto>().ProducesProblem(StatusCodes.Status409Conflict);

        products.MapPost("/{id:guid}/deactivate", async (Guid id, CurrentUser user, SaveProductHandler handler, CancellationToken ct) =>
                (await handler.SetActiveAsync(id, false, user, ct)).ToResult(TypedResults.Ok))
            .Produces<ProductDto>();

        products.MapPost("/{id:guid}/activate", async (Guid id, CurrentUser user, SaveProductHandler handler, CancellationToken ct) =>
                (await handler.SetActiveAsync(id, true, user, ct)).ToResult(TypedResults.Ok))
            .Produces<ProductDto>();

        products.MapPost("/import", ImportAsync)
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<ProductImportResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        products.MapGet("/import/template", Template);
        return api;
    }

    /// <summary>The UI's download link: a browser sends its cookie, not a bearer token.</summary>
    public static IEndpointRouteBuilder MapCatalogFiles(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/files/products").RequireAuthorization().ExcludeFromDescription()
            .MapGet("/import/template.xlsx", Template);
        return app;
    }

    private static IResult Template(CurrentUser user) =>
        CatalogAccess.MayEdit(user)
            ? TypedResults.File(ImportProductsHandler.Template(), ContentTypes.Xlsx, "产品目录导入模板.xlsx")
            : Failure.Forbidden().ToProblem();

    private static async Task<IResult> ImportAsync(HttpRequest http, CurrentUser user, ImportProductsHandler handler, CancellationToken ct)
    {
        if (!CatalogAccess.MayEdit(user)) return Failure.Forbidden().ToProblem();
        if (await UploadedFileAsync(http, ct) is not { } file) return Failure.Invalid("file", "products.import.fileRequired").ToProblem();
        if (file.Length > MaxImportBytes) return Failure.Invalid("file", "products.import.tooLarge", MaxImportBytes / 1024 / 1024).ToProblem();
        await using var stream = file.OpenReadStream();
        return (await handler.HandleAsync(stream, user, ct)).ToResult(TypedResults.Ok);
    }

    /// <summary>The multipart field <c>file</c>, or null when there is none (shared with the stock import).</summary>
    public static async Task<IFormFile?> UploadedFileAsync(HttpRequest http, CancellationToken ct)
    {
        if (!http.HasFormContentType) return null;
        var form = await http.ReadFormAsync(ct);
        return form.Files.GetFile("file") is { Length: > 0 } file ? file : null;
    }
}
