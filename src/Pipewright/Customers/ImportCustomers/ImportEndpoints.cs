using System.Text.Json;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers.ExportCustomers;

namespace Pipewright.Customers.ImportCustomers;

/// <summary>
/// Import and export over HTTP: the API (bearer token) under /api/v1/customers, and the same files for the
/// UI's download links under /files/customers (the sign-in cookie).
/// </summary>
public static class ImportEndpoints
{
    public const string ErrorReportName = "导入问题报告.xlsx";

    public static RouteGroupBuilder MapImportAndExport(this RouteGroupBuilder customers)
    {
        customers.MapPost("/import", ImportAsync)
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<ImportResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        customers.MapGet("/import/template", Template);
        customers.MapGet("/import/{id:guid}/errors.xlsx", ErrorReport);
        customers.MapGet("/export.xlsx", ExportAsync).Validated<ExportCustomersRequest>();
        return customers;
    }

    /// <summary>The UI's download links: a browser sends its cookie, not a bearer token.</summary>
    public static IEndpointRouteBuilder MapCustomerFiles(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/files/customers").RequireAuthorization().ExcludeFromDescription();
        files.MapGet("/import/template.xlsx", Template);
        files.MapGet("/import/{id:guid}/errors.xlsx", ErrorReport);
        files.MapGet("/export.xlsx", ExportAsync).Validated<ExportCustomersRequest>();
        return app;
    }

    private static async Task<IResult> ImportAsync(HttpRequest http, CurrentUser user, ImportCustomersHandler handler, CancellationToken ct)
    {
        if (!ImportCustomersHandler.MayImport(user)) return Failure.Forbidden().ToProblem();
        if (!http.HasFormContentType) return Failure.Invalid("file", "import.file.required").ToProblem();
        var form = await http.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return Failure.Invalid("file", "import.file.required").ToProblem();
        var dryRun = false;
        if (form["dryRun"].ToString() is { Length: > 0 } dry && !bool.TryParse(dry, out dryRun))
            return Failure.Invalid("dryRun", "import.dryRun.invalid").ToProblem();
        Dictionary<string, string?>? mapping = null;
        if (form["mapping"].ToString() is { Length: > 0 } json)
        {
            try { mapping = JsonSerializer.Deserialize<Dictionary<string, string?>>(json); }
            catch (JsonException) { return Failure.Invalid("mapping", "import.mapping.invalid").ToProblem(); }
        }
        await using var stream = file.OpenReadStream();
        return (await handler.HandleAsync(new ImportRequest(stream, dryRun, mapping), user, null, ct)).ToResult(TypedResults.Ok);
    }

    private static IResult Template(CurrentUser user) =>
        ImportCustomersHandler.MayImport(user)
            ? TypedResults.File(ImportTemplate.Build(), ContentTypes.Xlsx, "客户导入模板.xlsx")
            : Failure.Forbidden().ToProblem();

    private static IResult ErrorReport(Guid id, CurrentUser user, ImportCustomersHandler handler)
    {
        var path = handler.ReportPath(user, id);
        return File.Exists(path)
            ? TypedResults.PhysicalFile(path, ContentTypes.Xlsx, ErrorReportName)
            : Failure.NotFound().ToProblem();
    }

    private static async Task<IResult> ExportAsync([AsParameters] ExportCustomersRequest request, CurrentUser user,
        ExportCustomersHandler handler, TimeProvider clock, CancellationToken ct)
    {
        // Written to a temporary file first: the refusal (403, 422) must come before any byte of the file,
        // and memory holds a chunk of rows, not the workbook.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            if (await handler.HandleAsync(request, user, file, ct) is { } failure)
            {
                await file.DisposeAsync();
                return failure.ToProblem();
            }
            file.Position = 0;
            var name = $"客户_{TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ChinaTime.Zone):yyyyMMdd-HHmm}.xlsx";
            return TypedResults.File(file, ContentTypes.Xlsx, name);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
