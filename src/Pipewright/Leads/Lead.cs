using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Leads;

public enum LeadStatus { New, Contacted, Qualified, Converted, Disqualified }

/// <summary>
/// Someone who left their details on a lead form (线索). It never creates a customer by itself: it records the
/// existing customer it matches, and becomes a customer and a deal only when a salesperson converts it.
/// </summary>
public sealed class Lead : IAudited, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FormId { get; set; }
    public LeadChannel Channel { get; set; }
    public string CompanyName { get; set; } = "";

    /// <summary>The normalized company name (CompanyNameKey), as customers' duplicate checks compare it.</summary>
    public string NameKey { get; set; } = "";
    public string ContactName { get; set; } = "";

    /// <summary>E.164, so that it matches customers' contacts.</summary>
    public string? Mobile { get; set; }
    public string? Email { get; set; }
    public string? ProductInterest { get; set; }
    public string? Message { get; set; }
    public LeadStatus Status { get; set; } = LeadStatus.New;
    public string? DisqualifyReason { get; set; }
    public Guid OwnerId { get; set; }

    /// <summary>The existing customer this lead matched at submission ("attached"), or the one it was converted to.</summary>
    public Guid? CustomerId { get; set; }
    public Guid? OpportunityId { get; set; }
    public DateTimeOffset? ConvertedAt { get; set; }

    /// <summary>The owner's first response: their first follow-up with the customer, or marking the lead contacted.</summary>
    public DateTimeOffset? FirstRespondedAt { get; set; }

    /// <summary>Minutes from creation to the first response, stored so that reports can average it in the database.</summary>
    public int? FirstResponseMinutes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public bool IsOpen => Status is LeadStatus.New or LeadStatus.Contacted or LeadStatus.Qualified;

    /// <summary>Keeps the earliest response; a response before the lead existed is not one.</summary>
    public bool RecordResponse(DateTimeOffset at)
    {
        if (at < CreatedAt || (FirstRespondedAt is { } first && first <= at)) return false;
        FirstRespondedAt = at;
        FirstResponseMinutes = (int)Math.Round((at - CreatedAt).TotalMinutes);
        return true;
    }

    public sealed class Configuration : IEntityTypeConfiguration<Lead>
    {
        public void Configure(EntityTypeBuilder<Lead> l)
        {
            l.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
            l.Property(x => x.CompanyName).HasMaxLength(LeadLimits.CompanyName);
            l.Property(x => x.NameKey).HasMaxLength(LeadLimits.CompanyName);
            l.Property(x => x.ContactName).HasMaxLength(LeadLimits.ContactName);
            l.Property(x => x.Mobile).HasMaxLength(32);
            l.Property(x => x.Email).HasMaxLength(LeadLimits.Email);
            l.Property(x => x.ProductInterest).HasMaxLength(LeadLimits.ProductInterest);
            l.Property(x => x.Message).HasMaxLength(LeadLimits.Message);
            l.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            l.Property(x => x.DisqualifyReason).HasMaxLength(LeadLimits.Reason);
            l.Property(x => x.Version).IsConcurrencyToken();
            l.HasIndex(x => new { x.OwnerId, x.Status, x.CreatedAt });
            l.HasIndex(x => new { x.Status, x.CreatedAt });
            l.HasIndex(x => new { x.CustomerId, x.OwnerId });
            l.HasIndex(x => x.FormId);
            // Reports: the leads that came in during a period, whatever their status.
            l.HasIndex(x => x.CreatedAt);
        }
    }
}

public static class LeadLimits
{
    public const int FormName = 100;
    public const int CompanyName = 100;
    public const int ContactName = 50;
    public const int Email = 254;
    public const int ProductInterest = 100;
    public const int Message = 1000;
    public const int Reason = 200;
}

public static class LeadTables
{
    extension(PipewrightDb db)
    {
        public DbSet<Lead> Leads => db.Set<Lead>();
        public DbSet<LeadForm> LeadForms => db.Set<LeadForm>();
    }

    /// <summary>The data scope of customers, by the lead's owner: a rep their own, a manager their team tree's.</summary>
    public static IQueryable<Lead> VisibleTo(this IQueryable<Lead> leads, CurrentUser user)
    {
        if (user.SeesEverything) return leads;
        var owners = user.ScopeOwnerIds.ToList();
        return leads.Where(l => owners.Contains(l.OwnerId));
    }
}
