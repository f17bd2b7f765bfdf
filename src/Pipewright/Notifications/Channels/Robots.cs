using System.Text.Json.Nodes;

namespace Pipewright.Notifications.Channels;

/// <summary>WeCom group robot: a text message that mentions the person by mobile.</summary>
public sealed class WeComRobot(IHttpClientFactory http) : INotificationChannel
{
    private static readonly int[] TooFast = [45009];
    public string Channel => NotificationChannels.WeComRobot;

    public string? Incomplete(ChannelConfig config) => config.Key is null ? "channels.missing.webhookKey" : null;

    public static JsonObject Payload(OutgoingMessage message)
    {
        var text = new JsonObject { ["content"] = ChannelHttp.Truncate($"{message.Subject}\n{message.Body}", 2048) };
        if (message.Recipient.Length > 0) text["mentioned_mobile_list"] = new JsonArray(message.Recipient);
        return new JsonObject { ["msgtype"] = "text", ["text"] = text };
    }

    public async Task<ChannelAnswer> SendAsync(ChannelConfig config, OutgoingMessage message, CancellationToken ct)
    {
        var url = $"{ChannelHttp.Trimmed(config.BaseAddress)}/cgi-bin/webhook/send?key={Uri.EscapeDataString(config.Key!)}";
        var (status, body) = await ChannelHttp.PostJsonAsync(http.CreateClient(NotificationsModule.HttpClient), url, Payload(message), ct);
        return ChannelHttp.Classify(status, body, TooFast, "errcode");
    }
}

/// <summary>DingTalk group robot with the "加签" security setting: every call signed with the robot's secret.</summary>
public sealed class DingTalkRobot(IHttpClientFactory http, TimeProvider clock) : INotificationChannel
{
    private static readonly int[] TooFast = [130101];
    public string Channel => NotificationChannels.DingTalkRobot;

    public string? Incomplete(ChannelConfig config) => config.Key is null ? "channels.missing.accessToken" : null;

    public static JsonObject Payload(OutgoingMessage message)
    {
        var at = new JsonObject { ["atMobiles"] = message.Recipient.Length > 0 ? new JsonArray(message.Recipient) : new JsonArray(), ["isAtAll"] = false };
        return new JsonObject
        {
            ["msgtype"] = "text",
            ["text"] = new JsonObject { ["content"] = ChannelHttp.Truncate($"{message.Subject}\n{message.Body}", 4000) },
            ["at"] = at,
        };
    }

    public async Task<ChannelAnswer> SendAsync(ChannelConfig config, OutgoingMessage message, CancellationToken ct)
    {
        var url = $"{ChannelHttp.Trimmed(config.BaseAddress)}/robot/send?access_token={Uri.EscapeDataString(config.Key!)}";
        if (config.Secret is { } secret)
        {
            var timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds();
            url += $"&timestamp={timestamp}&sign={Uri.EscapeDataString(Signatures.DingTalk(secret, timestamp))}";
        }
        var (status, body) = await ChannelHttp.PostJsonAsync(http.CreateClient(NotificationsModule.HttpClient), url, Payload(message), ct);
        return ChannelHttp.Classify(status, body, TooFast, "errcode");
    }
}

/// <summary>Feishu (Lark) custom bot with signature verification on.</summary>
public sealed class FeishuBot(IHttpClientFactory http, TimeProvider clock) : INotificationChannel
{
    // 9499: too many requests; 11232: the bot's frequency limit.
    private static readonly int[] TooFast = [9499, 11232];
    public string Channel => NotificationChannels.FeishuBot;

    public string? Incomplete(ChannelConfig config) => config.Key is null ? "channels.missing.hookId" : null;

    public static JsonObject Payload(OutgoingMessage message, string? secret, long timestampSeconds)
    {
        var payload = new JsonObject
        {
            ["msg_type"] = "text",
            ["content"] = new JsonObject { ["text"] = ChannelHttp.Truncate($"{message.Subject}\n{message.Body}", 4000) },
        };
        if (secret is not null)
        {
            payload["timestamp"] = timestampSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            payload["sign"] = Signatures.Feishu(secret, timestampSeconds);
        }
        return payload;
    }

    public async Task<ChannelAnswer> SendAsync(ChannelConfig config, OutgoingMessage message, CancellationToken ct)
    {
        var url = $"{ChannelHttp.Trimmed(config.BaseAddress)}/open-apis/bot/v2/hook/{Uri.EscapeDataString(config.Key!)}";
        var payload = Payload(message, config.Secret, clock.GetUtcNow().ToUnixTimeSeconds());
        var (status, body) = await ChannelHttp.PostJsonAsync(http.CreateClient(NotificationsModule.HttpClient), url, payload, ct);
        return ChannelHttp.Classify(status, body, TooFast, "code", "StatusCode");
    }
}
