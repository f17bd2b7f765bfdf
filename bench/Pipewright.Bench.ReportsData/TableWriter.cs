using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using Pipewright.Common.Data;

namespace Pipewright.Bench.ReportsData;

/// <summary>
/// Writes generated rows into their tables in the context's open transaction, with table, columns and value converters
/// from the EF model: the app's multi-row <see cref="BulkInsert{T}"/> on SQLite, binary COPY on PostgreSQL.
/// </summary>
internal static class TableWriter
{
    public static async Task WriteAsync<T>(PipewrightDb db, IReadOnlyList<T> rows, Progress progress) where T : class
    {
        if (rows.Count == 0) return;
        var watch = Stopwatch.StartNew();
        if (db.IsPostgres) await new PostgresCopy<T>(db).WriteAsync((NpgsqlConnection)db.Database.GetDbConnection(), rows);
        else await new BulkInsert<T>(db).InsertAsync(db, rows, CancellationToken.None);
        progress.Wrote(typeof(T).Name, rows.Count, watch.Elapsed);
    }

    private sealed class PostgresCopy<T> where T : class
    {
        private readonly string _copy;
        private readonly List<(string DataType, ValueConverter? Converter, Func<T, object?> Get)> _columns = [];

        public PostgresCopy(PipewrightDb db)
        {
            var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
            var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
            var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            var names = new List<string>();
            foreach (var property in entityType.GetProperties())
            {
                if (property.GetColumnName(store) is not { } column) continue;
                var getter = property.GetGetter();
                var mapping = (RelationalTypeMapping)property.GetTypeMapping();
                names.Add(Quote(column));
                // The base name ("character varying", "uuid[]") without its facets is what Npgsql resolves a writer by.
                _columns.Add((mapping.StoreTypeNameBase, mapping.Converter, e => getter.GetClrValue(e)));
            }
            _copy = $"COPY {Quote(table)} ({string.Join(", ", names)}) FROM STDIN (FORMAT BINARY)";
        }

        public async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<T> rows)
        {
            await using var importer = await connection.BeginBinaryImportAsync(_copy);
            foreach (var row in rows)
            {
                await importer.StartRowAsync();
                foreach (var (dataType, converter, get) in _columns)
                {
                    var value = get(row);
                    if (converter is not null) value = converter.ConvertToProvider(value);
                    if (value is null) await importer.WriteNullAsync();
                    else await importer.WriteAsync(value, dataType);
                }
            }
            await importer.CompleteAsync();
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>
/// Drops the secondary indexes of the tables about to be filled and builds them again at the end from their own
/// definitions: one sort per index instead of a random B-tree insert per row. Primary keys stay.
/// </summary>
internal sealed class DeferredIndexes(List<string> creates)
{
    public static async Task<DeferredIndexes> DropAsync(PipewrightDb db, IEnumerable<Type> entities)
    {
        var creates = new List<string>();
        foreach (var type in entities)
        {
            var table = db.Model.FindEntityType(type)?.GetTableName() ?? throw new InvalidOperationException($"{type.Name} has no table.");
            var indexes = db.IsPostgres
                ? await db.Database.SqlQuery<TableIndex>($"""
                    SELECT indexname AS "Name", indexdef AS "Sql" FROM pg_indexes
                    WHERE schemaname = current_schema() AND tablename = {table}
                      AND indexname NOT IN (SELECT conname FROM pg_constraint)
                    """).ToListAsync()
                : await db.Database.SqlQuery<TableIndex>(
                    $"SELECT name AS \"Name\", sql AS \"Sql\" FROM sqlite_master WHERE type = 'index' AND tbl_name = {table} AND sql IS NOT NULL")
                    .ToListAsync();
            // Index names and definitions come from the catalogue, not from a user; DDL takes no parameters.
            foreach (var drop in indexes.Select(i => "DROP INDEX \"" + i.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))
                await db.Database.ExecuteSqlRawAsync(drop);
            creates.AddRange(indexes.Select(i => i.Sql));
        }
        return new DeferredIndexes(creates);
    }

    public async Task CreateAsync(PipewrightDb db)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        foreach (var sql in creates) await db.Database.ExecuteSqlRawAsync(sql);
    }

    private sealed class TableIndex
    {
        public string Name { get; set; } = "";
        public string Sql { get; set; } = "";
    }
}

/// <summary>Rows and seconds per table, printed as they go and summed at the end.</summary>
internal sealed class Progress
{
    private readonly Dictionary<string, (long Rows, TimeSpan Time)> _totals = new(StringComparer.Ordinal);

    public void Wrote(string table, int rows, TimeSpan time)
    {
        _totals[table] = _totals.TryGetValue(table, out var t) ? (t.Rows + rows, t.Time + time) : (rows, time);
    }

    public long Rows(string table) => _totals.TryGetValue(table, out var t) ? t.Rows : 0;

    public void Print()
    {
        foreach (var (table, (rows, time)) in _totals.OrderByDescending(t => t.Value.Rows))
            Console.WriteLine($"  {table,-22} {rows,12:N0} rows {time.TotalSeconds,8:F1} s {rows / Math.Max(0.001, time.TotalSeconds),10:N0} rows/s");
    }
}
