using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Approvals;

/// <summary>What a condition of a policy looks at; the subject (a quote) computes the facts.</summary>
public enum ConditionKind { MinPriceRatioBelow, MarginRateBelow, TotalAbove, DeliveryUnmet, BelowFloor }

/// <summary>Who decides a step: the regional manager of the subject's owner, everyone with a role, or one named person.</summary>
public enum ApproverKind { RelativeRegionalManager, Role, User }

/// <summary>One approver (One), all of several (会签, All) or any one of several (或签, Any).</summary>
public enum ApprovalMode { One, All, Any }

/// <summary>
/// A rule of the approval engine an administrator edits without code: when all its conditions hold for a subject,
/// its steps are added to the subject's approval path.
/// </summary>
public sealed class ApprovalPolicy : IAudited, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>What kind of record the policy applies to ("quote").</summary>
    public string SubjectType { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Policies are evaluated, and their steps merged, in this order.</summary>
    public int Order { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<ApprovalCondition> Conditions { get; set; } = [];
    public List<ApprovalStepRule> Steps { get; set; } = [];

    /// <summary>The field's default (any line below 85% of list → regional manager → finance → general manager), seeded with the schema.</summary>
    public static readonly Guid DefaultId = new("0195a000-0000-7000-8000-000000000001");

    public sealed class Configuration : IEntityTypeConfiguration<ApprovalPolicy>
    {
        public void Configure(EntityTypeBuilder<ApprovalPolicy> p)
        {
            p.Property(x => x.SubjectType).HasMaxLength(32);
            p.Property(x => x.Name).HasMaxLength(ApprovalLimits.Name);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.HasIndex(x => new { x.SubjectType, x.Order });
            p.HasMany(x => x.Conditions).WithOne().HasForeignKey(x => x.PolicyId).OnDelete(DeleteBehavior.Cascade);
            p.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.PolicyId).OnDelete(DeleteBehavior.Cascade);
            p.HasData(new
            {
                Id = DefaultId, SubjectType = "quote", Name = "低于标准价 85%", Order = 1, IsActive = true,
                UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Version = 0,
            });
        }
    }
}

/// <summary>A condition as data: a kind and, for the kinds that compare, a threshold (a fraction, or yuan for TotalAbove).</summary>
public sealed class ApprovalCondition : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PolicyId { get; set; }
    public ConditionKind Kind { get; set; }
    public decimal? Threshold { get; set; }

    (string Type, Guid Id) IAudited.AuditRoot => (nameof(ApprovalPolicy), PolicyId);

    public bool Holds(ApprovalFacts facts) => Kind switch
    {
        ConditionKind.MinPriceRatioBelow => facts.MinPriceRatio is { } r && r < (Threshold ?? 0),
        // An unknown margin (a line without cost) is treated as too low: finance must see what nobody can compute.
        ConditionKind.MarginRateBelow => facts.MarginRate is not { } m || m < (Threshold ?? 0),
        ConditionKind.TotalAbove => facts.Total > (Threshold ?? 0),
        ConditionKind.DeliveryUnmet => facts.DeliveryUnmet,
        ConditionKind.BelowFloor => facts.BelowFloor,
        _ => false,
    };

    public sealed class Configuration : IEntityTypeConfiguration<ApprovalCondition>
    {
        public void Configure(EntityTypeBuilder<ApprovalCondition> c)
        {
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            c.Property(x => x.Threshold).HasPrecision(18, 4);
            c.HasData(new { Id = new Guid("0195a000-0000-7000-8000-000000000011"), PolicyId = ApprovalPolicy.DefaultId, Kind = ConditionKind.MinPriceRatioBelow, Threshold = (decimal?)0.85m });
        }
    }
}

/// <summary>A step of a policy: who approves, how many of them, how long they have, and where a rejection goes.</summary>
public sealed class ApprovalStepRule : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PolicyId { get; set; }
    public int Order { get; set; }
    public ApproverKind ApproverKind { get; set; }

    /// <summary>For <see cref="ApproverKind.Role"/>.</summary>
    public string? Role { get; set; }

    /// <summary>For <see cref="ApproverKind.User"/>.</summary>
    public Guid? UserId { get; set; }
    public ApprovalMode Mode { get; set; } = ApprovalMode.Any;

    /// <summary>Plain hours from the step's activation (not working hours).</summary>
    public int DueHours { get; set; } = 24;

    /// <summary>False: a rejection ends the approval and returns the subject to its submitter; true: it goes back to the previous step.</summary>
    public bool RejectToPreviousStep { get; set; }

    (string Type, Guid Id) IAudited.AuditRoot => (nameof(ApprovalPolicy), PolicyId);

    /// <summary>Two rules naming the same approvers are one step when policies are merged.</summary>
    public string ApproverKey => $"{ApproverKind}:{Role}:{UserId}";

    public sealed class Configuration : IEntityTypeConfiguration<ApprovalStepRule>
    {
        public void Configure(EntityTypeBuilder<ApprovalStepRule> s)
        {
            s.Property(x => x.ApproverKind).HasConversion<string>().HasMaxLength(24);
            s.Property(x => x.Mode).HasConversion<string>().HasMaxLength(8);
            s.Property(x => x.Role).HasMaxLength(32);
            s.HasData(
                Seed(21, 1, ApproverKind.RelativeRegionalManager, null),
                Seed(22, 2, ApproverKind.Role, Roles.Finance),
                Seed(23, 3, ApproverKind.Role, Roles.GeneralManager));
        }

        private static object Seed(int n, int order, ApproverKind kind, string? role) => new
        {
            Id = new Guid($"0195a000-0000-7000-8000-0000000000{n}"), PolicyId = ApprovalPolicy.DefaultId, Order = order,
            ApproverKind = kind, Role = role, UserId = (Guid?)null, Mode = ApprovalMode.Any, DueHours = 24, RejectToPreviousStep = false,
        };
    }
}

/// <summary>What a subject tells the engine about itself; policies are evaluated on these and nothing else.</summary>
/// <param name="MinPriceRatio">The lowest line's unit price / list price (0.8 at 80%).</param>
/// <param name="MarginRate">Gross margin rate of the whole subject; null when some cost is unknown.</param>
/// <param name="Total">Amount in yuan.</param>
public sealed record ApprovalFacts(decimal? MinPriceRatio, decimal? MarginRate, decimal Total, bool DeliveryUnmet, bool BelowFloor);

public static class ApprovalLimits
{
    public const int Name = 64;
    public const int Comment = 500;
    public const int MaxPolicies = 20;
    public const int MaxSteps = 10;
}

public static class ApprovalTables
{
    extension(PipewrightDb db)
    {
        public DbSet<ApprovalPolicy> ApprovalPolicies => db.Set<ApprovalPolicy>();
        public DbSet<ApprovalCondition> ApprovalConditions => db.Set<ApprovalCondition>();
        public DbSet<ApprovalStepRule> ApprovalStepRules => db.Set<ApprovalStepRule>();
        public DbSet<Approval> Approvals => db.Set<Approval>();
        public DbSet<ApprovalStep> ApprovalSteps => db.Set<ApprovalStep>();
        public DbSet<ApprovalTask> ApprovalTasks => db.Set<ApprovalTask>();
        public DbSet<ApprovalDelegation> ApprovalDelegations => db.Set<ApprovalDelegation>();
    }
}
