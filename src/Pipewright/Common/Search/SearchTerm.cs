using System.Globalization;
using System.Text;

namespace Pipewright.Common.Search;

/// <summary>
/// One suffix of a searchable text (name, alias, code, contact name or phone digits) of a record.
/// A substring query becomes a prefix range over these rows, which an index answers without a scan.
/// </summary>
public sealed class SearchTerm
{
    public string Kind { get; set; } = "";
    public string Term { get; set; } = "";
    public Guid EntityId { get; set; }
}

public static class SearchIndex
{
    /// <summary>Longer suffixes are cut: a longer query matches on its first characters, then is checked on the record.</summary>
    public const int MaxTermLength = 16;

    /// <summary>The form in which texts are indexed and queries compared: NFKC, upper case, no spaces or dashes.</summary>
    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.DashPunctuation) continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Every suffix of every text, de-duplicated, each cut to <see cref="MaxTermLength"/>.</summary>
    public static IEnumerable<SearchTerm> Terms(string kind, Guid entityId, IEnumerable<string?> texts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var normalized = Normalize(text);
            for (var i = 0; i < normalized.Length; i++)
            {
                if (char.IsLowSurrogate(normalized[i])) continue;
                var suffix = normalized[i..];
                if (suffix.Length > MaxTermLength) suffix = suffix[..MaxTermLength];
                if (char.IsHighSurrogate(suffix[^1])) suffix = suffix[..^1];
                if (suffix.Length > 0 && seen.Add(suffix))
                    yield return new SearchTerm { Kind = kind, Term = suffix, EntityId = entityId };
            }
        }
    }

    /// <summary>Rows whose term starts with the (normalized) query: one range of the index on (Kind, Term, EntityId).</summary>
    public static IQueryable<SearchTerm> Rows(this IQueryable<SearchTerm> terms, string kind, string normalizedQuery)
    {
        var prefix = normalizedQuery.Length > MaxTermLength ? normalizedQuery[..MaxTermLength] : normalizedQuery;
        var upper = prefix + '\uffff';
        return terms.Where(t => t.Kind == kind && t.Term.CompareTo(prefix) >= 0 && t.Term.CompareTo(upper) < 0);
    }
}
