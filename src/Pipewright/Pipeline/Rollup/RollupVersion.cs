using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Data;

namespace Pipewright.Pipeline.Rollup;

/// <summary>Which version of a set of running totals the database holds; a new version is rebuilt from the records at start.</summary>
public sealed class RollupVersion
{
    public string Name { get; set; } = "";
    public int Version { get; set; }

    /// <summary>
    /// Runs <paramref name="count"/> (empty the set's tables, count every record afresh) in one transaction when the
    /// database holds no or another version of the set, or when forced, and records the version. On PostgreSQL under
    /// an advisory lock: two nodes starting at once must not both add.
    /// </summary>
    public static async Task RebuildAsync(IDbContextFactory<PipewrightDb> dbFactory, string name, int version, long lockKey, bool force,
        Func<PipewrightDb, CancellationToken, Task> count, CancellationToken ct)
    {
        await AdvisoryLock.RunExclusiveAsync(dbFactory, lockKey, async token =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(token);
            var state = await db.Set<RollupVersion>().SingleOrDefaultAsync(v => v.Name == name, token);
            if (!force && state?.Version == version) return 0;
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await count(db, token);
            if (state is null) db.Add(new RollupVersion { Name = name, Version = version });
            else state.Version = version;
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return 1;
        }, 0, ct);
    }

    public sealed class Configuration : IEntityTypeConfiguration<RollupVersion>
    {
        public void Configure(EntityTypeBuilder<RollupVersion> t)
        {
            t.HasKey(x => x.Name);
            t.Property(x => x.Name).HasMaxLength(32);
        }
    }
}
