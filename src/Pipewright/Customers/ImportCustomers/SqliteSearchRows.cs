using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pipewright.Common.Data;
using Pipewright.Common.Search;

namespace Pipewright.Customers.ImportCustomers;

/// <summary>
/// The search rows of an import into SQLite, written at the end in one sorted pass. A big import has millions of
/// them; written batch by batch, each batch lands all over the primary key (Kind, Term, EntityId), so every batch
/// rewrites most of that index's pages. What they are cut from is appended to a temporary table instead (no
/// index, in a temporary file: bounded memory), then the rows go over once in key order. When the import brings
/// more rows than the table holds, the other indexes of the table are dropped for that move and built again from
/// sorted data, which is cheaper than inserting into them out of order; a small import into a large table keeps them.
/// Everything happens in the import's transaction: a cancelled or failed import leaves the indexes as they were.
/// </summary>
internal sealed class SqliteSearchRows(PipewrightDb db)
{
    private const string Staged = "\"ImportSearchTerms\"";
    private static readonly JsonWriterOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    // The rows the staged texts will give, before a record's repeated suffixes are dropped.
    private long _count;

    /// <summary>
    /// Stages a batch's searchable texts, normalised, as one JSON parameter that SQLite's json_each splits into
    /// rows: Microsoft.Data.Sqlite looks every parameter up by name when it binds. A text is staged whole, and
    /// SQLite cuts its suffixes when the rows are moved (a customer has ~7 texts and ~48 suffixes). SQLite counts
    /// characters where <see cref="SearchIndex.Terms"/> counts UTF-16 units, so a text with a character outside
    /// the BMP is cut here instead, and its terms staged as they are.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<Customer> customers, CancellationToken ct)
    {
        if (customers.Count == 0) return;
        if (_count == 0)
            await db.Database.ExecuteSqlRawAsync(
                $"CREATE TEMP TABLE {Staged} (\"Kind\" TEXT NOT NULL, \"Text\" TEXT NOT NULL, \"EntityId\" TEXT NOT NULL, \"Cut\" INTEGER NOT NULL)", ct);
        var buffer = new ArrayBufferWriter<byte>(customers.Count * 512);
        await using (var json = new Utf8JsonWriter(buffer, Unescaped))
        {
            json.WriteStartArray();
            foreach (var customer in customers)
            {
                // As the EF SQLite provider stores a Guid: text, upper case, with dashes.
                var id = customer.Id.ToString("D").ToUpperInvariant();
                foreach (var text in CustomerQueries.SearchTexts(customer))
                {
                    if (string.IsNullOrWhiteSpace(text)) continue;
                    var normalized = SearchIndex.Normalize(text);
                    if (!normalized.Any(char.IsSurrogate))
                    {
                        Row(json, id, normalized, cut: true);
                        _count += normalized.Length;
                        continue;
                    }
                    foreach (var term in SearchIndex.Terms(CustomerQueries.SearchKind, customer.Id, [text]))
                    {
                        Row(json, id, term.Term, cut: false);
                        _count++;
                    }
                }
            }
            json.WriteEndArray();
        }
        var rows = new SqliteParameter("@rows", Encoding.UTF8.GetString(buffer.WrittenSpan));
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO temp.{Staged} (\"Kind\", \"Text\", \"EntityId\", \"Cut\") SELECT '{CustomerQueries.SearchKind}', value ->> 0, value ->> 1, value ->> 2 FROM json_each(@rows)",
            [rows], ct);
    }

    private static void Row(Utf8JsonWriter json, string id, string text, bool cut)
    {
        json.WriteStartArray();
        json.WriteStringValue(text);
        json.WriteStringValue(id);
        json.WriteNumberValue(cut ? 1 : 0);
        json.WriteEndArray();
    }

    // Every suffix of a staged text, cut to MaxTermLength, and the texts staged as terms; in primary key order.
    // A record's texts share suffixes (its name and an alias, a mobile in two contacts): OR IGNORE drops the
    // repeats, as SearchIndex.Terms does; no other row can conflict, the records are new.
    private static readonly string Move = $"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT max(length("Text")) FROM temp.{Staged}))
        INSERT OR IGNORE INTO "SearchTerms" ("Kind", "Term", "EntityId")
        SELECT "Kind", substr("Text", n.i, {SearchIndex.MaxTermLength}), "EntityId" FROM temp.{Staged} JOIN n ON n.i <= length("Text") WHERE "Cut"
        UNION ALL
        SELECT "Kind", "Text", "EntityId" FROM temp.{Staged} WHERE NOT "Cut"
        ORDER BY 1, 2, 3
        """;

    /// <summary>Moves the staged rows into the search table, in primary key order, and drops the staging table.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        if (_count == 0) return;
        var existing = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM \"SearchTerms\"").SingleAsync(ct);
        // The secondary indexes as the migrations made them (sqlite_master keeps their DDL; the primary key's
        // automatic index has none and stays).
        var indexes = _count > existing ? await SecondaryIndexesAsync(ct) : [];
        foreach (var (name, _) in indexes)
        {
            var drop = "DROP INDEX \"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await db.Database.ExecuteSqlRawAsync(drop, ct);
        }
        await db.Database.ExecuteSqlRawAsync(Move, ct);
        foreach (var (_, sql) in indexes) await db.Database.ExecuteSqlRawAsync(sql, ct);
        await db.Database.ExecuteSqlRawAsync($"DROP TABLE temp.{Staged}", ct);
        _count = 0;
    }

    private async Task<List<(string Name, string Sql)>> SecondaryIndexesAsync(CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'SearchTerms' AND sql IS NOT NULL";
        var indexes = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        return indexes;
    }
}
