using System.Buffers.Binary;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Pipewright.Activities.Attachments;
using Pipewright.Common.Api;

namespace Pipewright.Dictation.Speech.Engines;

/// <summary>
/// Baidu 短语音识别 标准版 over REST: an access token from the OAuth endpoint (client credentials, kept until
/// shortly before it expires), then the PCM as base64 in a JSON body. Baidu takes at most 60 seconds per call,
/// so a longer note is sent in pieces and the texts are joined. It takes 16 or 8 kHz, 16-bit mono only: the
/// recorder writes exactly that, other audio is refused rather than transcoded here.
/// </summary>
public sealed partial class BaiduSpeechToText(
    RemoteEngine remote, IOptions<SpeechOptions> options, TimeProvider clock, ILogger<BaiduSpeechToText> logger) : ISpeechToText
{
    /// <summary>Under Baidu's 60 s limit with room for its own rounding.</summary>
    public const int PieceSeconds = 50;

    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private (string Value, DateTimeOffset Until)? _token;

    public string Name => SpeechEngine.Baidu;

    public bool Accepts(string contentType) => contentType == FileKinds.Wav;

    public async Task<Outcome<string>> TranscribeAsync(Stream audio, string contentType, SpeechHints hints, CancellationToken ct)
    {
        if (!Accepts(contentType)) return SpeechFailures.Unsupported();
        var wave = WaveAudio.TryRead(await OpenAiSpeechToText.ReadAllAsync(audio, ct));
        if (wave is not { SampleRate: 16000 or 8000 }) return SpeechFailures.Unsupported();
        if (wave.Channels == 2) wave = wave with { Channels = 1, Pcm = MixDown(wave) };

        var texts = new List<string>();
        foreach (var piece in wave.Pieces(PieceSeconds))
        {
            var outcome = await RecognizeAsync(piece, wave.SampleRate, ct);
            if (outcome.Failure is { } failure) return failure;
            texts.Add(outcome.Value!);
        }
        // Hints are not sent: the standard API has no per-call hotwords; a 自训练平台 model (LmId) carries them.
        return string.Concat(texts).Trim();
    }

    private async Task<Outcome<string>> RecognizeAsync(ReadOnlyMemory<byte> pcm, int rate, CancellationToken ct)
    {
        var settings = options.Value.Baidu;
        var speech = Convert.ToBase64String(pcm.Span);
        var freshToken = false;
        for (var attempt = 1; ; attempt++)
        {
            var token = await TokenAsync(renew: freshToken, ct);
            if (token.Failure is { } tokenFailure) return tokenFailure;
            var body = new BaiduRequest("pcm", rate, 1, settings.Cuid, token.Value!, settings.DevPid, speech, pcm.Length, settings.LmId);
            using var response = await remote.SendAsync(Name, () => new HttpRequestMessage(HttpMethod.Post, settings.Url)
            {
                Content = JsonContent.Create(body, options: BaiduJson),
            }, ct);
            if (response is null) return SpeechFailures.Down();
            BaiduAnswer? answer;
            try
            {
                answer = await response.Content.ReadFromJsonAsync<BaiduAnswer>(BaiduJson, ct);
            }
            catch (JsonException)
            {
                answer = null;
            }
            if (answer is null)
            {
                LogMalformed(logger, (int)response.StatusCode);
                return SpeechFailures.Down();
            }
            if (answer.ErrNo == 0) return string.Concat(answer.Result ?? []);

            LogError(logger, answer.ErrNo, answer.ErrMsg ?? "", answer.Sn ?? "");
            switch (answer.ErrNo)
            {
                // A token revoked or expired early: one more try with a new one.
                case 3302 when !freshToken:
                    freshToken = true;
                    continue;
                case 3302:
                    return SpeechFailures.Misconfigured();
                // Trouble on Baidu's side that may pass.
                case 3303 or 3307 or 3313 or 3315 when attempt == 1:
                    continue;
                case 3301 or 3314:
                    return SpeechFailures.Unclear();
                case 3308 or 3310:
                    return SpeechFailures.TooLarge(options.Value.MaxAudioBytes);
                case 3300 or 3309 or 3311 or 3312 or 3316:
                    return SpeechFailures.Unsupported();
                default:
                    return SpeechFailures.Down();
            }
        }
    }

    /// <summary>The cached access token, or a new one (a day before Baidu's expiry, to be safe from clock skew).</summary>
    private async Task<Outcome<string>> TokenAsync(bool renew, CancellationToken ct)
    {
        await _tokenLock.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            if (!renew && _token is { } cached && cached.Until > now) return cached.Value;
            var settings = options.Value.Baidu;
            var uri = new Uri($"{settings.TokenUrl}?grant_type=client_credentials&client_id={Uri.EscapeDataString(settings.ApiKey ?? "")}&client_secret={Uri.EscapeDataString(settings.SecretKey ?? "")}");
            using var response = await remote.SendAsync(Name, () => new HttpRequestMessage(HttpMethod.Post, uri), ct);
            if (response is null) return SpeechFailures.Down();
            BaiduToken? token;
            try
            {
                token = await response.Content.ReadFromJsonAsync<BaiduToken>(BaiduJson, ct);
            }
            catch (JsonException)
            {
                token = null;
            }
            if (token?.AccessToken is not { Length: > 0 } value)
            {
                LogTokenRefused(logger, (int)response.StatusCode, token?.Error ?? "", token?.ErrorDescription ?? "");
                return SpeechFailures.Misconfigured();
            }
            var lifetime = TimeSpan.FromSeconds(Math.Max(0, token.ExpiresIn - 86400));
            _token = (value, now + lifetime);
            return value;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private static ReadOnlyMemory<byte> MixDown(WaveAudio stereo)
    {
        var samples = stereo.MonoSamples();
        var pcm = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), (short)Math.Clamp(samples[i] * 32768f, short.MinValue, short.MaxValue));
        return pcm;
    }

    private static readonly JsonSerializerOptions BaiduJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record BaiduRequest(string Format, int Rate, int Channel, string Cuid, string Token, int DevPid, string Speech, int Len, int? LmId);

    private sealed record BaiduAnswer(int ErrNo, string? ErrMsg, string? Sn, string[]? Result);

    private sealed record BaiduToken(string? AccessToken, long ExpiresIn, string? Error, string? ErrorDescription);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Baidu speech answered err_no {ErrNo} ({ErrMsg}), sn {Sn}")]
    private static partial void LogError(ILogger logger, int errNo, string errMsg, string sn);

    [LoggerMessage(Level = LogLevel.Error, Message = "Baidu refused the token request ({Status} {Error}: {Description}): check Speech:Baidu:ApiKey and SecretKey")]
    private static partial void LogTokenRefused(ILogger logger, int status, string error, string description);

    [LoggerMessage(Level = LogLevel.Error, Message = "Baidu speech answer ({Status}) is not the JSON it documents")]
    private static partial void LogMalformed(ILogger logger, int status);
}
