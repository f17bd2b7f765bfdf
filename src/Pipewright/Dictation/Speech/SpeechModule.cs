using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Dictation.Speech.Engines;
using Pipewright.Dictation.Speech.Transcribe;

namespace Pipewright.Dictation.Speech;

public static class SpeechModule
{
    public const string RateLimit = "speech";

    public static IServiceCollection AddSpeech(this IServiceCollection services)
    {
        services.AddOptions<SpeechOptions>().BindConfiguration("Speech").ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(RemoteEngine.ClientName);
        services.AddSingleton<RemoteEngine>();
        services.AddSingleton<OpenAiSpeechToText>();
        services.AddSingleton<BaiduSpeechToText>();
        services.AddSingleton<WhisperSpeechToText>();
        services.AddSingleton<NoSpeechToText>();
        services.AddSingleton<ISpeechToText>(sp => sp.GetRequiredService<IOptions<SpeechOptions>>().Value.Engine switch
        {
            SpeechEngine.OpenAi => sp.GetRequiredService<OpenAiSpeechToText>(),
            SpeechEngine.Baidu => sp.GetRequiredService<BaiduSpeechToText>(),
            SpeechEngine.Whisper => sp.GetRequiredService<WhisperSpeechToText>(),
            _ => sp.GetRequiredService<NoSpeechToText>(),
        });
        // More hint sources (the competitor list) register here the same way.
        services.AddSingleton<ISpeechHintSource, CustomerHints>();
        services.AddSingleton<ISpeechHintSource, ProductHints>();
        services.AddScoped<SpeechHintsBuilder>();
        services.AddScoped<TranscribeVoiceNoteHandler>();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimit, context =>
        {
            var perMinute = context.RequestServices.GetRequiredService<IOptions<SpeechOptions>>().Value.PerUserPerMinute;
            var who = CurrentUser.IdOf(context.User)?.ToString() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(who,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) });
        }));
        return services;
    }

    /// <summary>
    /// <c>POST /api/v1/voice-notes/transcribe</c> for API clients (bearer token), and the same for the recorder on
    /// the pages, which posts with its sign-in cookie and so must send the antiforgery token as a header.
    /// </summary>
    public static WebApplication MapSpeech(this WebApplication app)
    {
        MapTranscribe(app.MapGroup("/api/v1/voice-notes").RequireAuthorization().DisableAntiforgery().WithTags("Dictation"));
        MapTranscribe(app.MapGroup("/m/api/voice-notes").RequireAuthorization().ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
                return await antiforgery.IsRequestValidAsync(context.HttpContext) ? await next(context) : Failure.Forbidden().ToProblem();
            }));
        return app;
    }

    private static void MapTranscribe(RouteGroupBuilder voiceNotes)
    {
        // Kestrel's 30 MB and the form reader's limits must not refuse, with a vaguer message, what Speech:MaxAudioBytes
        // allows; a little room is left for the multipart envelope.
        var bodyLimit = ((IEndpointRouteBuilder)voiceNotes).ServiceProvider.GetRequiredService<IOptions<SpeechOptions>>().Value.MaxAudioBytes + 64 * 1024;
        voiceNotes.MapPost("/transcribe", TranscribeAsync)
            .WithMetadata(new RequestSizeLimitAttribute(bodyLimit))
            .WithFormOptions(multipartBodyLengthLimit: bodyLimit)
            .DisableAntiforgery()
            .Idempotent()
            .RequireRateLimiting(RateLimit)
            // One Accepts: each call replaces the content types the route matches, it does not add to them.
            .Accepts<IFormFile>("multipart/form-data", "application/json")
            .Produces<TranscriptDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Multipart with <c>file</c> (the recording) or <c>attachmentId</c>; or JSON <c>{attachmentId}</c>.</summary>
    private static async Task<IResult> TranscribeAsync(HttpRequest http, CurrentUser user, TranscribeVoiceNoteHandler handler,
        IOptions<SpeechOptions> options, CancellationToken ct)
    {
        var max = options.Value.MaxAudioBytes;
        Guid? attachmentId = null;
        if (http.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await http.ReadFormAsync(ct);
            }
            catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException)
            {
                return SpeechFailures.TooLarge(max).ToProblem();
            }
            if (form.Files.GetFile("file") is { } file)
            {
                if (file.Length > max) return SpeechFailures.TooLarge(max).ToProblem();
                await using var audio = file.OpenReadStream();
                return (await handler.UploadAsync(audio, file.FileName, user, ct)).ToResult(TypedResults.Ok);
            }
            if (form["attachmentId"].ToString() is { Length: > 0 } value)
            {
                if (!Guid.TryParse(value, out var id)) return Failure.Invalid("attachmentId", "speech.attachmentId.invalid").ToProblem();
                attachmentId = id;
            }
        }
        else if (http.HasJsonContentType())
        {
            try
            {
                attachmentId = (await http.ReadFromJsonAsync<TranscribeRequest>(ct))?.AttachmentId;
            }
            catch (System.Text.Json.JsonException)
            {
                return Failure.Invalid("body", "validation.body").ToProblem();
            }
        }
        return attachmentId is { } existing
            ? (await handler.AttachmentAsync(existing, user, ct)).ToResult(TypedResults.Ok)
            : Failure.Invalid("file", "speech.audio.required").ToProblem();
    }
}
