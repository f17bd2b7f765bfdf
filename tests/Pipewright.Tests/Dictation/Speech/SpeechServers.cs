using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipewright.Tests.Dictation.Speech;

/// <summary>A real HTTP server on 127.0.0.1 (Kestrel) that a test starts, stops and inspects.</summary>
public abstract class LocalServer : IAsyncDisposable
{
    private WebApplication? _app;

    public int Port { get; private set; }
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    protected abstract void Map(WebApplication app);

    protected async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Limits.MaxRequestBodySize = 100 * 1024 * 1024).UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        Map(app);
        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    /// <summary>The server goes away: its port refuses connections.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        GC.SuppressFinalize(this);
    }

    protected static IResult Json(int status, object body) => Results.Json(body, statusCode: status);
}

/// <summary>
/// An OpenAI-compatible <c>/v1/audio/transcriptions</c> (as OpenAI, whisper.cpp's server and faster-whisper-server
/// answer it): multipart with <c>file</c> and <c>model</c> required, 400 for a file that is not audio, 401 for a
/// wrong key, <c>{"text": …}</c> otherwise. The test sets the text and can make it fail, hang or drop connections.
/// </summary>
public sealed class OpenAiSpeechServer : LocalServer
{
    public enum Behaviour { Answer, FailOnce, Error, Slow, Drop }

    public sealed record Received(string? Model, string? Language, string? Prompt, string? ResponseFormat, string? FileName,
        string? FileContentType, byte[] File, string Authorization);

    public Behaviour Mode { get; set; } = Behaviour.Answer;
    public string Text { get; set; } = "今天拜访了客户，对方想要报价。";

    /// <summary>When set, requests must carry it as a bearer token.</summary>
    public string? ApiKey { get; set; }

    public ConcurrentQueue<Received> Requests { get; } = new();
    public Received? Last => Requests.LastOrDefault();
    private int _failed;

    public static async Task<OpenAiSpeechServer> StartAsync()
    {
        var server = new OpenAiSpeechServer();
        await server.StartOnAsync(0);
        return server;
    }

    protected override void Map(WebApplication app) => app.MapPost("/v1/audio/transcriptions", (Func<HttpContext, Task<IResult>>)HandleAsync);

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType) return Error(400, "Expected multipart/form-data.");
        var form = await context.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        byte[] bytes = [];
        if (file is not null)
        {
            using var memory = new MemoryStream();
            await file.CopyToAsync(memory);
            bytes = memory.ToArray();
        }
        Requests.Enqueue(new Received(form["model"].FirstOrDefault(), form["language"].FirstOrDefault(), form["prompt"].FirstOrDefault(),
            form["response_format"].FirstOrDefault(), file?.FileName, file?.ContentType, bytes, context.Request.Headers.Authorization.ToString()));

        if (ApiKey is not null && context.Request.Headers.Authorization.ToString() != $"Bearer {ApiKey}")
            return Error(401, "Incorrect API key provided.", "invalid_api_key");
        if (file is null) return Error(400, "you must provide a file");
        if (string.IsNullOrEmpty(form["model"])) return Error(400, "you must provide a model parameter");
        if (!LooksLikeAudio(bytes)) return Error(400, "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']");

        switch (Mode)
        {
            case Behaviour.FailOnce when Interlocked.Increment(ref _failed) == 1:
            case Behaviour.Error:
                return Error(500, "The server had an error while processing your request.", "server_error");
            case Behaviour.Slow:
                await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
                break;
            case Behaviour.Drop:
                context.Abort();
                return Results.Empty;
        }
        return Results.Json(new { text = Text });
    }

    private static bool LooksLikeAudio(byte[] bytes) =>
        bytes.Length > 12 && ((bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) && bytes.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            || bytes.AsSpan(0, 4).SequenceEqual((byte[])[0x1A, 0x45, 0xDF, 0xA3]) || bytes.AsSpan(0, 4).SequenceEqual("OggS"u8)
            || bytes.AsSpan(4, 4).SequenceEqual("ftyp"u8) || bytes.AsSpan(0, 3).SequenceEqual("ID3"u8));

    private static IResult Error(int status, string message, string? code = null) =>
        Json(status, new { error = new { message, type = "invalid_request_error", param = (string?)null, code } });
}

/// <summary>
/// Baidu 短语音识别 标准版 as documented: <c>POST /oauth/2.0/token?grant_type=client_credentials&amp;client_id&amp;client_secret</c>
/// gives an access token (401 <c>invalid_client</c> for wrong keys); <c>POST /server_api</c> takes JSON with format,
/// rate, channel, cuid, token, dev_pid, speech (base64) and len (bytes before base64), and answers <c>err_no</c> 0 with
/// <c>result</c>, or 3300 (bad parameters), 3301 (audio too poor: silence), 3302 (bad token), 3308 (over 60 s).
/// </summary>
public sealed class BaiduSpeechServer : LocalServer
{
    public const string ApiKey = "baidu-api-key";
    public const string SecretKey = "baidu-secret-key";

