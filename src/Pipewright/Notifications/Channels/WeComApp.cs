using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pipewright.Notifications.Channels;

/// <summary>
/// WeCom application message to one member (企业微信应用消息). Needs an access token from gettoken, valid 7200 s:
/// cached until shortly before it expires, and fetched again when WeCom says it is invalid (40014) or expired (42001).
/// </summary>
public sealed class WeComApp(IHttpClientFactory http, TimeProvider clock) : INotificationChannel
{
    private static readonly int[] TooFast = [45009];
    private static readonly int[] TokenRejected = [40014, 42001];
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ExpiresAt)> _tokens = new();

    public string Channel => NotificationChannels.WeComApp;

    public string? Incomplete(ChannelConfig config) =>
        config.Account is null ? "channels.missing.corpId"
        : !int.TryParse(config.Sender, out _) ? "channels.missing.agentId"
        : config.Secret is null ? "channels.missing.corpSecret"
        : null;

    public static JsonObject Payload(OutgoingMessage message, int agentId) => new()
    {
        ["touser"] = message.Recipient,
        ["msgtype"] = "text",
        ["agentid"] = agentId,
        ["text"] = new JsonObject { ["content"] = ChannelHttp.Truncate($"{message.Subject}\n{message.Body}", 2048) },
        // WeCom drops an identical message to the same person within the interval: a resend after a crash between
        // sending and recording the answer does not reach the person twice.
        ["enable_duplicate_check"] = 1,
        ["duplicate_check_interval"] = 1800,
    };

    public async Task<ChannelAnswer> SendAsync(ChannelConfig config, OutgoingMessage message, CancellationToken ct)
    {
        var client = http.CreateClient(NotificationsModule.HttpClient);
        var payload = Payload(message, int.Parse(config.Sender!, System.Globalization.CultureInfo.InvariantCulture));
        for (var attempt = 0; ; attempt++)
        {
            var (token, failure) = await TokenAsync(client, config, ct);
            if (failure is not null) return failure;
            var url = $"{ChannelHttp.Trimmed(config.BaseAddress)}/cgi-bin/message/send?access_token={Uri.EscapeDataString(token!)}";
            var (status, body) = await ChannelHttp.PostJsonAsync(client, url, payload, ct);
            if (attempt == 0 && ChannelHttp.Code(body, "errcode") is { } code && TokenRejected.Contains(code))
            {
                _tokens.TryRemove(CacheKey(config), out _);
                continue;
            }
            var answer = ChannelHttp.Classify(status, body, TooFast, "errcode");
            // errcode 0 with the member listed as invalid: WeCom accepted the call but reached nobody.
            if (answer.Kind == AnswerKind.Delivered && JsonNode.Parse(body)?["invaliduser"]?.GetValue<string>() is { Length: > 0 })
                return ChannelAnswer.Of(AnswerKind.Permanent, answer.Text);
            return answer;
        }
    }

    private async Task<(string? Token, ChannelAnswer? Failure)> TokenAsync(HttpClient client, ChannelConfig config, CancellationToken ct)
    {
        var key = CacheKey(config);
        var now = clock.GetUtcNow();
        if (_tokens.TryGetValue(key, out var cached) && cached.ExpiresAt > now) return (cached.Token, null);

        var url = $"{ChannelHttp.Trimmed(config.BaseAddress)}/cgi-bin/gettoken?corpid={Uri.EscapeDataString(config.Account!)}&corpsecret={Uri.EscapeDataString(config.Secret!)}";
        using var response = await client.GetAsync(url, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var answer = ChannelHttp.Classify(response.StatusCode, body, TooFast, "errcode");
        if (answer.Kind != AnswerKind.Delivered) return (null, ChannelAnswer.Of(answer.Kind, "gettoken: " + answer.Text));
        var json = JsonNode.Parse(body)!;
        var token = json["access_token"]!.GetValue<string>();
        var lifetime = json["expires_in"]?.GetValue<int>() ?? 7200;
        // Renew five minutes early so that a token never expires between reading it here and WeCom checking it.
        _tokens[key] = (token, now.AddSeconds(Math.Max(lifetime - 300, 60)));
        return (token, null);
    }

    private static string CacheKey(ChannelConfig config) =>
        $"{config.BaseAddress}|{config.Account}|{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(config.Secret ?? "")))}";
}
