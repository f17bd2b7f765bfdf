using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Notifications.Channels;

namespace Pipewright.Notifications.Preferences;

public sealed record ChannelChoiceDto(string Channel, bool Enabled, bool Default, bool Available);

public sealed record KindPreferencesDto(string Kind, string Name, IReadOnlyList<ChannelChoiceDto> Channels);

/// <summary>A person's notification settings: which events reach them where, and their addresses.</summary>
public sealed record PreferencesDto(IReadOnlyList<KindPreferencesDto> Kinds, string Language, string? WeComUserId, string? Email, string? Mobile);

public sealed record ChoiceRequest
{
    [Required(ErrorMessage = "validation.required"), MaxLength(32, ErrorMessage = "validation.maxLength")] public string Kind { get; init; } = "";
    [Required(ErrorMessage = "validation.required"), MaxLength(32, ErrorMessage = "validation.maxLength")] public string Channel { get; init; } = "";
    public bool Enabled { get; init; }
}

public sealed record SavePreferencesRequest
{
    [MaxLength(200, ErrorMessage = "validation.maxItems")] public List<ChoiceRequest> Choices { get; init; } = [];

    /// <summary>zh-CN or en-US; unchanged when null.</summary>
    [MaxLength(8, ErrorMessage = "validation.maxLength")] public string? Language { get; init; }

    /// <summary>The person's WeCom member id; unchanged when null, removed when "".</summary>
    [MaxLength(64, ErrorMessage = "validation.maxLength")] public string? WeComUserId { get; init; }
}

public sealed class PreferencesHandler(IDbContextFactory<PipewrightDb> dbFactory, Strings l)
{
    public async Task<PreferencesDto> GetAsync(CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var enabled = await db.ChannelSettings.AsNoTracking().Where(c => c.Enabled).Select(c => c.Channel).ToListAsync(ct);
        var choices = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == user.Id).ToListAsync(ct);
        var profile = await db.NotificationProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == user.Id, ct);
        var me = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => new { u.Email, u.PhoneNumber }).SingleAsync(ct);
        var kinds = NotificationKinds.All.Select(k => new KindPreferencesDto(k.Key, l[k.NameKey],
            NotificationChannels.All.Select(c =>
            {
                var byDefault = k.DefaultChannels.Contains(c);
                var chosen = choices.FirstOrDefault(p => p.Kind == k.Key && p.Channel == c);
                return new ChannelChoiceDto(c, chosen?.Enabled ?? byDefault, byDefault, enabled.Contains(c));
            }).ToList())).ToList();
        return new PreferencesDto(kinds, profile?.Language ?? Strings.Chinese.Name, profile?.WeComUserId, me.Email, me.PhoneNumber);
    }

    public async Task<Outcome<PreferencesDto>> SaveAsync(SavePreferencesRequest request, CurrentUser user, CancellationToken ct)
    {
        for (var i = 0; i < request.Choices.Count; i++)
        {
            var choice = request.Choices[i];
            if (NotificationKinds.Find(choice.Kind) is null) return Failure.Invalid($"choices[{i}].kind", "preferences.unknownKind", choice.Kind);
            if (!NotificationChannels.IsKnown(choice.Channel)) return Failure.Invalid($"choices[{i}].channel", "preferences.unknownChannel", choice.Channel);
        }
        if (request.Language is { } language && Strings.Cultures.All(c => c.Name != language))
            return Failure.Invalid("language", "preferences.unknownLanguage", language);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var saved = await db.NotificationPreferences.Where(p => p.UserId == user.Id).ToListAsync(ct);
        foreach (var choice in request.Choices)
        {
            var row = saved.FirstOrDefault(p => p.Kind == choice.Kind && p.Channel == choice.Channel);
            if (row is null)
            {
                saved.Add(row = new NotificationPreference { UserId = user.Id, Kind = choice.Kind, Channel = choice.Channel });
                db.NotificationPreferences.Add(row);
            }
            row.Enabled = choice.Enabled;
        }
        if (request.Language is not null || request.WeComUserId is not null)
        {
            var profile = await db.NotificationProfiles.SingleOrDefaultAsync(p => p.UserId == user.Id, ct);
            if (profile is null) db.NotificationProfiles.Add(profile = new NotificationProfile { UserId = user.Id });
            if (request.Language is not null) profile.Language = request.Language;
            if (request.WeComUserId is not null) profile.WeComUserId = string.IsNullOrWhiteSpace(request.WeComUserId) ? null : request.WeComUserId.Trim();
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(user, ct);
    }
}
