using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Pipewright.Common.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public sealed class StorageOptions
{
    /// <summary>One folder for the SQLite file and the uploads, so that a backup is one folder.</summary>
    [Required] public string Root { get; set; } = "./data";

    public string FullRoot => Path.GetFullPath(Root);
}

public static class DatabaseSetup
{
    public static IServiceCollection AddPipewrightDb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration("Database").ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration("Storage").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => BuildOptions(sp, configuration));
        services.AddSingleton<IDbContextFactory<PipewrightDb>, PipewrightDbFactory>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContext());
        return services;
    }

    private static DbContextOptions<PipewrightDb> BuildOptions(IServiceProvider sp, IConfiguration configuration)
    {
        var provider = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        // Business areas hook into saving through EF interceptors they register (Pipeline: the stay history).
        // The save transaction's interceptor comes last: it commits after every other one has written its rows.
        var builder = new DbContextOptionsBuilder<PipewrightDb>().AddInterceptors(sp.GetServices<IInterceptor>().Append(new SaveTransactionInterceptor()));
        var connectionString = configuration.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres)
        {
            builder.UseNpgsql(connectionString ?? throw new InvalidOperationException(
                "Database:Provider is Postgres but ConnectionStrings:Default is empty."));
        }
        else
        {
            Directory.CreateDirectory(storage.FullRoot);
            builder.UseSqlite(connectionString ?? SqliteConnectionString(storage.FullRoot));
        }
        return builder.Options;
    }

    public static string SqliteConnectionString(string root) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(root, "pipewright.db"),
        DefaultTimeout = 30, // also the busy timeout: writers wait for each other instead of failing
        Pooling = true,
    }.ToString();

    /// <summary>
    /// Applies pending migrations. On PostgreSQL an advisory lock keeps two nodes that start at once
    /// from migrating together; SQLite is one file on one node.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync(ct);
        if (db.IsPostgres)
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(727274001)", connection))
                await lockCommand.ExecuteNonQueryAsync(ct);
            try { await db.Database.MigrateAsync(ct); }
            finally
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(727274001)", connection);
                await unlock.ExecuteNonQueryAsync(ct);
            }
        }
        else
        {
            await db.Database.MigrateAsync(ct);
            // WAL lets readers go on while one writer writes; it is a property of the file, set once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            // Table statistics (sqlite_stat1) let the planner choose between an index on the owner and one on the
            // id: without them it guesses, and guesses wrong for a sales rep's search. Cheap with the limit.
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", ct);
        }
    }
}

internal sealed class PipewrightDbFactory(
    DbContextOptions<PipewrightDb> options, IOptions<DatabaseOptions> database, TimeProvider clock)
    : IDbContextFactory<PipewrightDb>
{
    // Pooled: a context's internal services are set up once, not for every request; a customer search at 16
    // connections needs about a tenth less CPU (docs/performance.md). EF resets a context's change tracker,
    // connection and options when it comes back; PipewrightDb's own state, the clock, is set on every rent.
    private readonly Func<PipewrightDb> _rent = database.Value.Provider == DatabaseProvider.Postgres
        ? new PooledDbContextFactory<PostgresMigrations>(For<PostgresMigrations>(options)).CreateDbContext
        : new PooledDbContextFactory<SqliteMigrations>(For<SqliteMigrations>(options)).CreateDbContext;

    private static DbContextOptions<T> For<T>(DbContextOptions options) where T : DbContext =>
        new(options.Extensions.ToDictionary(e => e.GetType()));

    public PipewrightDb CreateDbContext()
    {
        var db = _rent();
        db.Clock = clock;
        return db;
    }
}
