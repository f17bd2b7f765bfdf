using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;

namespace Pipewright.PublicPool.Rules;

public sealed record LevelRuleDto
{
    [Required(ErrorMessage = "validation.required"), AllowedValues("A", "B", "C", ErrorMessage = "validation.level")]
    public string Level { get; init; } = "";

    [Range(1, 3650, ErrorMessage = "validation.range")] public int DaysWithoutFollowUp { get; init; }

    /// <summary>null: a customer without deals is not returned for that reason.</summary>
    [Range(1, 3650, ErrorMessage = "validation.range")] public int? DaysWithoutOpportunity { get; init; }
}

public sealed record PoolRulesDto
{
    [Required(ErrorMessage = "validation.required"), Length(3, 3, ErrorMessage = "pool.rules.levels")]
    public List<LevelRuleDto> Levels { get; init; } = [];
    public bool ExemptWonCustomers { get; init; }
    public bool ExemptKeyCustomers { get; init; }
    [Range(0, 60, ErrorMessage = "validation.range")] public int ReminderDaysBefore { get; init; }
    [Range(1, 1000, ErrorMessage = "validation.range")] public int DailyClaimQuota { get; init; }
    [Range(1, 100000, ErrorMessage = "validation.range")] public int MaxCustomersPerOwner { get; init; }
    [Range(0, 3650, ErrorMessage = "validation.range")] public int ReclaimCooldownDays { get; init; }
    public bool MaskPhonesInPool { get; init; }

    /// <summary>The version the editor started from; a save over a newer version is refused.</summary>
    public int Version { get; init; }

    public static PoolRulesDto From(PoolRules r) => new()
    {
        Levels = [.. Enum.GetValues<CustomerLevel>().Select(l => new LevelRuleDto
        {
            Level = l.ToString(), DaysWithoutFollowUp = r.FollowUpDays(l), DaysWithoutOpportunity = r.OpportunityDays(l),
        })],
        ExemptWonCustomers = r.ExemptWonCustomers, ExemptKeyCustomers = r.ExemptKeyCustomers,
        ReminderDaysBefore = r.ReminderDaysBefore, DailyClaimQuota = r.DailyClaimQuota,
        MaxCustomersPerOwner = r.MaxCustomersPerOwner, ReclaimCooldownDays = r.ReclaimCooldownDays,
        MaskPhonesInPool = r.MaskPhonesInPool, Version = r.Version,
    };
}

/// <summary>Reads and saves the pool rules; every change is in the audit trail (PoolRules is audited).</summary>
public sealed class PoolRulesHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public async Task<PoolRulesDto> GetAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return PoolRulesDto.From(await db.CurrentPoolRulesAsync(ct));
    }

    public async Task<Outcome<PoolRulesDto>> SaveAsync(PoolRulesDto request, CurrentUser user, CancellationToken ct)
    {
        var levels = request.Levels.DistinctBy(l => l.Level).ToDictionary(l => l.Level, StringComparer.Ordinal);
        if (levels.Count != 3) return Failure.Invalid("levels", "pool.rules.levels");
        if (request.Levels.Any(l => l.DaysWithoutFollowUp <= request.ReminderDaysBefore))
            return Failure.Invalid("reminderDaysBefore", "pool.rules.reminderTooLate");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var rules = await db.PoolRules.SingleOrDefaultAsync(r => r.Id == PoolRules.SingletonId, ct);
        if (rules is null)
        {
            rules = new PoolRules();
            db.PoolRules.Add(rules);
        }
        if (rules.Version != request.Version) return Failure.Concurrency();
        // The defaults are version 0; the first saved row is 1, so that a form opened on the defaults goes stale too.
        if (db.Entry(rules).State == EntityState.Added) rules.Version = 1;
        (rules.FollowUpDaysA, rules.OpportunityDaysA) = (levels["A"].DaysWithoutFollowUp, levels["A"].DaysWithoutOpportunity);
        (rules.FollowUpDaysB, rules.OpportunityDaysB) = (levels["B"].DaysWithoutFollowUp, levels["B"].DaysWithoutOpportunity);
        (rules.FollowUpDaysC, rules.OpportunityDaysC) = (levels["C"].DaysWithoutFollowUp, levels["C"].DaysWithoutOpportunity);
        rules.ExemptWonCustomers = request.ExemptWonCustomers;
        rules.ExemptKeyCustomers = request.ExemptKeyCustomers;
        rules.ReminderDaysBefore = request.ReminderDaysBefore;
        rules.DailyClaimQuota = request.DailyClaimQuota;
        rules.MaxCustomersPerOwner = request.MaxCustomersPerOwner;
        rules.ReclaimCooldownDays = request.ReclaimCooldownDays;
        rules.MaskPhonesInPool = request.MaskPhonesInPool;
        rules.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator saved first (a newer version, or the first row inserted meanwhile).
            return Failure.Concurrency();
        }
        return PoolRulesDto.From(rules);
    }
}
