using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipewright.Notifications.Channels;

public enum AnswerKind
{
    Delivered,

    /// <summary>The channel asks us to slow down: try again later, without counting it as a failed attempt.</summary>
    RateLimited,

    /// <summary>Down, timed out, busy: try again with backoff.</summary>
    Transient,

    /// <summary>A wrong key, an unknown recipient: trying again will not help until someone fixes it.</summary>
    Permanent,
}

/// <summary>What a channel answered, kept on the outbox row for the administrator.</summary>
public sealed record ChannelAnswer(AnswerKind Kind, string Text)
{
    public const int MaxLength = 1000;

    public static ChannelAnswer Of(AnswerKind kind, string text) => new(kind, text.Length > MaxLength ? text[..MaxLength] : text);
}

public sealed record OutgoingMessage(Guid Id, string Recipient, string Subject, string Body);

/// <summary>One way out of Pipewright: a robot webhook, an app message, e-mail.</summary>
public interface INotificationChannel
{
    string Channel { get; }

    /// <summary>Says why the settings cannot send yet (a missing key …), as a string key; null when complete.</summary>
    string? Incomplete(ChannelConfig config);

    Task<ChannelAnswer> SendAsync(ChannelConfig config, OutgoingMessage message, CancellationToken ct);
}

/// <summary>What the robots and the WeCom API have in common: JSON over HTTPS answered with an error code.</summary>
internal static class ChannelHttp
{
    // Chinese as UTF-8, not \uXXXX escapes: what the channels' own examples send, and what their byte limits count.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<(HttpStatusCode Status, string Body)> PostJsonAsync(HttpClient http, string url, JsonObject payload, CancellationToken ct)
    {
        using var content = new StringContent(payload.ToJsonString(Json), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(url, content, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>
    /// HTTP 429 and the channel's own "too fast" codes slow down; 5xx and the "system busy" code -1 retry;
    /// any other error code is permanent (bad key, bad signature, unknown user).
    /// </summary>
    public static ChannelAnswer Classify(HttpStatusCode status, string body, IReadOnlyCollection<int> rateLimitedCodes, params string[] codeFields)
    {
        var text = $"HTTP {(int)status} {body}";
        if (status == HttpStatusCode.TooManyRequests) return ChannelAnswer.Of(AnswerKind.RateLimited, text);
        if ((int)status >= 500) return ChannelAnswer.Of(AnswerKind.Transient, text);
        if ((int)status is < 200 or >= 300) return ChannelAnswer.Of(AnswerKind.Permanent, text);
        var code = Code(body, codeFields);
        return code switch
        {
            0 => ChannelAnswer.Of(AnswerKind.Delivered, text),
            null or -1 => ChannelAnswer.Of(AnswerKind.Transient, text),
            _ when rateLimitedCodes.Contains(code.Value) => ChannelAnswer.Of(AnswerKind.RateLimited, text),
            _ => ChannelAnswer.Of(AnswerKind.Permanent, text),
        };
    }

    public static int? Code(string body, params string[] codeFields)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject json) return null;
            foreach (var field in codeFields)
                if (json[field] is JsonValue value && value.TryGetValue<int>(out var code)) return code;
            return null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Cuts text to a channel's byte limit without splitting a character.</summary>
    public static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var builder = new StringBuilder();
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes - 3) break;
            builder.Append(rune.ToString());
            bytes += rune.Utf8SequenceLength;
        }
        return builder.Append('…').ToString();
    }

    public static string Trimmed(string baseAddress) => baseAddress.TrimEnd('/');
}

/// <summary>Mobiles as the robots' mention lists want them: 11 digits, without +86.</summary>
public static class Mentions
{
    public static string? Mobile(string? e164) =>
        e164 is null ? null : e164.StartsWith("+86", StringComparison.Ordinal) ? e164[3..] : e164;
}
