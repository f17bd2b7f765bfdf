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
/// rewrites most of that index's pages. They are appended to a temporary table instead (no index, in a temporary
/// file: bounded memory), then moved over once in key order. When the import brings more rows than the table
/// holds, the other indexes of the table are dropped for that move and built again from sorted data, which is
/// cheaper than inserting into them out of order; a small import into a large table keeps them.
/// Everything happens in the import's transaction: a cancelled or failed import leaves the indexes as they were.
/// </summary>
internal sealed class SqliteSearchRows(PipewrightDb db)
{
    private const string Staged = "\"ImportSearchTerms\"";
    private static readonly JsonWriterOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private long _count;

    /// <summary>
    /// Stages a batch as one JSON parameter that SQLite's json_each splits into rows: Microsoft.Data.Sqlite looks
    /// every parameter up by name when it binds, which for millions of rows cost more than SQLite's own work.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<SearchTerm> terms, CancellationToken ct)
    {
        if (terms.Count == 0) return;
        if (_count == 0)
            await db.Database.ExecuteSqlRawAsync(
                $"CREATE TEMP TABLE {Staged} AS SELECT \"Kind\", \"Term\", \"EntityId\" FROM \"SearchTerms\" WHERE 0", ct);
        var buffer = new ArrayBufferWriter<byte>(terms.Count * 64);
        await using (var json = new Utf8JsonWriter(buffer, Unescaped))
        {
            json.WriteStartArray();
            foreach (var term in terms)
            {
                json.WriteStartArray();
                json.WriteStringValue(term.Kind);
                json.WriteStringValue(term.Term);
                // As the EF SQLite provider stores a Guid: text, upper case, with dashes.
                json.WriteStringValue(term.EntityId.ToString("D").ToUpperInvariant());
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        var rows = new SqliteParameter("@rows", Encoding.UTF8.GetString(buffer.WrittenSpan));
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO temp.{Staged} (\"Kind\", \"Term\", \"EntityId\") SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@rows)",
            [rows], ct);
        _count += terms.Count;
    }

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
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO \"SearchTerms\" (\"Kind\", \"Term\", \"EntityId\") SELECT \"Kind\", \"Term\", \"EntityId\" FROM temp.{Staged} ORDER BY \"Kind\", \"Term\", \"EntityId\"", ct);
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
