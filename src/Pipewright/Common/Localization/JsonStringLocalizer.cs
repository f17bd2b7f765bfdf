using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Pipewright.Common.Localization;

/// <summary>
/// Every user-visible string of Pipewright, from Strings/zh-CN.json (the default) and Strings/en-US.json,
/// plus one pair per business area (Strings/leads.zh-CN.json …) so that areas are translated side by side
/// without everyone editing one file. Flat keys; a key defined twice is a start-up error; a test keeps
/// the languages' keys equal.
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
        const string folder = "Pipewright.Common.Localization.Strings.";
        var assembly = typeof(Strings).Assembly;
        var resources = assembly.GetManifestResourceNames()
            .Where(n => n == $"{folder}{culture}.json" || (n.StartsWith(folder, StringComparison.Ordinal) && n.EndsWith($".{culture}.json", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (resources.Count == 0) throw new InvalidOperationException($"Missing strings for {culture}.");
        var table = new Dictionary<string, string>();
        foreach (var resource in resources)
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!)
                if (!table.TryAdd(key, value))
                    throw new InvalidOperationException($"String {key} is defined twice for {culture} ({resource}).");
        }
        return table.ToFrozenDictionary();
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
