using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;
using Pipewright.Organisation;

namespace Pipewright.Customers;

/// <summary>A departing salesperson's customers go to the successor; each move is in the audit trail.</summary>
public sealed class CustomerHandover(TimeProvider clock) : IHandoverStep
{
    public string Name => "customers";

    public async Task<int> MoveAsync(PipewrightDb db, Guid from, Guid to, CancellationToken ct)
    {
        var customers = await db.Customers.Where(c => c.OwnerId == from).ToListAsync(ct);
        foreach (var customer in customers)
        {
            customer.OwnerId = to;
            customer.UpdatedAt = clock.GetUtcNow();
        }
        return customers.Count;
    }
}
