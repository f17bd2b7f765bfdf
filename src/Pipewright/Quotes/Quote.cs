using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Quotes;

public enum QuoteStatus { Draft, PendingApproval, Approved, Rejected }

/// <summary>
/// A quote (报价单) on an opportunity: priced catalog lines, extra costs and dates. Revising copies it to a new
/// version of the same family (same BJ code, next revision); the old versions are kept and read only.
/// </summary>
public sealed class Quote : IAudited, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The first version's id, shared by all revisions of one quote.</summary>
    public Guid FamilyId { get; set; }
    public int Revision { get; set; } = 1;

    /// <summary>The version people work on; exactly one per family.</summary>
    public bool IsCurrent { get; set; } = true;
    public string Code { get; set; } = "";
    public Guid OpportunityId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid OwnerId { get; set; }
    public QuoteStatus Status { get; set; } = QuoteStatus.Draft;
    public DateOnly ValidUntil { get; set; }
    public DateOnly? PromisedDeliveryDate { get; set; }

    /// <summary>Freight and installation we bear to deliver the quote: costs in the margin, not charged as lines.</summary>
    public Money Freight { get; set; }
    public Money Installation { get; set; }

    /// <summary>VAT included in the quoted prices (0.13): margins are computed on the amount without it.</summary>
    public decimal TaxRate { get; set; }
    public string? Note { get; set; }

    /// <summary>The approval of the latest submission, if one was needed.</summary>
    public Guid? ApprovalId { get; set; }

    /// <summary>The approver's comment when the quote came back rejected.</summary>
    public string? ReturnComment { get; set; }
    public Guid? SubmittedById { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<QuoteLine> Lines { get; set; } = [];

    /// <summary>Only a current draft (or a rejected one being reworked) may change.</summary>
    public bool IsEditable => IsCurrent && Status is QuoteStatus.Draft or QuoteStatus.Rejected;

    public sealed class Configuration : IEntityTypeConfiguration<Quote>
    {
        public void Configure(EntityTypeBuilder<Quote> q)
        {
            q.Property(x => x.Code).HasMaxLength(32);
            q.HasIndex(x => new { x.Code, x.Revision }).IsUnique();
            q.HasIndex(x => new { x.FamilyId, x.Revision }).IsUnique(); // the last guard against two revisions racing
            q.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            q.Property(x => x.TaxRate).HasPrecision(6, 4);
            q.Property(x => x.Note).HasMaxLength(QuoteLimits.Note);
            q.Property(x => x.ReturnComment).HasMaxLength(500);
            q.Property(x => x.Version).IsConcurrencyToken();
            q.HasIndex(x => new { x.OwnerId, x.IsCurrent, x.Status });
            q.HasIndex(x => new { x.CustomerId, x.IsCurrent });
            q.HasIndex(x => x.OpportunityId);
            q.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.QuoteId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>A catalog product on a quote, with the catalog's prices and cost copied as they were when quoted.</summary>
public sealed class QuoteLine : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid QuoteId { get; set; }
    public int LineNo { get; set; }
    public Guid ProductId { get; set; }
    public string Model { get; set; } = "";
    public string ModelKey { get; set; } = "";
    public string ProductName { get; set; } = "";
    public string Unit { get; set; } = "";
    public decimal Quantity { get; set; }
    public Money UnitPrice { get; set; }

    /// <summary>List price of the model with the chosen options, per unit.</summary>
    public Money ListPrice { get; set; }
    public Money? UnitCost { get; set; }
    public Money? FloorPrice { get; set; }
    public List<Guid> OptionIds { get; set; } = [];

    /// <summary>The chosen options as the customer reads them (材质: CF8M; 压力等级: PN40).</summary>
    public string OptionsText { get; set; } = "";

    /// <summary>The ERP's answer when the line was last saved or submitted; CanMeet null = unknown.</summary>
    public DateOnly? EarliestShipDate { get; set; }
    public bool? CanMeet { get; set; }

    (string Type, Guid Id) IAudited.AuditRoot => (nameof(Quote), QuoteId);

    public sealed class Configuration : IEntityTypeConfiguration<QuoteLine>
    {
        public void Configure(EntityTypeBuilder<QuoteLine> l)
        {
            l.Property(x => x.Model).HasMaxLength(64);
            l.Property(x => x.ModelKey).HasMaxLength(64);
            l.Property(x => x.ProductName).HasMaxLength(100);
            l.Property(x => x.Unit).HasMaxLength(8);
            l.Property(x => x.Quantity).HasPrecision(18, 3);
            l.Property(x => x.OptionsText).HasMaxLength(300);
            l.HasIndex(x => new { x.ModelKey, x.QuoteId });
        }
    }
}

public enum ConflictStatus { Open, AllowedBoth, Assigned }

/// <summary>
/// Two salespeople quoting one customer the same model (撞单), recorded when a submission is refused, so that the
/// managers are told once per pair and a manager's resolution (allow both, or give the customer to one) sticks.
/// </summary>
public sealed class QuoteConflict : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The family whose submission was refused, and the family it ran into.</summary>
    public Guid QuoteFamilyId { get; set; }
    public Guid OtherFamilyId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid OtherCustomerId { get; set; }
    public string Model { get; set; } = "";
    public Guid OwnerId { get; set; }
    public Guid OtherOwnerId { get; set; }
    public ConflictStatus Status { get; set; }
    public Guid? WinnerId { get; set; }
    public Guid? ResolvedById { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The manager's reason for the resolution, for the two owners and later readers.</summary>
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool Involves(Guid familyA, Guid familyB) =>
        (QuoteFamilyId == familyA && OtherFamilyId == familyB) || (QuoteFamilyId == familyB && OtherFamilyId == familyA);

    public sealed class Configuration : IEntityTypeConfiguration<QuoteConflict>
    {
        public void Configure(EntityTypeBuilder<QuoteConflict> c)
        {
            c.Property(x => x.Model).HasMaxLength(64);
            c.Property(x => x.Note).HasMaxLength(QuoteLimits.ConflictNote);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            c.HasIndex(x => new { x.QuoteFamilyId, x.OtherFamilyId }).IsUnique();
            c.HasIndex(x => x.OtherFamilyId);
            c.HasIndex(x => new { x.Status, x.CreatedAt });
        }
    }
}

public static class QuoteLimits
{
    public const int Note = 500;
    public const int Lines = 100;
    public const int ConflictNote = 500;
}

public static class QuoteTables
{
    extension(PipewrightDb db)
    {
        public DbSet<Quote> Quotes => db.Set<Quote>();
        public DbSet<QuoteLine> QuoteLines => db.Set<QuoteLine>();
        public DbSet<QuoteConflict> QuoteConflicts => db.Set<QuoteConflict>();
    }

    /// <summary>The data scope of api-v1.md: by the quote's owner, like customers and deals.</summary>
    public static IQueryable<Quote> VisibleTo(this IQueryable<Quote> quotes, CurrentUser user)
    {
        if (user.SeesEverything) return quotes;
        var owners = user.ScopeOwnerIds.ToList();
        return quotes.Where(q => owners.Contains(q.OwnerId));
    }
}
