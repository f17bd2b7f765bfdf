using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Notifications.Channels;
using Pipewright.Notifications.Preferences;

namespace Pipewright.Notifications.ChannelSettings;

/// <summary>A channel's settings as the administrator sees them: secrets only as "set" or not.</summary>
public sealed record ChannelSettingDto(string Channel, bool Enabled, string BaseAddress, string DefaultBaseAddress, int? Port,
    bool UseTls, string? Account, string? Sender, bool KeySet, bool SecretSet);

public sealed record SaveChannelRequest
{
    public bool Enabled { get; init; }

    [MaxLength(300, ErrorMessage = "validation.maxLength")] public string? BaseAddress { get; init; }
    [Range(1, 65535, ErrorMessage = "validation.range")] public int? Port { get; init; }
    public bool UseTls { get; init; }
    [MaxLength(200, ErrorMessage = "validation.maxLength")] public string? Account { get; init; }
    [MaxLength(200, ErrorMessage = "validation.maxLength")] public string? Sender { get; init; }

    /// <summary>null keeps the stored key; "" removes it.</summary>
    [MaxLength(500, ErrorMessage = "validation.maxLength")] public string? Key { get; init; }

    /// <summary>null keeps the stored secret; "" removes it.</summary>
    [MaxLength(500, ErrorMessage = "validation.maxLength")] public string? Secret { get; init; }
}

public sealed record TestChannelRequest
{
    /// <summary>Who gets the test: an e-mail address, a WeCom user id, or a mobile to mention; by default the administrator.</summary>
    [MaxLength(256, ErrorMessage = "validation.maxLength")] public string? Recipient { get; init; }
}

public sealed record TestChannelResult(bool Delivered, string Outcome, string Answer);

/// <summary>Reads channel settings for sending: the configured or default base address, secrets decrypted.</summary>
public sealed class ChannelSettingsStore(ChannelSecrets secrets, IOptions<NotificationOptions> options)
{
    public string DefaultBaseAddress(string channel) =>
        options.Value.BaseAddresses.TryGetValue(channel, out var address) ? address : "";

    public ChannelConfig ToConfig(ChannelSetting setting) => new(setting.Channel,
        string.IsNullOrWhiteSpace(setting.BaseAddress) ? DefaultBaseAddress(setting.Channel) : setting.BaseAddress.Trim(),
        setting.Port, setting.UseTls, setting.Account, setting.Sender,
        secrets.Unprotect(setting.ProtectedKey), secrets.Unprotect(setting.ProtectedSecret));

    public async Task<ChannelConfig?> EnabledConfigAsync(PipewrightDb db, string channel, CancellationToken ct) =>
        await db.ChannelSettings.AsNoTracking().SingleOrDefaultAsync(c => c.Channel == channel && c.Enabled, ct) is { } setting
            ? ToConfig(setting)
            : null;
}

/// <summary>Administrators set up the channels and try them with a test message that goes out at once.</summary>
public sealed class ChannelSettingsHandler(
    IDbContextFactory<PipewrightDb> dbFactory, ChannelSecrets secrets, ChannelSettingsStore store, TimeProvider clock,
    IEnumerable<INotificationChannel> channels, Common.Localization.Strings l)
{
    public async Task<IReadOnlyList<ChannelSettingDto>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var saved = await db.ChannelSettings.AsNoTracking().ToDictionaryAsync(c => c.Channel, ct);
        return NotificationChannels.All.Select(c => ToDto(saved.GetValueOrDefault(c) ?? new ChannelSetting { Channel = c })).ToList();
    }

    public async Task<Outcome<ChannelSettingDto>> SaveAsync(string channel, SaveChannelRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!NotificationChannels.IsKnown(channel)) return Failure.NotFound();
        if (!string.IsNullOrWhiteSpace(request.BaseAddress) && channel != NotificationChannels.Email
            && !(Uri.TryCreate(request.BaseAddress.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            return Failure.Invalid("baseAddress", "channels.invalidBaseAddress");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var setting = await db.ChannelSettings.SingleOrDefaultAsync(c => c.Channel == channel, ct);
        if (setting is null) db.ChannelSettings.Add(setting = new ChannelSetting { Channel = channel });
        setting.Enabled = request.Enabled;
        setting.BaseAddress = Blank(request.BaseAddress);
        setting.Port = request.Port;
        setting.UseTls = request.UseTls;
        setting.Account = Blank(request.Account);
        setting.Sender = Blank(request.Sender);
        if (request.Key is not null) setting.ProtectedKey = secrets.Protect(request.Key.Trim());
        if (request.Secret is not null) setting.ProtectedSecret = secrets.Protect(request.Secret.Trim());
        setting.UpdatedAt = clock.GetUtcNow();
        if (setting.Enabled && channels.Single(c => c.Channel == channel).Incomplete(store.ToConfig(setting)) is { } missing)
            return Failure.Rule(missing);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two administrators created the same channel's settings at once: the unique index kept one.
            return Failure.Concurrency();
        }
        return ToDto(setting);
    }

    /// <summary>Sends one message now, through the real channel, and says what the channel answered.</summary>
    public async Task<Outcome<TestChannelResult>> TestAsync(string channel, TestChannelRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!NotificationChannels.IsKnown(channel)) return Failure.NotFound();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var setting = await db.ChannelSettings.AsNoTracking().SingleOrDefaultAsync(c => c.Channel == channel, ct);
        if (setting is null) return Failure.Rule("channels.notConfigured");
        var config = store.ToConfig(setting);
        var sender = channels.Single(c => c.Channel == channel);
        if (sender.Incomplete(config) is { } missing) return Failure.Rule(missing);

        var me = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => new { u.Email, u.PhoneNumber }).SingleAsync(ct);
        var profile = await db.NotificationProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == user.Id, ct);
        var to = Blank(request.Recipient) ?? channel switch
        {
            NotificationChannels.Email => me.Email,
            NotificationChannels.WeComApp => profile?.WeComUserId,
            _ => Mentions.Mobile(me.PhoneNumber) ?? "",
        };
        if (to is null) return Failure.Invalid("to", "validation.required", l["field.to"].Value);

        var message = new OutgoingMessage(Guid.CreateVersion7(), to, l["channels.test.subject"], l["channels.test.body", user.DisplayName]);
        ChannelAnswer answer;
        try
        {
            answer = await sender.SendAsync(config, message, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The administrator wants to see why, whatever broke: the answer is shown, not a 500.
            answer = ChannelAnswer.Of(AnswerKind.Transient, $"{e.GetType().Name}: {e.Message}");
        }
        return new TestChannelResult(answer.Kind == AnswerKind.Delivered, answer.Kind.ToString().ToLowerInvariant(), answer.Text);
    }

    private ChannelSettingDto ToDto(ChannelSetting s) => new(s.Channel, s.Enabled,
        s.BaseAddress ?? store.DefaultBaseAddress(s.Channel), store.DefaultBaseAddress(s.Channel), s.Port, s.UseTls, s.Account, s.Sender,
        s.ProtectedKey is not null, s.ProtectedSecret is not null);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
