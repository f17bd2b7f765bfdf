using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pipewright.Common.Data;

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

    /// <summary>
    /// How many characters (code points) this term shares at its start with the record's term just before it in
    /// code-point order; 0 for the first. Of one record's terms that start with a query, exactly one shares fewer
    /// characters than the query has (the first of them: they sort together), so counting the rows of a prefix
    /// range with a smaller value counts records, from the index alone (<see cref="SearchIndex.Records"/>).
    /// </summary>
    public int SharedPrefix { get; set; }
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

    /// <summary>
    /// Every suffix of every text, de-duplicated, each cut to <see cref="MaxTermLength"/>, in the database's order
    /// (<see cref="CodePointOrder"/>) with its <see cref="SearchTerm.SharedPrefix"/>.
    /// </summary>
    public static IEnumerable<SearchTerm> Terms(string kind, Guid entityId, IEnumerable<string?> texts)
    {
        var suffixes = new SortedSet<string>(CodePointOrder);
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var normalized = Normalize(text);
            for (var i = 0; i < normalized.Length; i++)
            {
                if (char.IsLowSurrogate(normalized[i])) continue;
                var suffix = Cut(normalized[i..]);
                if (suffix.Length > 0) suffixes.Add(suffix);
            }
        }
        var previous = "";
        foreach (var suffix in suffixes)
        {
            yield return new SearchTerm { Kind = kind, Term = suffix, EntityId = entityId, SharedPrefix = SharedCharacters(previous, suffix) };
            previous = suffix;
        }
    }

    /// <summary>Rows whose term starts with the (normalized) query: one range of the index on (Kind, Term, …).</summary>
    public static IQueryable<SearchTerm> Rows(this IQueryable<SearchTerm> terms, string kind, string normalizedQuery)
    {
        var (prefix, upper, _) = RangeOf(normalizedQuery);
        return terms.Where(t => t.Kind == kind && t.Term.CompareTo(prefix) >= 0 && t.Term.CompareTo(upper) < 0);
    }

    /// <summary>
    /// One row for each record with a term that starts with the query: the first such term of the record, the
    /// only one that shares fewer characters with its predecessor than the query has.
    /// </summary>
    public static IQueryable<SearchTerm> Records(this IQueryable<SearchTerm> terms, string kind, string normalizedQuery)
    {
        var length = RangeOf(normalizedQuery).Length;
        return terms.Rows(kind, normalizedQuery).Where(t => t.SharedPrefix < length);
    }

    /// <summary>
    /// What <see cref="Records"/> compares, for a statement that takes it as parameters: terms from
    /// <c>Prefix</c> up to (not including) <c>Upper</c>, and <c>SharedPrefix</c> below <c>Length</c>.
    /// </summary>
    public static RecordRange RangeOf(string normalizedQuery)
    {
        var prefix = Cut(normalizedQuery);
        return new RecordRange(prefix, prefix + Last, Characters.Count(prefix));
    }

    /// <summary>
    /// How many records <see cref="Records"/> finds, up to <paramref name="limit"/> when given: the same statement as
    /// <c>Records(…).CountAsync()</c>, sent as plain SQL on the context's connection. Through LINQ it cost four times
    /// the CPU (the query's parameters taken apart and looked up on every call): a tenth of a narrow search.
    /// </summary>
    public static async Task<int> CountRecordsAsync(this PipewrightDb db, string kind, string normalizedQuery, int? limit,
        CancellationToken ct)
    {
        var range = RangeOf(normalizedQuery);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var rows = """SELECT 1 FROM "SearchTerms" WHERE "Kind" = @kind AND "Term" >= @prefix AND "Term" < @upper AND "SharedPrefix" < @length""";
            command.CommandText = limit is null ? $"SELECT COUNT(*) FROM ({rows}) AS r" : $"SELECT COUNT(*) FROM ({rows} LIMIT @limit) AS r";
            Add(command, "kind", kind);
            Add(command, "prefix", range.Prefix);
            Add(command, "upper", range.Upper);
            Add(command, "length", range.Length);
            if (limit is { } n) Add(command, "limit", n);
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>The last character (U+10FFFF): every term that starts with a prefix sorts below prefix + Last.</summary>
    private static readonly string Last = char.ConvertFromUtf32(0x10FFFF);

    /// <summary>
    /// The order of SQLite's BINARY and PostgreSQL's "C" collation: by code point (UTF-8 byte order). Ordinal
    /// UTF-16 order differs where surrogates meet U+E000…U+FFFF. In this order the values agree with the ones the
    /// migration computed in SQL, and an import appends a record's rows in the table's key order.
    /// </summary>
    public static readonly IComparer<string> CodePointOrder = Comparer<string>.Create(static (a, b) =>
    {
        var length = a.AsSpan().CommonPrefixLength(b);
        if (length == a.Length || length == b.Length) return a.Length.CompareTo(b.Length);
        return Weight(a[length]).CompareTo(Weight(b[length]));
        // Surrogates (code points above U+FFFF) move above U+E000…U+FFFF.
        static int Weight(char c) => c >= '\ue000' ? c - 0x800 : char.IsSurrogate(c) ? c + 0x2000 : c;
    });

    /// <summary>A term or query cut to <see cref="MaxTermLength"/>, never in the middle of a character.</summary>
    private static string Cut(string text)
    {
        var cut = text.Length > MaxTermLength ? text[..MaxTermLength] : text;
        return cut.Length > 0 && char.IsHighSurrogate(cut[^1]) ? cut[..^1] : cut;
    }

    /// <summary>
    /// The whole characters both start with. Counted in code points, as SQL's substr counts them, so that the
    /// migration that filled the column for existing rows agrees with this.
    /// </summary>
    private static int SharedCharacters(string a, string b)
    {
        var length = a.AsSpan().CommonPrefixLength(b);
        if (length > 0 && char.IsHighSurrogate(b[length - 1])) length--;
        return Characters.Count(b.AsSpan(0, length));
    }
}

/// <summary>The search rows of the records that match a query: see <see cref="SearchIndex.RangeOf"/>.</summary>
public readonly record struct RecordRange(string Prefix, string Upper, int Length);
