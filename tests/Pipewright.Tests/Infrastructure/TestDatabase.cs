using Npgsql;

namespace Pipewright.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on: SQLite by default, PostgreSQL when test.sh says so
/// (PIPEWRIGHT_TEST_DB=Postgres, PIPEWRIGHT_TEST_POSTGRES=connection string of a superuser).
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("PIPEWRIGHT_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase);

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("PIPEWRIGHT_TEST_POSTGRES")
        ?? throw new InvalidOperationException("PIPEWRIGHT_TEST_DB=Postgres needs PIPEWRIGHT_TEST_POSTGRES.");

    /// <summary>A new, empty PostgreSQL database for one test host; its connection string.</summary>
    public static async Task<string> CreatePostgresAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection))
            await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true }.ToString();
    }

    public static async Task DropPostgresAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
