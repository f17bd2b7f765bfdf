using Microsoft.EntityFrameworkCore;
using Pipewright.Activities;
using Pipewright.Common.Data;
using Pipewright.Common.Ownership;
using Pipewright.Customers;
using Pipewright.Notifications;
using Pipewright.Pipeline;

namespace Pipewright.PublicPool.Sweep;

public sealed record PoolRunSummary(int Warned, int Returned, bool Skipped = false);

/// <summary>
/// Applies the pool rules once: warns owners N days before a customer returns, and returns the customers
/// whose day has come. Idempotent — a second run on the same day finds nothing more to do (a warning is
/// sent once per due date) — and, on PostgreSQL, run by one node at a time.
/// </summary>
public sealed partial class PoolSweep(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock, Notifier notifier,
    ILogger<PoolSweep> logger)
{
    private const long SweepLock = 727274301;

    public async Task<PoolRunSummary> RunAsync(CancellationToken ct)
    {
        var skipped = new PoolRunSummary(0, 0, Skipped: true);
        var result = await AdvisoryLock.RunExclusiveAsync(dbFactory, SweepLock, SweepAsync, skipped, ct);
        if (ReferenceEquals(result, skipped)) LogBusy(logger);
        return result;
    }

    private async Task<PoolRunSummary> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = PoolDates.ChinaDate(now);
        List<Due> due;
        PoolRules rules;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            rules = await db.CurrentPoolRulesAsync(ct);
            due = (await CandidatesAsync(db, rules, ct)).Select(c => DueOf(c, rules)).ToList();
        }

        var (warned, returned) = (0, 0);
        foreach (var d in due)
        {
            var step = Decide(d, today, rules);
            if (step == Step.None || !await ApplyAsync(d.Candidate.Id, step, rules, now, ct)) continue;
            if (step == Step.Return) returned++;
            if (step == Step.Warn) warned++;
        }
        LogSwept(logger, warned, returned);
        return new PoolRunSummary(warned, returned);
    }

    private sealed record Candidate(Guid Id, Guid OwnerId, CustomerLevel Level, DateTimeOffset CreatedAt,
        DateTimeOffset? OwnerSince, DateOnly? PoolReturnOn, DateTimeOffset? LastFollowUp, bool HasOpenDeal, DateTimeOffset? LastDeal);

    private sealed record Due(Candidate Candidate, DateOnly On, string Reason);

    private enum Step { None, Warn, Return, ClearWarning }

    private static Step Decide(Due d, DateOnly today, PoolRules rules)
    {
        var warnFrom = d.On.AddDays(-rules.ReminderDaysBefore);
        if (today >= d.On) return Step.Return;
        if (today >= warnFrom) return d.Candidate.PoolReturnOn == d.On ? Step.None : Step.Warn;
        // Followed up since the warning: the tag goes, and a warning for the new date will come in time.
        return d.Candidate.PoolReturnOn is null ? Step.None : Step.ClearWarning;
    }

    private static async Task<List<Candidate>> CandidatesAsync(PipewrightDb db, PoolRules rules, CancellationToken ct, Guid? only = null)
    {
        // Extension properties cannot appear inside a query's expression tree: take the sets first.
        var (activities, opportunities) = (db.Activities, db.Opportunities);
        var owned = db.Customers.AsNoTracking().Where(c => c.OwnerId != null);
        if (only is { } id) owned = owned.Where(c => c.Id == id);
        if (rules.ExemptKeyCustomers) owned = owned.Where(c => !c.IsKey);
        if (rules.ExemptWonCustomers)
            owned = owned.Where(c => !opportunities.Any(o => o.CustomerId == c.Id && o.Status == OpportunityStatus.Won));
        // Only the owner's own follow-ups keep a customer: a manager's note does not make an idle rep active.
        return await owned.Select(c => new Candidate(c.Id, c.OwnerId!.Value, c.Level, c.CreatedAt, c.OwnerSince, c.PoolReturnOn,
                activities.Where(a => a.CustomerId == c.Id && a.AuthorId == c.OwnerId).Max(a => (DateTimeOffset?)a.OccurredAt),
                opportunities.Any(o => o.CustomerId == c.Id && o.Status == OpportunityStatus.Open),
                opportunities.Where(o => o.CustomerId == c.Id).Max(o => (DateTimeOffset?)o.CreatedAt)))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The business date the customer returns: its period starts at the latest of creation, the current owner's
    /// taking it over and their last follow-up (or last deal), so a new owner always gets a full period.
    /// </summary>
    private static Due DueOf(Candidate c, PoolRules rules)
    {
        var ownedSince = Later(c.CreatedAt, c.OwnerSince);
        var due = new Due(c, PoolDates.ChinaDate(Later(ownedSince, c.LastFollowUp)).AddDays(rules.FollowUpDays(c.Level)), PoolReasons.NoFollowUp);
        if (rules.OpportunityDays(c.Level) is { } days && !c.HasOpenDeal)
        {
            var byDeals = PoolDates.ChinaDate(Later(ownedSince, c.LastDeal)).AddDays(days);
            if (byDeals < due.On) due = due with { On = byDeals, Reason = PoolReasons.NoOpportunity };
        }
        return due;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset? b) => b is { } x && x > a ? x : a;

    private void Warn(PipewrightDb db, Customer customer, Due d, DateOnly today)
    {
        customer.PoolReturnOn = d.On;
        notifier.Notify(db, d.Candidate.OwnerId, "pool-warning", "notification.pool.warning.title", "notification.pool.warning.body",
            [customer.Name, d.On.DayNumber - today.DayNumber, d.On.ToString("yyyy-MM-dd")], $"/customers/{customer.Id}");
    }

    private void Return(PipewrightDb db, Customer customer, Due d, DateTimeOffset now)
    {
        var owner = d.Candidate.OwnerId;
        customer.TakeOver(null, now);
        (customer.PreviousOwnerId, customer.PooledAt, customer.PoolReason) = (owner, now, d.Reason);
        db.RecordOwnership(nameof(Customer), customer.Id, owner, null, OwnershipReason.ReturnedByRule, now, d.Reason);
        notifier.Notify(db, owner, "pool-returned", "notification.pool.returned.title", $"notification.pool.returned.{d.Reason}",
            [customer.Name], $"/customers/{customer.Id}");
    }

    /// <summary>
    /// One customer per save, decided again on fresh data: a customer followed up, claimed or edited since the
    /// scan is left as it now stands (or for the next run) rather than failing the others.
    /// </summary>
    private async Task<bool> ApplyAsync(Guid id, Step expected, PoolRules rules, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if ((await CandidatesAsync(db, rules, ct, id)).SingleOrDefault() is not { } fresh) return false;
        var d = DueOf(fresh, rules);
        if (Decide(d, PoolDates.ChinaDate(now), rules) != expected) return false;
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id && c.OwnerId == fresh.OwnerId, ct);
        if (customer is null) return false;
        switch (expected)
        {
            case Step.Return: Return(db, customer, d, now); break;
            case Step.Warn: Warn(db, customer, d, PoolDates.ChinaDate(now)); break;
            default: customer.PoolReturnOn = null; break;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Public pool: {Warned} owners warned, {Returned} customers returned.")]
    private static partial void LogSwept(ILogger logger, int warned, int returned);

    [LoggerMessage(Level = LogLevel.Information, Message = "Public pool: another node is applying the rules; skipped.")]
    private static partial void LogBusy(ILogger logger);
}
