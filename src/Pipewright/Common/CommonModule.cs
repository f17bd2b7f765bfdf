using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Scalar.AspNetCore;

namespace Pipewright.Common;

/// <summary>What every module stands on: database, sign-in, languages, API conventions, OpenAPI.</summary>
public static partial class CommonModule
{
    public static IServiceCollection AddPipewrightCommon(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddPipewrightDb(configuration);
        services.AddPipewrightAuth();
        services.AddSingleton<Strings>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        services.AddOpenApi();
        services.AddAntiforgery();
        return services;
    }

    public static WebApplication UsePipewrightCommon(this WebApplication app)
    {
        // Languages first: error pages written on the way out must still speak the caller's language.
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Strings.Chinese);
            o.SupportedCultures = [.. Strings.Cultures];
            o.SupportedUICultures = [.. Strings.Cultures];
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new LanguageOnlyAcceptLanguageProvider(),
            ];
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages(ApiStatusCodePage.WriteAsync);
        app.UseAuthentication();
        app.UseCurrentUser();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>/api/v1: bearer tokens only, signed-in users only unless an endpoint says otherwise.</summary>
    public static RouteGroupBuilder MapPipewrightApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("Pipewright API v1").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();
        return app.MapGroup("/api/v1").RequireAuthorization().DisableAntiforgery();
    }

    public static WebApplication MapPipewrightUi<TApp>(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapCulture();
        app.MapRazorComponents<TApp>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Says where Pipewright listens and where its data lives, once it does.</summary>
    public static void LogWhereToFind(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Pipewright");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(see ASPNETCORE_URLS)";
            LogListening(logger, addresses, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.FullRoot);
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipewright is running at {Urls} (data in {Root})")]
    private static partial void LogListening(ILogger logger, string urls, string root);
}

public static class HealthCheck
{
    public static async Task<IResult> HandleAsync(IDbContextFactory<PipewrightDb> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct)
            ? Results.Ok(new { status = "healthy" })
            : Results.Json(new { status = "unhealthy" }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>Accept-Language "en", "en-GB" … → en-US; "zh", "zh-TW" … → zh-CN: the two languages we have.</summary>
internal sealed class LanguageOnlyAcceptLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var header = httpContext.Request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in header.OrderByDescending(h => h.Quality ?? 1))
        {
            var value = language.Value.Value ?? "";
            if (value.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return Result(Strings.English);
            if (value.StartsWith("zh", StringComparison.OrdinalIgnoreCase)) return Result(Strings.Chinese);
        }
        return NullProviderCultureResult;
    }

    private static Task<ProviderCultureResult?> Result(CultureInfo culture) =>
        Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture.Name));
}

/// <summary>Bad input is a 400 in the caller's language, a bug a 500 with a trace id and nothing internal.</summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    private static readonly Strings L = new();

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is BadHttpRequestException bad)
        {
            logger.LogInformation("Bad request for {Path}: {Message}", context.Request.Path, bad.Message);
            await Problems.Create(bad.StatusCode, "problem.invalid", L["problem.malformed"]).ExecuteAsync(context);
            return true;
        }
        logger.LogError(exception, "Unhandled exception for {Path}", context.Request.Path);
        await Problems.Create(500, "problem.server", L["problem.server.detail"]).ExecuteAsync(context);
        return true;
    }
}

/// <summary>Empty 401/403/404/405 answers under /api get a localized problem body like every other error.</summary>
internal static class ApiStatusCodePage
{
    private static readonly Strings L = new();

    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api")) return;
        var status = http.Response.StatusCode;
        var key = status switch
        {
            401 => "problem.unauthorized",
            403 => "problem.forbidden",
            404 => "problem.notFound",
            429 => "problem.tooManyRequests",
            _ => "problem.invalid",
        };
        await Problems.Create(status, key, L[key + ".detail"]).ExecuteAsync(http);
    }
}
