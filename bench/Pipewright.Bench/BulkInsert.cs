using System.Data;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Pipewright.Common.Data;

namespace Pipewright.Bench;

/// <summary>
/// Multi-row INSERTs for one entity type, with table, columns, value converters and parameter types all
/// taken from the EF model: a column or converter the app adds is picked up here without a change.
/// Change tracking, the audit trail and SaveChanges' per-row statements are skipped on purpose — this
/// writes hundreds of thousands of rows in seconds; nothing here is a business write.
/// </summary>
internal sealed class BulkInsert<T> where T : class
{
    // Microsoft.Data.Sqlite binds each statement parameter by looking its name up in the collection, so the
    // cost grows with the square of the parameters per statement: ~200 keeps it negligible.
    private const int ParametersPerStatement = 200;

    private readonly string _table;
    private readonly string _tableName;
    private readonly List<(IProperty Property, RelationalTypeMapping Mapping, Func<T, object?> Get)> _columns;
    private readonly int _rowsPerStatement;

    public BulkInsert(PipewrightDb db)
    {
        var entityType = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var store = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        _tableName = tableName;
        _table = Quote(tableName);
        _columns = [];
        foreach (var property in entityType.GetProperties())
        {
            if (property.GetColumnName(store) is null) continue;
            if (property.IsShadowProperty())
                throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is a shadow property: the bulk insert cannot read it.");
            var getter = property.GetGetter();
            _columns.Add((property, (RelationalTypeMapping)property.GetTypeMapping(), e => getter.GetClrValue(e)));
        }
        _rowsPerStatement = Math.Max(1, ParametersPerStatement / _columns.Count);
        ColumnList = string.Join(", ", _columns.Select(c => Quote(c.Property.GetColumnName(store)!)));
    }

    public string ColumnList { get; }

    public async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<T> rows, CancellationToken ct)
    {
        // Secondary indexes are dropped and rebuilt from their own CREATE statements: one sort instead of a
        // random B-tree insert per row. The primary key stays (the caller sorts the rows by it).
        var indexes = new List<(string Name, string Sql)>();
        await using (var list = connection.CreateCommand())
        {
            list.Transaction = transaction;
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL";
            var p = list.CreateParameter();
            p.ParameterName = "$table";
            p.Value = _tableName;
            list.Parameters.Add(p);
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes) await ExecuteSqlAsync(connection, transaction, $"DROP INDEX {Quote(name)}", ct);

        DbCommand? full = null;
        try
        {
            var i = 0;
            for (; i + _rowsPerStatement <= rows.Count; i += _rowsPerStatement)
            {
                full ??= Command(connection, transaction, _rowsPerStatement);
                await ExecuteAsync(full, rows, i, _rowsPerStatement, ct);
            }
            if (i < rows.Count)
            {
                await using var rest = Command(connection, transaction, rows.Count - i);
                await ExecuteAsync(rest, rows, i, rows.Count - i, ct);
            }
            return rows.Count;
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
            foreach (var (_, sql) in indexes) await ExecuteSqlAsync(connection, transaction, sql, ct);
        }
    }

    private static async Task ExecuteSqlAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task ExecuteAsync(DbCommand command, IReadOnlyList<T> rows, int start, int count, CancellationToken ct)
    {
        var n = 0;
        for (var r = start; r < start + count; r++)
        {
            foreach (var (_, mapping, get) in _columns)
            {
                // What RelationalTypeMapping.CreateParameter does with a value: the converter (enum → text,
                // DateTimeOffset → long, list → JSON) and DBNull for null.
                var value = get(rows[r]);
                if (mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                command.Parameters[n++].Value = value ?? DBNull.Value;
            }
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    private DbCommand Command(DbConnection connection, DbTransaction transaction, int rowCount)
    {
        var sql = new StringBuilder($"INSERT INTO {_table} ({ColumnList}) VALUES ");
        var n = 0;
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Count; c++) sql.Append(c == 0 ? "@p" : ", @p").Append(n++);
            sql.Append(')');
        }
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql.ToString();
        command.CommandType = CommandType.Text;
        // Created once by the type mapping, as EF creates them (type, size); only the values change per row.
        for (var p = 0; p < n; p++)
        {
            var (property, mapping, _) = _columns[p % _columns.Count];
            command.Parameters.Add(mapping.CreateParameter(command, "@p" + p, null, property.IsNullable));
        }
        command.Prepare();
        return command;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
