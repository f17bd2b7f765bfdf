using System.Net;
using Microsoft.Extensions.Options;

namespace Pipewright.Dictation.Speech.Engines;

/// <summary>
/// How a cloud or self-hosted engine is called: each attempt has a timeout, and an attempt that failed in a way
/// that may pass (no connection, a timeout, a 5xx, 429) is made once more after a short pause. A person is
/// waiting with the phone in hand, so there is no longer retry here; the recorder keeps the audio for later.
/// </summary>
public sealed partial class RemoteEngine(IHttpClientFactory clients, IOptions<SpeechOptions> options, ILogger<RemoteEngine> logger)
{
    public const string ClientName = "speech";
    private const int Attempts = 2;

    /// <summary>The first answer that is not a passing failure, or null when every attempt failed that way.</summary>
    public async Task<HttpResponseMessage?> SendAsync(string engine, Func<HttpRequestMessage> request, CancellationToken ct)
    {
        var client = clients.CreateClient(ClientName);
        client.Timeout = Timeout.InfiniteTimeSpan;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (attempt > 1) await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            HttpResponseMessage? response = null;
            try
            {
                using var message = request();
                response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
                if (!IsPassing(response.StatusCode)) return response;
                LogFailedAttempt(logger, engine, attempt, (int)response.StatusCode);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                LogTimeout(logger, engine, attempt, options.Value.TimeoutSeconds);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                LogUnreachable(logger, engine, attempt, e.Message);
            }
            response?.Dispose();
        }
        return null;
    }

    private static bool IsPassing(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech engine {Engine}, attempt {Attempt}: answered {Status}")]
    private static partial void LogFailedAttempt(ILogger logger, string engine, int attempt, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech engine {Engine}, attempt {Attempt}: no answer within {Seconds} s")]
    private static partial void LogTimeout(ILogger logger, string engine, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech engine {Engine}, attempt {Attempt}: could not connect: {Message}")]
    private static partial void LogUnreachable(ILogger logger, string engine, int attempt, string message);
}
