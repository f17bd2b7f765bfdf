using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Ownership;
using Pipewright.Customers;

namespace Pipewright.PublicPool.ClaimCustomer;

/// <summary>Where a person stands against the pool's limits today.</summary>
public sealed record PoolStanding(int ClaimedToday, int DailyClaimQuota, int Holding, int MaxCustomersPerOwner);

/// <summary>
/// A salesperson takes a customer from the pool. Two claims at once: the first wins, the second gets a 409
/// (claims run one at a time — SQLite's write lock, a PostgreSQL advisory lock — and the customer's
/// version is the last guard).
/// </summary>
public sealed class ClaimCustomerHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    private const long ClaimLock = 727274201;

    public async Task<Outcome<CustomerDto>> HandleAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        if (!user.SeesPool()) return Failure.NotFound();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The quota and the cap count this person's claims and customers: two of their own claims must not both pass.
        if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ClaimLock})", ct);

        var customer = await db.Customers.Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return Failure.NotFound();
        if (customer.OwnerId is not null)
            return new Failure(409, "problem.conflict", new Common.Localization.Strings()["pool.claim.taken"],
                Extensions: new Dictionary<string, object?> { ["kind"] = "taken" });

        var now = clock.GetUtcNow();
        var rules = await db.CurrentPoolRulesAsync(ct);
        if (customer.PreviousOwnerId == user.Id && customer.PooledAt is { } pooledAt)
        {
            var until = PoolDates.ChinaDate(pooledAt).AddDays(rules.ReclaimCooldownDays);
            if (PoolDates.ChinaDate(now) < until) return Failure.Rule("pool.claim.cooldown", until.ToString("yyyy-MM-dd"));
        }
        var standing = await StandingAsync(db, rules, user.Id, now, ct);
        if (standing.ClaimedToday >= standing.DailyClaimQuota) return Failure.Rule("pool.claim.quota", standing.DailyClaimQuota);
        if (standing.Holding >= standing.MaxCustomersPerOwner) return Failure.Rule("pool.claim.cap", standing.MaxCustomersPerOwner);

        customer.TakeOver(user.Id, now);
        db.RecordOwnership(nameof(Customer), customer.Id, null, user.Id, OwnershipReason.Claimed, now);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Concurrency();
        }
        return customer.ToDto(user.DisplayName);
    }

    public async Task<PoolStanding> StandingAsync(CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await StandingAsync(db, await db.CurrentPoolRulesAsync(ct), user.Id, clock.GetUtcNow(), ct);
    }

    private static async Task<PoolStanding> StandingAsync(PipewrightDb db, PoolRules rules, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var since = PoolDates.StartOfChinaDay(now);
        var claimed = await db.OwnershipChanges.CountAsync(o => o.ToUserId == userId && o.Reason == OwnershipReason.Claimed
            && o.EntityType == nameof(Customer) && o.At >= since, ct);
        var holding = await db.Customers.CountAsync(c => c.OwnerId == userId, ct);
        return new PoolStanding(claimed, rules.DailyClaimQuota, holding, rules.MaxCustomersPerOwner);
    }
}
