using Microsoft.EntityFrameworkCore;
using Pipewright.Activities;
using Pipewright.Common.Data;
using Pipewright.Common.Ownership;
using Pipewright.Customers;
using Pipewright.Notifications;
using Pipewright.PublicPool;

namespace Pipewright.Demo;

/// <summary>
/// The pool in the demo: three of 王磊's C-level customers last followed up 27–29 days ago (warned: they return
/// in 1–3 days under the default rules), and three customers already in the pool with their previous owners.
/// Chooses its customers itself and writes their follow-ups, so that it depends on no other demo data.
/// </summary>
public static class DemoPool
{
    public static async Task LoadAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var db = services.GetRequiredService<PipewrightDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var people = await db.Users.Where(u => u.UserName == "wanglei" || u.UserName == "zhangwei" || u.UserName == "xulijuan")
            .ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        var wanglei = people["wanglei"];
        var rules = new PoolRules();
        var today = PoolDates.ChinaDate(now);

        // Held since two months (the C-level opportunity rule, 90 days, is not near); a follow-up 27, 28, 29 days ago.
        var held = await db.Customers.Where(c => c.OwnerId == wanglei && c.Level == CustomerLevel.C && !c.IsKey)
            .OrderByDescending(c => c.Code).Take(3).ToListAsync(ct); // the first ones on his list
        for (var i = 0; i < held.Count; i++)
        {
            var customer = held[i];
            var since = now.AddDays(-60);
            var lastFollowUp = now.AddDays(-(27 + i));
            (customer.CreatedAt, customer.OwnerSince) = (since, since);
            customer.PoolReturnOn = PoolDates.ChinaDate(lastFollowUp).AddDays(rules.FollowUpDaysC);
            db.Activities.Add(new Activity
            {
                CustomerId = customer.Id, AuthorId = wanglei, Kind = ActivityKind.Call, OccurredAt = lastFollowUp, CreatedAt = lastFollowUp,
                Content = "电话沟通年度阀门采购计划，对方说下个月再定，需要再跟进。",
            });
            db.RecordOwnership(nameof(Customer), customer.Id, null, wanglei, OwnershipReason.Created, since);
            notifier.Notify(db, wanglei, "pool-warning", "notification.pool.warning.title", "notification.pool.warning.body",
                [customer.Name, customer.PoolReturnOn.Value.DayNumber - today.DayNumber, customer.PoolReturnOn.Value.ToString("yyyy-MM-dd")],
                $"/customers/{customer.Id}");
        }

        // Already in the pool: returned by the rules, or given up by their owner.
        var pooled = await db.Customers.Where(c => c.OwnerId == null).OrderBy(c => c.Code).Take(3).ToListAsync(ct);
        var history = new[]
        {
            (Owner: people["zhangwei"], Days: 5, Reason: PoolReasons.NoFollowUp),
            (Owner: people["xulijuan"], Days: 12, Reason: PoolReasons.Released),
            (Owner: people["zhangwei"], Days: 40, Reason: PoolReasons.NoOpportunity),
        };
        foreach (var (customer, (owner, days, reason)) in pooled.Zip(history))
        {
            var pooledAt = now.AddDays(-days);
            var since = pooledAt.AddDays(-120);
            (customer.CreatedAt, customer.PreviousOwnerId, customer.PooledAt, customer.PoolReason) = (since, owner, pooledAt, reason);
            db.RecordOwnership(nameof(Customer), customer.Id, null, owner, OwnershipReason.Created, since);
            db.RecordOwnership(nameof(Customer), customer.Id, owner, null,
                reason == PoolReasons.Released ? OwnershipReason.Released : OwnershipReason.ReturnedByRule, pooledAt,
                reason == PoolReasons.Released ? "客户改用进口品牌，暂无需求" : reason);
        }
        await db.SaveChangesAsync(ct);
    }
}
