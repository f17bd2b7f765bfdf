using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipewright.Catalog;

namespace Pipewright.Erp;

/// <summary>
/// Availability from an external ERP (金蝶, 用友, in-house) that answers docs/erp-contract.md. The quote must never
/// wait long or fail because of the ERP: each attempt has a short timeout, failures that may pass are retried a
/// couple of times, a run of failed calls opens a circuit so that a dead ERP is not asked on every keystroke, and
/// answers are reused for a minute. Whatever goes wrong becomes an "unknown" answer with its reason; nothing throws.
/// The circuit and the cache run on the app's clock; attempt timeouts on the wall clock (they measure the network).
/// </summary>
public sealed partial class HttpErp(
    IHttpClientFactory clients, IOptions<ErpOptions> options, TimeProvider clock, ILogger<HttpErp> logger) : IErpGateway
{
    public const string Source = "http";
    public const string ClientName = "erp";
    private const int CacheLimit = 5000;

    private readonly ConcurrentDictionary<(string Key, decimal Quantity, DateOnly? NeedBy), (Availability Answer, DateTimeOffset Until)> _cache = new();
    private readonly Lock _circuit = new();
    private int _failuresInARow;
    private DateTimeOffset? _openUntil;
    private bool _trialRunning;

    public async Task<Availability> GetAvailabilityAsync(string model, decimal quantity, DateOnly? needBy, CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var cacheKey = (Product.KeyOf(model), quantity, needBy);
        if (_cache.TryGetValue(cacheKey, out var cached) && cached.Until > now) return cached.Answer;

        if (!MayCall(now)) return Unknown(model, ErpReasons.CircuitOpen);
        (Availability? Answer, string? Reason) result;
        try
        {
            result = await AskAsync(settings, model, quantity, needBy, ct);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up (the page closed): no verdict on the ERP, and a trial call may run again.
            lock (_circuit) _trialRunning = false;
            throw;
        }
        var (answer, reason) = result;
        Record(success: answer is not null, settings);
        if (answer is null) return Unknown(model, reason!);

        if (settings.CacheSeconds > 0)
        {
            if (_cache.Count >= CacheLimit)
                foreach (var stale in _cache.Where(c => c.Value.Until <= now).Select(c => c.Key).ToList()) _cache.TryRemove(stale, out _);
            if (_cache.Count < CacheLimit) _cache[cacheKey] = (answer, now.AddSeconds(settings.CacheSeconds));
        }
        return answer;
    }

    private Availability Unknown(string model, string reason) =>
        new(model, null, null, null, Source, clock.GetUtcNow()) { Reason = reason };

    /// <summary>Closed: ask. Open: don't, until the break is over; then one trial call decides (half-open).</summary>
    private bool MayCall(DateTimeOffset now)
    {
        lock (_circuit)
        {
            if (_openUntil is not { } until) return true;
            if (now < until || _trialRunning) return false;
            _trialRunning = true;
            return true;
        }
    }

    private void Record(bool success, ErpOptions settings)
    {
        lock (_circuit)
        {
            _trialRunning = false;
            if (success)
            {
                if (_openUntil is not null) LogCircuitClosed(logger);
                (_failuresInARow, _openUntil) = (0, null);
                return;
            }
            _failuresInARow++;
            if (_openUntil is not null || _failuresInARow >= settings.BreakAfterFailures)
            {
                _openUntil = clock.GetUtcNow().AddSeconds(settings.BreakSeconds);
                LogCircuitOpened(logger, _failuresInARow, settings.BreakSeconds);
            }
        }
    }

    /// <summary>The answer, or null and why not. An unknown model is a definite answer (cached, not a failure).</summary>
    private async Task<(Availability? Answer, string? Reason)> AskAsync(ErpOptions settings, string model, decimal quantity, DateOnly? needBy, CancellationToken ct)
    {
        var query = $"availability?model={Uri.EscapeDataString(model)}&quantity={quantity.ToString(CultureInfo.InvariantCulture)}"
            + (needBy is { } date ? $"&needBy={date:yyyy-MM-dd}" : "");
        var uri = new Uri(new Uri(settings.BaseUrl!.ToString().TrimEnd('/') + "/"), query);
        var client = clients.CreateClient(ClientName);
        client.Timeout = Timeout.InfiniteTimeSpan;
        string reason = ErpReasons.Unreachable;
        for (var attempt = 0; attempt <= settings.Retries; attempt++)
        {
            if (attempt > 0) await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (settings.Token is { Length: > 0 } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Accept.ParseAdd("application/json");
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (response.StatusCode == HttpStatusCode.NotFound)
                    return (new Availability(model, null, null, null, Source, clock.GetUtcNow()) { Reason = ErpReasons.UnknownModel }, null);
                if (IsTransient(response.StatusCode))
                {
                    LogFailedAttempt(logger, attempt + 1, (int)response.StatusCode);
                    reason = ErpReasons.Unreachable;
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    LogRejected(logger, (int)response.StatusCode);
                    return (null, ErpReasons.Rejected);
                }
                await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
                var answer = await JsonSerializer.DeserializeAsync<ErpAnswer>(body, JsonSerializerOptions.Web, timeout.Token);
                if (answer is null || answer.OnHand is null)
                {
                    LogMalformed(logger, "no onHand");
                    return (null, ErpReasons.Malformed);
                }
                var canMeet = answer.EarliestDate is { } earliest && (needBy is not { } need || earliest <= need);
                return (new Availability(model, answer.OnHand, answer.EarliestDate, canMeet, Source, answer.AsOf ?? clock.GetUtcNow()), null);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                LogTimeout(logger, settings.TimeoutSeconds);
                return (null, ErpReasons.Timeout);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                LogUnreachable(logger, attempt + 1, e.Message);
                reason = ErpReasons.Unreachable;
            }
            catch (JsonException e)
            {
                LogMalformed(logger, e.Message);
                return (null, ErpReasons.Malformed);
            }
        }
        return (null, reason);
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private sealed record ErpAnswer(string? Model, decimal? OnHand, DateOnly? EarliestDate, DateTimeOffset? AsOf);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ERP attempt {Attempt} answered {Status}")]
    private static partial void LogFailedAttempt(ILogger logger, int attempt, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ERP attempt {Attempt} could not connect: {Message}")]
    private static partial void LogUnreachable(ILogger logger, int attempt, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ERP did not answer within {Seconds} s")]
    private static partial void LogTimeout(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "ERP refused the request with {Status}: check Erp:Token and Erp:BaseUrl")]
    private static partial void LogRejected(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "ERP answer does not follow docs/erp-contract.md: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ERP failed {Failures} times in a row: not asked for {Seconds} s")]
    private static partial void LogCircuitOpened(ILogger logger, int failures, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "ERP answers again: circuit closed")]
    private static partial void LogCircuitClosed(ILogger logger);
}
