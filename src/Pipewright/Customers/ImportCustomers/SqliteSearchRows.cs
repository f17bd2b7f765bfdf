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
/// The search rows of an import into SQLite; a big import has millions of them. The table is keyed by record
/// (EntityId, Kind, Term), and an import's new records have ids that grow with time (version 7), so each batch's
/// rows, sorted by that key, are appended to it. The index that searches read, (Kind, Term, SharedPrefix,
/// EntityId), would take every batch's rows all over its pages: once the import has brought more rows than the
/// table held, the table's other indexes are dropped and built again at the end from sorted data, which is
/// cheaper; a small import into a large table keeps them. Everything happens in the import's transaction: a cancelled or failed import leaves
/// table and indexes as they were, and imported customers are searchable on commit.
/// </summary>
internal sealed class SqliteSearchRows(PipewrightDb db)
{
    private static readonly JsonWriterOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private long? _existing;
    private long _added;
    private List<(string Name, string Sql)>? _dropped;

    /// <summary>
    /// Writes a batch's search rows in key order: its customers by id (as the EF SQLite provider stores a Guid: text,
    /// upper case, with dashes), each one's terms by text. They go as one JSON parameter,
    /// [[id, [term, …], shared], …], that SQLite's json_each splits into rows in that order: Microsoft.Data.Sqlite looks every parameter up by name
    /// when it binds, and SQLite sorting each batch again cost more than the ordinal sort here.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<Customer> customers, CancellationToken ct)
    {
        if (customers.Count == 0) return;
        var buffer = new ArrayBufferWriter<byte>(customers.Count * 2048);
        long rows = 0;
        var shared = new StringBuilder();
        await using (var json = new Utf8JsonWriter(buffer, Unescaped))
        {
            json.WriteStartArray();
            foreach (var (id, customer) in customers.Select(c => (c.Id.ToString("D").ToUpperInvariant(), c))
                         .OrderBy(c => c.Item1, StringComparer.Ordinal))
            {
                json.WriteStartArray();
                json.WriteStringValue(id);
                json.WriteStartArray();
                shared.Clear();
                foreach (var term in CustomerQueries.SearchTerms(customer))
                {
                    json.WriteStringValue(term.Term);
                    shared.Append((char)('0' + term.SharedPrefix));
                    rows++;
                }
                json.WriteEndArray();
                json.WriteStringValue(shared.ToString());
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        _existing ??= await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM \"SearchTerms\"").SingleAsync(ct);
        _added += rows;
        if (_dropped is null && _added > _existing) _dropped = await DropSecondaryIndexesAsync(ct);
        await db.Database.ExecuteSqlRawAsync(Insert, [new SqliteParameter("@rows", Encoding.UTF8.GetString(buffer.WrittenSpan))], ct);
    }

    // The records are new: no row can conflict. SearchIndex.Terms gives each record's terms in SQLite's order.
    // "shared" holds each term's SharedPrefix as one character, '0' + n, in the terms' order: nested arrays
    // [term, n] made SQLite parse every term's JSON twice more.
    // MATERIALIZED: each record's id and terms are taken out of the JSON once; otherwise SQLite parses the
    // record again for every one of its terms (2.4 s against 6.3 s for the 3.47 M rows of the benchmark).
    private static readonly string Insert = $"""
        WITH record AS MATERIALIZED (SELECT value ->> 0 AS "Id", value -> 1 AS "Terms", value ->> 2 AS "Shared" FROM json_each(@rows))
        INSERT INTO "SearchTerms" ("Kind", "Term", "SharedPrefix", "EntityId")
        SELECT '{CustomerQueries.SearchKind}', term.value, unicode(substr(record."Shared", term.key + 1, 1)) - 48, record."Id"
        FROM record, json_each(record."Terms") AS term
        """;

    /// <summary>Builds again, from sorted data, the indexes dropped for a big import.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        foreach (var (_, sql) in _dropped ?? []) await db.Database.ExecuteSqlRawAsync(sql, ct);
        _dropped = null;
    }

    /// <summary>The secondary indexes as the migrations made them (sqlite_master keeps their DDL; the key has none), dropped.</summary>
    private async Task<List<(string Name, string Sql)>> DropSecondaryIndexesAsync(CancellationToken ct)
    {
        var indexes = new List<(string, string)>();
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'SearchTerms' AND sql IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes)
        {
            var drop = "DROP INDEX \"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await db.Database.ExecuteSqlRawAsync(drop, ct);
        }
        return indexes;
    }
}
