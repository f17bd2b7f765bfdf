namespace Pipewright.Notifications;

/// <summary>The external channels a notification can also go out on; in-app is always on and not listed.</summary>
public static class NotificationChannels
{
    public const string WeComRobot = "wecom-robot";
    public const string WeComApp = "wecom-app";
    public const string DingTalkRobot = "dingtalk-robot";
    public const string FeishuBot = "feishu-bot";
    public const string Email = "email";

    public static readonly IReadOnlyList<string> All = [WeComApp, Email, WeComRobot, DingTalkRobot, FeishuBot];

    /// <summary>Group robots post into one company chat; the others reach one person.</summary>
    public static bool IsRobot(string channel) => channel is WeComRobot or DingTalkRobot or FeishuBot;

    public static bool IsKnown(string channel) => All.Contains(channel, StringComparer.Ordinal);
}

/// <summary>One kind of event people are told about, with the channels it goes to unless a person says otherwise.</summary>
public sealed record NotificationKind(string Key, IReadOnlyList<string> DefaultChannels)
{
    public string NameKey => "notifications.kind." + Key;
}

/// <summary>
/// The events a person can be notified of. A kind not listed here (a module's private one) goes to the app only.
/// Defaults: what needs someone's action soon goes to them personally (WeCom app message and e-mail); what a whole
/// team may act on (a customer back in the pool, a quote conflict, an approval decided) also goes to the group robots.
/// </summary>
public static class NotificationKinds
{
    private static readonly string[] Personal = [NotificationChannels.WeComApp, NotificationChannels.Email];
    private static readonly string[] PersonalAndGroup = [NotificationChannels.WeComApp, NotificationChannels.Email, NotificationChannels.WeComRobot, NotificationChannels.DingTalkRobot, NotificationChannels.FeishuBot];

    public static readonly IReadOnlyList<NotificationKind> All =
    [
        new("task-assigned", Personal),
        new("task-due-soon", Personal),
        new("task-overdue", Personal),
        new("approval-needed", Personal),
        new("approval-decided", PersonalAndGroup),
        new("lead-assigned", Personal),
        new("pool-warning", Personal),
        new("pool-returned", PersonalAndGroup),
        new("pool.released", [NotificationChannels.WeComApp]),
        new("handover", Personal),
        new("quote-conflict", PersonalAndGroup),
        new("report-weekly", Personal),
    ];

    public static NotificationKind? Find(string key) => All.FirstOrDefault(k => k.Key == key);
}
