using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipewright.Activities.Attachments;
using Pipewright.Common.Api;

namespace Pipewright.Dictation.Speech.Engines;

/// <summary>
/// OpenAI's <c>POST /v1/audio/transcriptions</c>, which whisper.cpp's server and faster-whisper-server also speak:
/// multipart with the file, the model, <c>language=zh</c> and a <c>prompt</c> of names to expect. Every audio
/// kind we accept (WAV, WebM, Ogg, MP4, MP3) is one these servers decode themselves.
/// </summary>
public sealed partial class OpenAiSpeechToText(RemoteEngine remote, IOptions<SpeechOptions> options, ILogger<OpenAiSpeechToText> logger) : ISpeechToText
{
    public string Name => SpeechEngine.OpenAi;

    public bool Accepts(string contentType) => contentType is FileKinds.Wav or FileKinds.WebmAudio or FileKinds.OggAudio
        or FileKinds.Mp4Audio or FileKinds.Mp3;

    public async Task<Outcome<string>> TranscribeAsync(Stream audio, string contentType, SpeechHints hints, CancellationToken ct)
    {
        if (!Accepts(contentType)) return SpeechFailures.Unsupported();
        var settings = options.Value;
        var bytes = await ReadAllAsync(audio, ct);
        var prompt = hints.Prompt(settings.MaxHintChars);
        var uri = new Uri(settings.OpenAi.BaseUrl!.ToString().TrimEnd('/') + "/v1/audio/transcriptions");

        using var response = await remote.SendAsync(Name, () =>
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            var form = new MultipartFormDataContent
            {
                { file, "file", "voice-note" + FileKinds.Extension(contentType) },
                { new StringContent(settings.OpenAi.Model), "model" },
                { new StringContent("zh"), "language" },
                { new StringContent("json"), "response_format" },
            };
            if (prompt.Length > 0) form.Add(new StringContent(prompt), "prompt");
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = form };
            if (settings.OpenAi.ApiKey is { Length: > 0 } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return request;
        }, ct);
        if (response is null) return SpeechFailures.Down();

        var body = await response.Content.ReadAsStringAsync(ct);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound:
                LogRefused(logger, (int)response.StatusCode, Excerpt(body));
                return SpeechFailures.Misconfigured();
            case HttpStatusCode.RequestEntityTooLarge:
                return SpeechFailures.TooLarge(settings.MaxAudioBytes);
            case HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.UnprocessableEntity:
                LogRejectedAudio(logger, (int)response.StatusCode, Excerpt(body));
                return SpeechFailures.Unsupported();
            case var status when !response.IsSuccessStatusCode:
                LogRefused(logger, (int)status, Excerpt(body));
                return SpeechFailures.Down();
        }
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                return text.GetString()!.Trim();
        }
        catch (JsonException)
        {
        }
        LogMalformed(logger, Excerpt(body));
        return SpeechFailures.Down();
    }

    internal static async Task<byte[]> ReadAllAsync(Stream audio, CancellationToken ct)
    {
        using var memory = new MemoryStream();
        await audio.CopyToAsync(memory, ct);
        return memory.ToArray();
    }

    private static string Excerpt(string body) => body.Length <= 300 ? body : body[..300];

    [LoggerMessage(Level = LogLevel.Error, Message = "Speech server refused the request with {Status}: check Speech:OpenAi:BaseUrl, Model and ApiKey. {Body}")]
    private static partial void LogRefused(ILogger logger, int status, string body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech server could not use the audio ({Status}): {Body}")]
    private static partial void LogRejectedAudio(ILogger logger, int status, string body);

    [LoggerMessage(Level = LogLevel.Error, Message = "Speech server answer has no text: {Body}")]
    private static partial void LogMalformed(ILogger logger, string body);
}
