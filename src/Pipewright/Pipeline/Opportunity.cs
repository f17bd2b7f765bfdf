using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Catalog;
using Pipewright.Common;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Pipeline.Configuration;

namespace Pipewright.Pipeline;

public enum OpportunityStatus { Open, Won, Lost }

/// <summary>A deal (商机) with one customer, moving through the stages of the sales funnel.</summary>
public sealed class Opportunity : IAudited, IVersioned
{
    /// <summary>The default funnel's first stage (线索获取); deals opened before the funnel was configurable carry it too.</summary>
    public const string FirstStageKey = "initial";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>People-facing code (SJ202600042), from a sequence, never reused.</summary>
    public string Code { get; set; } = "";
    public Guid CustomerId { get; set; }
    public string Title { get; set; } = "";
    public Guid OwnerId { get; set; }
    public string StageKey { get; set; } = FirstStageKey;

    /// <summary>When the deal entered its current stage: the board's "days in stage" and rotting flag read it without the history.</summary>
    public DateTimeOffset? StageEnteredAt { get; set; }
    public OpportunityStatus Status { get; set; } = OpportunityStatus.Open;
    public Money? ExpectedAmount { get; set; }
    public DateOnly? ExpectedCloseDate { get; set; }
    public string? ProductCategory { get; set; }

    /// <summary>Who signs on the customer's side (决策人), as the rep writes it.</summary>
    public string? DecisionMaker { get; set; }

    /// <summary>Estimated gross margin as a fraction (0.25), before any quote exists.</summary>
    public decimal? MarginEstimate { get; set; }
    public string? LostReason { get; set; }

    /// <summary>Who won when we lost, or whom we beat: free text, competitors are not a managed list yet.</summary>
    public string? Competitor { get; set; }

    /// <summary>The lead this deal was converted from, for lead-to-order reports.</summary>
    public Guid? LeadId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int Version { get; set; }

    /// <summary>Catalog models the customer is interested in (选型).</summary>
    public List<OpportunityProduct> Products { get; set; } = [];

    public sealed class Configuration : IEntityTypeConfiguration<Opportunity>
    {
        public void Configure(EntityTypeBuilder<Opportunity> o)
        {
            o.Property(x => x.Code).HasMaxLength(32);
            o.HasIndex(x => x.Code).IsUnique();
            o.Property(x => x.Title).HasMaxLength(OpportunityLimits.Title);
            o.Property(x => x.StageKey).HasMaxLength(OpportunityLimits.Key);
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(8);
            o.Property(x => x.ProductCategory).HasMaxLength(OpportunityLimits.Short);
            o.Property(x => x.DecisionMaker).HasMaxLength(OpportunityLimits.Short);
            o.Property(x => x.MarginEstimate).HasPrecision(9, 4);
            o.Property(x => x.LostReason).HasMaxLength(OpportunityLimits.Short);
            o.Property(x => x.Competitor).HasMaxLength(OpportunityLimits.Competitor);
            o.Property(x => x.Version).IsConcurrencyToken();
            o.HasIndex(x => new { x.CustomerId, x.Status });
            o.HasIndex(x => new { x.OwnerId, x.Status });
            o.HasIndex(x => x.LeadId);
            // The kanban: a column's cards, longest in the stage first …
            o.HasIndex(x => new { x.Status, x.StageKey, x.StageEnteredAt });
            // … and every column's count and sum from the index alone, scoped by owner (9 ms → 1.6 ms for 8,500 open deals on SQLite).
            o.HasIndex(x => new { x.Status, x.StageKey, x.OwnerId, x.ExpectedAmount });
            // Reports: deals closed in a period (win/loss, sales cycle), created in a period, and the forecast by expected close date.
            o.HasIndex(x => new { x.Status, x.ClosedAt });
            o.HasIndex(x => x.CreatedAt);
            o.HasIndex(x => new { x.Status, x.ExpectedCloseDate });
            o.HasMany(x => x.Products).WithOne().HasForeignKey(x => x.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>A catalog model chosen for a deal.</summary>
public sealed class OpportunityProduct : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OpportunityId { get; set; }
    public Guid ProductId { get; set; }

    (string Type, Guid Id) IAudited.AuditRoot => (nameof(Opportunity), OpportunityId);

    public sealed class Configuration : IEntityTypeConfiguration<OpportunityProduct>
    {
        public void Configure(EntityTypeBuilder<OpportunityProduct> p)
        {
            p.HasIndex(x => new { x.OpportunityId, x.ProductId }).IsUnique();
            p.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}

public static class OpportunityLimits
{
    public const int Title = 100;
    public const int Short = 50;
    public const int Key = 32;
    public const int Competitor = 100;
    public const int Reason = 500;
}

public static class OpportunityTables
{
    extension(PipewrightDb db)
    {
        public DbSet<Opportunity> Opportunities => db.Set<Opportunity>();
        public DbSet<OpportunityProduct> OpportunityProducts => db.Set<OpportunityProduct>();
        public DbSet<StageVisit> StageVisits => db.Set<StageVisit>();
        public DbSet<RequirementCompletion> RequirementCompletions => db.Set<RequirementCompletion>();
        public DbSet<PipelineDefinition> PipelineDefinitions => db.Set<PipelineDefinition>();
    }

    /// <summary>The data scope of api-v1.md: like customers, by the deal's owner.</summary>
    public static IQueryable<Opportunity> VisibleTo(this IQueryable<Opportunity> opportunities, CurrentUser user)
    {
        if (user.SeesEverything) return opportunities;
        var owners = user.ScopeOwnerIds.ToList();
        return opportunities.Where(o => owners.Contains(o.OwnerId));
    }

    /// <summary>The same scope for stays, by their copy of the deal's owner (<see cref="StageVisit.DealOwnerId"/>).</summary>
    public static IQueryable<StageVisit> VisibleTo(this IQueryable<StageVisit> stays, CurrentUser user)
    {
        if (user.SeesEverything) return stays;
        var owners = user.ScopeOwnerIds.ToList();
        return stays.Where(v => owners.Contains(v.DealOwnerId));
    }
}
