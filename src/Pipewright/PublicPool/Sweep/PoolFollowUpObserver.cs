using Pipewright.Activities;
using Pipewright.Common.Data;
using Pipewright.Customers;

namespace Pipewright.PublicPool.Sweep;

/// <summary>The owner followed up: the "returning to the pool" tag goes at once, not at the next nightly run.</summary>
public sealed class PoolFollowUpObserver : IActivityObserver
{
    public async Task OnRecordedAsync(PipewrightDb db, Activity activity, CancellationToken ct)
    {
        var customer = await db.Customers.FindAsync([activity.CustomerId], ct);
        if (customer is { PoolReturnOn: not null } && customer.OwnerId == activity.AuthorId) customer.PoolReturnOn = null;
    }
}
