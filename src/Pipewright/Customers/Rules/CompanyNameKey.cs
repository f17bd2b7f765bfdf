using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Pipewright.Common;

namespace Pipewright.Customers.Rules;

/// <summary>
/// A key under which the ways people write one firm's name meet: 宁波恒达机械有限公司,
/// 恒达机械（宁波）有限公司 and 恒达机械 all give 恒达机械. It also merges firms that
/// are legally distinct (宁波恒达机械 and 杭州恒达机械), so it may only ever back a
/// duplicate warning, never a hard block.
/// </summary>
public static partial class CompanyNameKey
{
    // Below this the key would stop telling firms apart at all, so no stripping
    // step may go further: 宁波有限公司 keys as 宁波, not as nothing.
    private const int MinimumLength = 2;

    // Qualifiers that say where or how a firm is organised rather than which
    // firm it is, when written in brackets: 恒达机械（中国）有限公司,
    // 恒达（集团）股份有限公司, XX投资合伙企业（有限合伙）.
    private static readonly HashSet<string> BracketedQualifiers = new(StringComparer.Ordinal)
    {
        "集团", "中国", "有限合伙", "普通合伙", "特殊普通合伙",
    };

    // Longest first, so that 集团股份有限公司 wins over 股份有限公司 and 有限公司.
    // 公司 and 股份 alone are included because state-owned firms and people
    // writing informally use them (恒达机械公司, 恒达股份). 厂, 店, 中心 are not
    // legal forms: they say what the firm is, and 恒达机械厂 and 恒达机械有限公司
    // may well be two firms.
    private static readonly string[] LegalForms = new[]
    {
        "集团股份有限公司", "集团有限责任公司", "集团有限公司", "股份有限公司",
        "有限责任公司", "股份合作公司", "有限公司", "股份公司", "个人独资企业",
        "合伙企业", "公司", "股份",
    }.OrderByDescending(form => form.Length).ToArray();

    private const string Group = "集团";

    /// <summary>
    /// The duplicate-warning key of a company name: letters and digits only,
    /// ASCII in lower case. Empty only when the name has no letter or digit at all.
    /// </summary>
    public static string Compute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        var compatible = name.Normalize(NormalizationForm.FormKC);

        var key = LettersAndDigits(DropBracketedQualifiers(compatible));
        if (Characters.Count(key) < MinimumLength)
        {
            // The qualifier was all there was to the name ("(宁波)"): keep it.
            key = LettersAndDigits(compatible);
        }

        key = StripLongestSuffix(key, LegalForms);
        key = StripSuffix(key, Group);
        return StripLeadingRegions(key);
    }

    private static string DropBracketedQualifiers(string name) =>
        BracketedPart().Replace(name, match =>
        {
            var inner = LettersAndDigits(match.Groups["inner"].Value);
            return BracketedQualifiers.Contains(inner) || ChineseRegions.All.Contains(inner)
                ? string.Empty
                : match.Value;
        });

    // After NFKC full-width （）［］ are ASCII; 【】〔〕〖〗 have no compatibility
    // mapping and stay as they are.
    [GeneratedRegex(@"[(\[【〔〖](?<inner>[^()\[\]【】〔〕〖〗]*)[)\]】〕〗]")]
    private static partial Regex BracketedPart();

    private static string LettersAndDigits(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.DecimalDigitNumber:
                // 〇 is a letter number and is used in Chinese numerals.
                case UnicodeCategory.LetterNumber:
                    builder.Append(Rune.ToLowerInvariant(rune).ToString());
                    break;
            }
        }

        return builder.ToString();
    }

    private static string StripLongestSuffix(string key, string[] suffixesLongestFirst)
    {
        foreach (var suffix in suffixesLongestFirst)
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal))
            {
                return StripSuffix(key, suffix);
            }
        }

        return key;
    }

    private static string StripSuffix(string key, string suffix)
    {
        if (!key.EndsWith(suffix, StringComparison.Ordinal))
        {
            return key;
        }

        var rest = key[..^suffix.Length];
        return Characters.Count(rest) >= MinimumLength ? rest : key;
    }

    // 浙江省宁波市鄞州区恒达机械 carries three of them, so strip until none is left.
    // Only the longest matching name is tried: falling back to a shorter one
    // when the longest leaves too little would cut 浙江省机 to 省机.
    private static string StripLeadingRegions(string key)
    {
        while (LongestLeadingRegion(key) is { } region
            && Characters.Count(key.AsSpan(region.Length)) >= MinimumLength)
        {
            key = key[region.Length..];
        }

        return key;
    }

    private static string? LongestLeadingRegion(string key)
    {
        foreach (var region in ChineseRegions.LongestFirst)
        {
            if (key.StartsWith(region, StringComparison.Ordinal))
            {
                return region;
            }
        }

        return null;
    }
}
