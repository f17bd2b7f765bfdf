using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;

namespace Pipewright.Activities.Timeline;

public sealed record CustomerActivitiesRequest : PagedQuery;

/// <summary>A customer's follow-ups, newest first, one page at a time; a customer out of scope is not found.</summary>
public sealed class CustomerActivitiesHandler(IDbContextFactory<PipewrightDb> dbFactory)
{
    public async Task<Outcome<Paged<ActivityDto>>> HandleAsync(Guid customerId, PagedQuery request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Customers.VisibleTo(user).AnyAsync(c => c.Id == customerId, ct)) return Failure.NotFound();
        var page = await db.Activities.AsNoTracking().Where(a => a.CustomerId == customerId)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .ToPageAsync(request, ct);
        return new Paged<ActivityDto>(await db.ToDtosAsync(page.Items, ct), page.Total, page.Page, page.PageSize);
    }
}
