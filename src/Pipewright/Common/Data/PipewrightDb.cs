using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Search;

namespace Pipewright.Common.Data;

/// <summary>
/// The one database of Pipewright. Modules add their tables through IEntityTypeConfiguration classes
/// in their own folders and reach them with extension properties, so Common never names a module type.
/// Provider-specific migrations live in <see cref="SqliteMigrations"/> and <see cref="PostgresMigrations"/>.
/// </summary>
public abstract class PipewrightDb(DbContextOptions options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    /// <summary>Who is changing data through this context; the audit trail records it.</summary>
    public Actor Actor { get; set; } = Actor.System;

    public DbSet<Team> Teams => Set<Team>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<CodeSequence> CodeSequences => Set<CodeSequence>();
    public DbSet<SearchTerm> SearchTerms => Set<SearchTerm>();

    /// <summary>Set by the factory; tests move it.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        AuditRecorder.Record(this, Clock.GetUtcNow());
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ChangeTracker.DetectChanges();
        AuditRecorder.Record(this, Clock.GetUtcNow());
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<Money>().HaveConversion<Money.Converter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PipewrightDb).Assembly);
        SqlTime.Register(builder, IsPostgres);

        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(64);
            u.HasIndex(x => x.TeamId);
        });
        builder.Entity<Team>(t =>
        {
            t.Property(x => x.Name).HasMaxLength(64);
            t.Property(x => x.Version).IsConcurrencyToken();
            t.HasIndex(x => x.ParentId);
        });
        builder.Entity<CodeSequence>(s => s.HasKey(x => new { x.Kind, x.Year }));
        builder.Entity<AuditEntry>(a =>
        {
            a.Property(x => x.EntityType).HasMaxLength(64);
            a.Property(x => x.RootType).HasMaxLength(64);
            a.Property(x => x.Action).HasMaxLength(16);
            a.Property(x => x.UserName).HasMaxLength(256);
            a.HasIndex(x => new { x.EntityType, x.EntityId, x.At });
            a.HasIndex(x => new { x.RootType, x.RootId, x.At });
        });
        builder.Entity<SearchTerm>(s =>
        {
            // Keyed by record: re-indexing one deletes a range, a broad search probes one (CustomerQueries.MatchingAsync),
            // and an import appends, as new records' ids (version 7) grow with time (SqliteSearchRows).
            s.HasKey(x => new { x.EntityId, x.Kind, x.Term });
            s.Property(x => x.Kind).HasMaxLength(16);
            s.Property(x => x.Term).HasMaxLength(SearchIndex.MaxTermLength);
            // A search: the range of terms that start with the query, and their records, from this index alone;
            // with SharedPrefix it also counts the records without sorting them out (SearchIndex.Records).
            s.HasIndex(x => new { x.Kind, x.Term, x.SharedPrefix, x.EntityId });
            // Prefix ranges (term >= q AND term < q + U+10FFFF) need code-point order, not a linguistic one.
            if (IsPostgres) s.Property(x => x.Term).UseCollation("C");
        });
    }
}

/// <summary>Who did it: a signed-in user, or the system (start-up, jobs, demo data).</summary>
public sealed record Actor(Guid? UserId, string Name)
{
    public static readonly Actor System = new(null, "system");
}

public interface IVersioned
{
    /// <summary>Optimistic concurrency: raised on every save, compared on update.</summary>
    int Version { get; set; }
}
