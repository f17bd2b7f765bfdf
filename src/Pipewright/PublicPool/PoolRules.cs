using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;
using Pipewright.Customers;

namespace Pipewright.PublicPool;

/// <summary>
/// The company's public-pool (公海) rules: one row, edited by an administrator, with the defaults most
/// Chinese CRMs ship (domain-facts.md) until then. "Days" are China business dates.
/// </summary>
public sealed class PoolRules : IAudited, IVersioned
{
    /// <summary>The one row; absent until an administrator first saves the rules.</summary>
    public static readonly Guid SingletonId = new("0199c0de-0000-7000-8000-00000000a001");

    public Guid Id { get; set; } = SingletonId;

    /// <summary>A customer returns after this many days without a follow-up by its owner, per level.</summary>
    public int FollowUpDaysA { get; set; } = 60;
    public int FollowUpDaysB { get; set; } = 45;
    public int FollowUpDaysC { get; set; } = 30;

    /// <summary>… or without an open deal for this many days (null: this rule is off for the level).</summary>
    public int? OpportunityDaysA { get; set; } = 180;
    public int? OpportunityDaysB { get; set; } = 120;
    public int? OpportunityDaysC { get; set; } = 90;

    /// <summary>A customer with a won deal stays with its owner (the relationship is the asset).</summary>
    public bool ExemptWonCustomers { get; set; } = true;

    /// <summary>Key customers (重点客户) stay too; off by default, since a key customer neglected is the worst case.</summary>
    public bool ExemptKeyCustomers { get; set; }
    public int ReminderDaysBefore { get; set; } = 3;
    public int DailyClaimQuota { get; set; } = 5;
    public int MaxCustomersPerOwner { get; set; } = 200;
    public int ReclaimCooldownDays { get; set; } = 30;
    public bool MaskPhonesInPool { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public int FollowUpDays(CustomerLevel level) => level switch
    {
        CustomerLevel.A => FollowUpDaysA,
        CustomerLevel.B => FollowUpDaysB,
        _ => FollowUpDaysC,
    };

    public int? OpportunityDays(CustomerLevel level) => level switch
    {
        CustomerLevel.A => OpportunityDaysA,
        CustomerLevel.B => OpportunityDaysB,
        _ => OpportunityDaysC,
    };

    public sealed class Configuration : IEntityTypeConfiguration<PoolRules>
    {
        public void Configure(EntityTypeBuilder<PoolRules> r)
        {
            r.ToTable("PoolRules");
            r.Property(x => x.Version).IsConcurrencyToken();
        }
    }
}

public static class PoolTables
{
    extension(PipewrightDb db)
    {
        public DbSet<PoolRules> PoolRules => db.Set<PoolRules>();

        /// <summary>The saved rules, or the defaults when none were saved.</summary>
        public async Task<PoolRules> CurrentPoolRulesAsync(CancellationToken ct) =>
            await db.PoolRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == PublicPool.PoolRules.SingletonId, ct)
            ?? new PoolRules();
    }
}

/// <summary>Customers asks whether pooled contacts are masked; the rule is ours.</summary>
public sealed class PoolContactPolicy : IPoolContactPolicy
{
    public async Task<bool> MasksPhonesAsync(PipewrightDb db, CancellationToken ct) =>
        (await db.CurrentPoolRulesAsync(ct)).MaskPhonesInPool;
}

/// <summary>Business dates in China: "30 days without a follow-up" counts calendar days there, not UTC hours.</summary>
public static class PoolDates
{
    public static DateOnly ChinaDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, ChinaTime.Zone).DateTime);

    /// <summary>Midnight of the China business date, as an instant (for "claims today").</summary>
    public static DateTimeOffset StartOfChinaDay(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, ChinaTime.Zone);
        return new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
    }
}

/// <summary>Why a customer is in the pool (Customer.PoolReason); shown as pool.reason.{value}.</summary>
public static class PoolReasons
{
    public const string Released = "released";
    public const string NoFollowUp = "noFollowUp";
    public const string NoOpportunity = "noOpportunity";
}
