using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Pipewright.Common.Data;

/// <summary>
/// Multi-row INSERTs for one entity type in the context's open transaction, with table, columns, value
/// converters and parameter types taken from the EF model. For imports of tens of thousands of rows, where
/// change tracking and one statement per row would take minutes. It skips SaveChanges, and so the automatic
/// audit trail: a caller writes the audit entries it owes itself.
/// With <c>addToExisting</c>, a row whose primary key is taken adds its other columns to that row's instead
/// (<c>ON CONFLICT (key) DO UPDATE SET n = n + excluded.n</c>, the same text on SQLite and PostgreSQL): running totals,
/// where two saves adding to one row at once both count because the database adds, not the application.
/// </summary>
public sealed class BulkInsert<T> where T : class
{
    // Microsoft.Data.Sqlite binds each parameter by looking its name up in the statement (sqlite3_bind_parameter_index
    // walks the names), so the cost grows with the square of the parameters per statement: at 200 it was 14.5 % of
    // the 100,000-row import's writing thread; 100 took the import from 18.7 to 17.6 s (50: 17.2 s, 25: 18.7 s).
    private const int ParametersPerStatement = 100;

    private readonly string _table;
    private readonly List<(IProperty Property, RelationalTypeMapping Mapping, Func<T, object?> Get)> _columns = [];
    private readonly int _rowsPerStatement;
    private readonly string _columnList;
    private readonly string _onConflict = "";

    public BulkInsert(PipewrightDb db, bool addToExisting = false)
    {
        var entityType = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var store = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        _table = Quote(tableName);
        foreach (var property in entityType.GetProperties())
        {
            if (property.GetColumnName(store) is null) continue;
            if (property.IsShadowProperty())
                throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is a shadow property: the bulk insert cannot read it.");
            var getter = property.GetGetter();
            _columns.Add((property, (RelationalTypeMapping)property.GetTypeMapping(), e => getter.GetClrValue(e)));
        }
        _rowsPerStatement = Math.Max(1, ParametersPerStatement / _columns.Count);
        _columnList = string.Join(", ", _columns.Select(c => Quote(c.Property.GetColumnName(store)!)));
        if (addToExisting)
        {
            var key = entityType.FindPrimaryKey()!.Properties.Select(p => Quote(p.GetColumnName(store)!));
            var sums = _columns.Where(c => !c.Property.IsPrimaryKey()).Select(c => Quote(c.Property.GetColumnName(store)!));
            _onConflict = $" ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET "
                + string.Join(", ", sums.Select(c => $"{c} = {_table}.{c} + excluded.{c}"));
        }
    }

    public async Task InsertAsync(PipewrightDb db, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction.");
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
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }
    }

    private async Task ExecuteAsync(DbCommand command, IReadOnlyList<T> rows, int start, int count, CancellationToken ct)
    {
        var n = 0;
        for (var r = start; r < start + count; r++)
        {
            foreach (var (_, mapping, get) in _columns)
            {
                // What RelationalTypeMapping.CreateParameter does with a value: the converter and DBNull for null.
                var value = get(rows[r]);
                if (mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                command.Parameters[n++].Value = value ?? DBNull.Value;
            }
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    private DbCommand Command(DbConnection connection, DbTransaction transaction, int rowCount)
    {
        var sql = new StringBuilder($"INSERT INTO {_table} ({_columnList}) VALUES ");
        var n = 0;
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Count; c++) sql.Append(c == 0 ? "@p" : ", @p").Append(n++);
            sql.Append(')');
        }
        sql.Append(_onConflict);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql.ToString();
        for (var p = 0; p < n; p++)
        {
            var (property, mapping, _) = _columns[p % _columns.Count];
            command.Parameters.Add(mapping.CreateParameter(command, "@p" + p, null, property.IsNullable));
        }
        return command;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
