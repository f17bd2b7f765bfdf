using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pipewright.Activities.Attachments;
using Pipewright.Activities.DueFollowUps;
using Pipewright.Activities.RecordActivity;
using Pipewright.Activities.Timeline;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;

namespace Pipewright.Activities;

public static class ActivitiesModule
{
    public static IServiceCollection AddActivities(this IServiceCollection services)
    {
        services.AddOptions<AttachmentOptions>().BindConfiguration("Attachments").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AttachmentStore>();
        services.AddScoped<UploadAttachmentHandler>();
        services.AddScoped<OpenAttachmentHandler>();
        services.AddScoped<RecordActivityHandler>();
        services.AddScoped<CustomerActivitiesHandler>();
        services.AddScoped<DueFollowUpsHandler>();
        services.AddScoped<IActivityObserver, NextStepsObserver>();
        services.AddSingleton(new Customers.CustomerTab("activities", "activities.tab", typeof(CustomerTimeline.CustomerTimeline), 10));
        return services;
    }

    public static RouteGroupBuilder MapActivities(this RouteGroupBuilder api)
    {
        var activities = api.MapGroup("/activities").WithTags("Activities");

        activities.MapPost("/", async (RecordActivityRequest request, CurrentUser user, RecordActivityHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, user, ct)).ToResult(a => TypedResults.Created($"/api/v1/activities/{a.Id}", a)))
            .Validated<RecordActivityRequest>()
            .Produces<ActivityDto>(StatusCodes.Status201Created);

        activities.MapGet("/due", async ([AsParameters] DueFollowUpsRequest request, CurrentUser user, DueFollowUpsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(request, user, ct)))
            .Validated<DueFollowUpsRequest>();

        api.MapGet("/customers/{id:guid}/activities", async (Guid id, [AsParameters] CustomerActivitiesRequest request, CurrentUser user,
                CustomerActivitiesHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<CustomerActivitiesRequest>()
            .WithTags("Activities")
            .Produces<Paged<ActivityDto>>().ProducesProblem(StatusCodes.Status404NotFound);

        var attachments = api.MapGroup("/attachments").WithTags("Attachments");
        // Kestrel's 30 MB body limit and the form reader's must not refuse, with a vaguer message, what the
        // configured limit allows; a little room is left for the multipart envelope.
        var bodyLimit = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxBytes + 64 * 1024;
        attachments.MapPost("/", UploadAsync)
            .WithMetadata(new RequestSizeLimitAttribute(bodyLimit))
            .WithFormOptions(multipartBodyLengthLimit: bodyLimit)
            .Idempotent()
            .Produces<AttachmentDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        attachments.MapGet("/{id:guid}", (Guid id, CurrentUser user, OpenAttachmentHandler handler, HttpContext http, CancellationToken ct) =>
            SendAsync(id, preview: false, inline: false, user, handler, http, ct));
        attachments.MapGet("/{id:guid}/preview", (Guid id, CurrentUser user, OpenAttachmentHandler handler, HttpContext http, CancellationToken ct) =>
            SendAsync(id, preview: true, inline: true, user, handler, http, ct));
        return api;
    }

    /// <summary>The same files for the signed-in browser (cookie): pages show thumbnails and open photos in place.</summary>
    public static WebApplication MapActivityFiles(this WebApplication app)
    {
        var files = app.MapGroup("/files/attachments").RequireAuthorization().ExcludeFromDescription();
        files.MapGet("/{id:guid}", (Guid id, CurrentUser user, OpenAttachmentHandler handler, HttpContext http, CancellationToken ct) =>
            SendAsync(id, preview: false, inline: null, user, handler, http, ct));
        files.MapGet("/{id:guid}/preview", (Guid id, CurrentUser user, OpenAttachmentHandler handler, HttpContext http, CancellationToken ct) =>
            SendAsync(id, preview: true, inline: true, user, handler, http, ct));
        return app;
    }

    private static async Task<IResult> UploadAsync(IFormFile? file, CurrentUser user, UploadAttachmentHandler handler,
        IOptions<AttachmentOptions> options, CancellationToken ct)
    {
        if (file is null) return Failure.Invalid("file", "attachment.file.required").ToProblem();
        if (file.Length > options.Value.MaxBytes) return UploadAttachmentHandler.TooLarge(options.Value.MaxBytes).ToProblem();
        await using var stream = file.OpenReadStream();
        return (await handler.HandleAsync(stream, file.FileName, user, ct)).ToResult(a => TypedResults.Created(a.Url, a));
    }

    /// <summary>
    /// Sends a stored file. <paramref name="inline"/> null: inline for images only (they open in the browser),
    /// documents always download. nosniff and a sandbox keep a browser from running what a file holds.
    /// </summary>
    private static async Task<IResult> SendAsync(Guid id, bool preview, bool? inline, CurrentUser user, OpenAttachmentHandler handler,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(id, preview, user, ct);
        if (outcome.Failure is { } failure) return failure.ToProblem();
        var file = outcome.Value!;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'";
        http.Response.Headers.CacheControl = "private, max-age=86400";
        var showInline = inline ?? file.ContentType.StartsWith("image/", StringComparison.Ordinal);
        return showInline
            ? TypedResults.PhysicalFile(file.Path, file.ContentType, enableRangeProcessing: true)
            : TypedResults.PhysicalFile(file.Path, file.ContentType, file.FileName, enableRangeProcessing: true);
    }
}