    public sealed record Received(JsonObject Body, byte[] Speech);

    /// <summary>Answers for the pieces received, in order (the last one repeats).</summary>
    public List<string> Texts { get; } = ["今天拜访了客户。"];

    /// <summary>When set, the server answers this err_no to every recognition request.</summary>
    public int? FailWith { get; set; }

    public ConcurrentQueue<Received> Requests { get; } = new();
    public ConcurrentQueue<string> TokensIssued { get; } = new();
    private readonly ConcurrentDictionary<string, bool> _valid = new();
    private int _answered;

    public static async Task<BaiduSpeechServer> StartAsync()
    {
        var server = new BaiduSpeechServer();
        await server.StartOnAsync(0);
        return server;
    }

    public Uri TokenUrl => new(BaseUrl, "/oauth/2.0/token");
    public Uri Url => new(BaseUrl, "/server_api");

    /// <summary>Baidu revoked the tokens it gave (a key was reset): the next call with one gets 3302.</summary>
    public void RevokeTokens() => _valid.Clear();

    protected override void Map(WebApplication app)
    {
        app.MapPost("/oauth/2.0/token", (string? grant_type, string? client_id, string? client_secret) =>
        {
            if (grant_type != "client_credentials") return Json(400, new { error = "unsupported_grant_type", error_description = "unsupported grant type" });
            if (client_id != ApiKey) return Json(401, new { error = "invalid_client", error_description = "unknown client id" });
            if (client_secret != SecretKey) return Json(401, new { error = "invalid_client", error_description = "Client authentication failed" });
            var token = $"24.{Guid.NewGuid():N}.2592000.1798000000.282335-118000000";
            _valid[token] = true;
            TokensIssued.Enqueue(token);
            return Results.Json(new { refresh_token = "25.x", expires_in = 2592000, session_key = "9m", access_token = token, scope = "audio_voice_assistant_get brain_all_scope", session_secret = "76" });
        });
        app.MapPost("/server_api", async (HttpContext context) =>
        {
            if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true) return Answer(3300, "param error");
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            byte[] speech;
            try
            {
                speech = Convert.FromBase64String(body["speech"]?.GetValue<string>() ?? "");
            }
            catch (FormatException)
            {
                return Answer(3300, "speech param error");
            }
            Requests.Enqueue(new Received(body, speech));

            var token = body["token"]?.GetValue<string>();
            if (token is null || !_valid.ContainsKey(token)) return Answer(3302, "authentication failed.");
            var format = body["format"]?.GetValue<string>();
            var rate = body["rate"]?.GetValue<int>();
            if (format is not ("pcm" or "wav" or "amr" or "m4a") || rate is not (16000 or 8000) || body["channel"]?.GetValue<int>() != 1
                || string.IsNullOrEmpty(body["cuid"]?.GetValue<string>()) || body["dev_pid"] is null
                || body["len"]?.GetValue<int>() != speech.Length || speech.Length == 0)
                return Answer(3300, "param error");
            if (speech.Length / (rate.Value * 2.0) > 60) return Answer(3308, "speech too long");
            if (FailWith is { } code) return Answer(code, "error");
            if (IsSilent(speech)) return Answer(3301, "speech quality error.");
            var index = Math.Min(Interlocked.Increment(ref _answered) - 1, Texts.Count - 1);
            return Results.Json(new { corpus_no = "6433214037620997779", err_msg = "success.", err_no = 0, result = new[] { Texts[index] }, sn = "371191073711497849365" });
        });
    }

    private static IResult Answer(int errNo, string message) =>
        Results.Json(new { err_no = errNo, err_msg = message, sn = "371191073711497849365" });

    private static bool IsSilent(byte[] pcm)
    {
        for (var i = 0; i + 1 < pcm.Length; i += 2)
            if (Math.Abs(BitConverter.ToInt16(pcm, i)) > 200) return false;
        return true;
    }
}

/// <summary>Recordings the tests send: 16 kHz mono WAV with a tone (speech for the servers) or silence.</summary>
public static class TestAudio
{
    public static byte[] Tone(double seconds, int rate = 16000, int channels = 1)
    {
        var frames = (int)(seconds * rate);
        var pcm = new byte[frames * channels * 2];
        for (var i = 0; i < frames; i++)
        {
            var sample = (short)(Math.Sin(2 * Math.PI * 220 * i / rate) * 8000);
            for (var c = 0; c < channels; c++) BitConverter.TryWriteBytes(pcm.AsSpan((i * channels + c) * 2), sample);
        }
        return Pipewright.Dictation.Speech.WaveAudio.Write(rate, channels, pcm);
    }

    public static byte[] Silence(double seconds) =>
        Pipewright.Dictation.Speech.WaveAudio.Write(16000, 1, new byte[(int)(seconds * 16000) * 2]);
}
