using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Pipewright.Common.Localization;

/// <summary>
/// Every user-visible string of Pipewright, from Strings/zh-CN.json (the default) and Strings/en-US.json.
/// One flat file per language keeps translations reviewable side by side; a test keeps their keys equal.
/// </summary>
public sealed class Strings : IStringLocalizer
{
    public static readonly CultureInfo Chinese = new("zh-CN");
    public static readonly CultureInfo English = new("en-US");
    public static readonly IReadOnlyList<CultureInfo> Cultures = [Chinese, English];

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Tables =
        Cultures.ToFrozenDictionary(c => c.Name, c => Load(c.Name));

    public static IReadOnlyDictionary<string, string> Table(string culture) => Tables[culture];

    private static FrozenDictionary<string, string> Load(string culture)
    {
        using var stream = typeof(Strings).Assembly.GetManifestResourceStream(
            $"Pipewright.Common.Localization.Strings.{culture}.json")
            ?? throw new InvalidOperationException($"Missing strings for {culture}.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!.ToFrozenDictionary();
    }

    private static FrozenDictionary<string, string> Current =>
        Tables.TryGetValue(CultureInfo.CurrentUICulture.Name, out var table)
            ? table
            : CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? Tables[English.Name] : Tables[Chinese.Name];

    public LocalizedString this[string name] =>
        Current.TryGetValue(name, out var value) ? new(name, value) : new(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        this[name] is { ResourceNotFound: false } found
            ? new(name, string.Format(CultureInfo.CurrentCulture, found.Value, arguments))
            : new(name, name, resourceNotFound: true);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Current.Select(kv => new LocalizedString(kv.Key, kv.Value));
}
