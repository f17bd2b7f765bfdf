using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Pipewright.Common.Data;

/// <summary>
/// Runs a scheduled job on one node at a time: on PostgreSQL it holds a session advisory lock for the run, and a
/// node that cannot take it skips the run. SQLite is one process's file, so the job just runs.
/// </summary>
public static class AdvisoryLock
{
    /// <returns>The job's result, or <c>skipped</c> when another node holds the lock.</returns>
    public static async Task<T> RunExclusiveAsync<T>(IDbContextFactory<PipewrightDb> dbFactory, long key, Func<CancellationToken, Task<T>> job,
        T skipped, CancellationToken ct)
    {
        await using var lockDb = await dbFactory.CreateDbContextAsync(ct);
        if (!lockDb.IsPostgres) return await job(ct);
        var connection = (NpgsqlConnection)lockDb.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        if (!await ScalarAsync(connection, $"SELECT pg_try_advisory_lock({key})", ct)) return skipped;
        try { return await job(ct); }
        finally { await ScalarAsync(connection, $"SELECT pg_advisory_unlock({key})", CancellationToken.None); }
    }

    private static async Task<bool> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct) is true;
    }
}
