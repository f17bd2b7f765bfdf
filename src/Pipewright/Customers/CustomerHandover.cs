using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;
using Pipewright.Common.Ownership;
using Pipewright.Organisation;

namespace Pipewright.Customers;

/// <summary>
/// A departing salesperson's customers go to the successor, each with an ownership-history row; the successor
/// gets a full pool period from today.
/// </summary>
public sealed class CustomerHandover(TimeProvider clock) : IHandoverStep
{
    public string Name => "customers";

    public Task<int> CountAsync(PipewrightDb db, Guid from, CancellationToken ct) =>
        db.Customers.CountAsync(c => c.OwnerId == from, ct);

    public async Task<int> MoveAsync(PipewrightDb db, Guid from, Guid to, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var customers = await db.Customers.Where(c => c.OwnerId == from).ToListAsync(ct);
        foreach (var customer in customers)
        {
            customer.TakeOver(to, now);
            db.RecordOwnership(nameof(Customer), customer.Id, from, to, OwnershipReason.Handover, now);
        }
        return customers.Count;
    }
}
