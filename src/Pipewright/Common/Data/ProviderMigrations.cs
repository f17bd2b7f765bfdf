using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pipewright.Common.Data;

/// <summary>PipewrightDb on SQLite; owns the migrations in Migrations/Sqlite.</summary>
public sealed class SqliteMigrations(DbContextOptions options) : PipewrightDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        base.ConfigureConventions(builder);
        // SQLite cannot compare or sort DateTimeOffset stored as text; a sortable integer can.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PipewrightDb on PostgreSQL; owns the migrations in Migrations/Postgres.</summary>
public sealed class PostgresMigrations(DbContextOptions options) : PipewrightDb(options);

/// <summary>Used by `dotnet ef` only; the running app builds its options in <see cref="DatabaseSetup"/>.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMigrations>
{
    public SqliteMigrations CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PipewrightDb>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMigrations>
{
    public PostgresMigrations CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PipewrightDb>().UseNpgsql("Host=localhost;Database=pipewright").Options);
}
