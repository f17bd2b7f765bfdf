using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Pipewright.Common.Data;

/// <summary>
/// Adds rows of counts and sums to the rows with the same key, creating those that are missing, in the context's open
/// transaction: <c>INSERT … ON CONFLICT (key) DO UPDATE SET n = n + excluded.n</c>, the same text on SQLite and
/// PostgreSQL. Two saves adding to one row at once both count: the database adds, not the application.
/// </summary>
public sealed class SummingUpsert(string table, IReadOnlyList<string> keys, IReadOnlyList<string> sums)
{
    // As for BulkInsert: Microsoft.Data.Sqlite's binding cost grows with the square of the parameters per statement.
    private const int ParametersPerStatement = 120;

    private int Columns => keys.Count + sums.Count;

    /// <summary>Each row: the key's values, then the amounts to add, in the order of the constructor's names.</summary>
    public async Task AddAsync(PipewrightDb db, IReadOnlyList<object[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Totals are added inside the save's transaction.");
        var perStatement = Math.Max(1, ParametersPerStatement / Columns);
        DbCommand? full = null;
        try
        {
            for (var i = 0; i < rows.Count; i += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - i);
                var command = count == perStatement ? full ??= Command(connection, transaction, count) : Command(connection, transaction, count);
                var n = 0;
                for (var r = i; r < i + count; r++)
                    foreach (var value in rows[r]) command.Parameters[n++].Value = value;
                await command.ExecuteNonQueryAsync(ct);
                if (command != full) await command.DisposeAsync();
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }
    }

    private DbCommand Command(DbConnection connection, DbTransaction transaction, int rowCount)
    {
        var name = Quote(table);
        var sql = new StringBuilder($"INSERT INTO {name} ({string.Join(", ", keys.Concat(sums).Select(Quote))}) VALUES ");
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var n = 0;
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < Columns; c++)
            {
                sql.Append(c == 0 ? "@p" : ", @p").Append(n);
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + n++;
                command.Parameters.Add(parameter);
            }
            sql.Append(')');
        }
        sql.Append($" ON CONFLICT ({string.Join(", ", keys.Select(Quote))}) DO UPDATE SET ");
        sql.AppendJoin(", ", sums.Select(s => $"{Quote(s)} = {name}.{Quote(s)} + excluded.{Quote(s)}"));
        command.CommandText = sql.ToString();
        return command;
    }

    private static string Quote(string identifier) => "\"" + identifier + "\"";
}
