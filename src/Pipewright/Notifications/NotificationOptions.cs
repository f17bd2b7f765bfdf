using System.ComponentModel.DataAnnotations;

namespace Pipewright.Notifications;

/// <summary>Notifications:* — how the outbox is delivered and where the channels are by default.</summary>
public sealed class NotificationOptions
{
    public bool DeliveryEnabled { get; set; } = true;
    [Range(1, 3600)] public int DeliveryIntervalSeconds { get; set; } = 10;

    /// <summary>Calls that failed with a retryable answer before a message is marked failed (rate-limit answers do not count).</summary>
    [Range(1, 50)] public int MaxAttempts { get; set; } = 8;
    [Range(1, 86400)] public int FirstRetrySeconds { get; set; } = 30;
    [Range(1, 86400)] public int MaxRetrySeconds { get; set; } = 3600;

    /// <summary>How long a claimed message is someone's; a node that dies while sending gives it back after this.</summary>
    [Range(10, 3600)] public int LeaseSeconds { get; set; } = 120;
    [Range(1, 1000)] public int BatchSize { get; set; } = 50;

    /// <summary>Delivered messages are kept this long for the delivery log, then deleted (the in-app notification stays).</summary>
    [Range(1, 3650)] public int KeepDeliveredDays { get; set; } = 30;

    /// <summary>Messages per minute per channel: the robots allow 20 per robot, Feishu 100.</summary>
    public Dictionary<string, int> PerMinute { get; set; } = new()
    {
        [NotificationChannels.WeComRobot] = 20,
        [NotificationChannels.DingTalkRobot] = 20,
        [NotificationChannels.FeishuBot] = 100,
        [NotificationChannels.WeComApp] = 300,
        [NotificationChannels.Email] = 60,
    };

    /// <summary>Public addresses of the channels; a channel setting's own base address overrides them.</summary>
    public Dictionary<string, string> BaseAddresses { get; set; } = new()
    {
        [NotificationChannels.WeComRobot] = "https://qyapi.weixin.qq.com",
        [NotificationChannels.WeComApp] = "https://qyapi.weixin.qq.com",
        [NotificationChannels.DingTalkRobot] = "https://oapi.dingtalk.com",
        [NotificationChannels.FeishuBot] = "https://open.feishu.cn",
        [NotificationChannels.Email] = "",
    };

    public int LimitFor(string channel) => PerMinute.TryGetValue(channel, out var limit) ? limit : 60;
}
