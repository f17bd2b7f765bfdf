using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Pipeline;

public enum OpportunityStatus { Open, Won, Lost }

/// <summary>A deal (商机) with one customer, moving through the stages of the sales funnel.</summary>
public sealed class Opportunity : IAudited, IVersioned
{
    /// <summary>Where every deal starts until the configurable funnel defines its stages.</summary>
    public const string FirstStageKey = "initial";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>People-facing code (SJ202600042), from a sequence, never reused.</summary>
    public string Code { get; set; } = "";
    public Guid CustomerId { get; set; }
    public string Title { get; set; } = "";
    public Guid OwnerId { get; set; }
    public string StageKey { get; set; } = FirstStageKey;
    public OpportunityStatus Status { get; set; } = OpportunityStatus.Open;
    public Money? ExpectedAmount { get; set; }
    public DateOnly? ExpectedCloseDate { get; set; }
    public string? ProductCategory { get; set; }

    /// <summary>The lead this deal was converted from, for lead-to-order reports.</summary>
    public Guid? LeadId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int Version { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<Opportunity>
    {
        public void Configure(EntityTypeBuilder<Opportunity> o)
        {
            o.Property(x => x.Code).HasMaxLength(32);
            o.HasIndex(x => x.Code).IsUnique();
            o.Property(x => x.Title).HasMaxLength(OpportunityLimits.Title);
            o.Property(x => x.StageKey).HasMaxLength(32);
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(8);
            o.Property(x => x.ProductCategory).HasMaxLength(OpportunityLimits.Short);
            o.Property(x => x.Version).IsConcurrencyToken();
            o.HasIndex(x => new { x.CustomerId, x.Status });
            o.HasIndex(x => new { x.OwnerId, x.Status });
            o.HasIndex(x => x.LeadId);
        }
    }
}

public static class OpportunityLimits
{
    public const int Title = 100;
    public const int Short = 50;
}

public static class OpportunityTables
{
    extension(PipewrightDb db)
    {
        public DbSet<Opportunity> Opportunities => db.Set<Opportunity>();
    }

    /// <summary>The data scope of api-v1.md: like customers, by the deal's owner.</summary>
    public static IQueryable<Opportunity> VisibleTo(this IQueryable<Opportunity> opportunities, CurrentUser user)
    {
        if (user.SeesEverything) return opportunities;
        var owners = user.ScopeOwnerIds.ToList();
        return opportunities.Where(o => owners.Contains(o.OwnerId));
    }
}
