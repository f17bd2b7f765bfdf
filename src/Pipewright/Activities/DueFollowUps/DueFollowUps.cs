using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;

namespace Pipewright.Activities.DueFollowUps;

public sealed record DueFollowUpsRequest : PagedQuery;

/// <summary>A next step that is due: what to do, for which customer, since when.</summary>
public sealed record DueFollowUpDto(
    Guid ActivityId, Guid CustomerId, string CustomerCode, string CustomerName, string? NextStep, DateOnly NextDate,
    int DaysOverdue, string Kind, DateTimeOffset OccurredAt, string Content);

/// <summary>
/// "Today's follow-ups" (王磊's morning list): open next steps dated today or earlier (China time), on the
/// caller's own customers or written by the caller, oldest first; a later follow-up on the customer closes them.
/// </summary>
public sealed class DueFollowUpsHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public async Task<Paged<DueFollowUpDto>> HandleAsync(DueFollowUpsRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = Today(clock);
        var customers = db.Customers.VisibleTo(user);
        var due = from a in db.Activities.AsNoTracking()
                  join c in customers on a.CustomerId equals c.Id
                  where a.NextStepDoneAt == null && a.NextDate != null && a.NextDate <= today && (c.OwnerId == user.Id || a.AuthorId == user.Id)
                  orderby a.NextDate, c.Code, a.Id
                  select new { a.Id, a.CustomerId, c.Code, c.Name, a.NextStep, NextDate = a.NextDate!.Value, a.Kind, a.OccurredAt, a.Content };
        var page = await due.ToPageAsync(request, ct);
        return new Paged<DueFollowUpDto>(page.Items.Select(d => new DueFollowUpDto(
                d.Id, d.CustomerId, d.Code, d.Name, d.NextStep, d.NextDate, today.DayNumber - d.NextDate.DayNumber,
                d.Kind.KindName(), d.OccurredAt, d.Content)).ToList(),
            page.Total, page.Page, page.PageSize);
    }

    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ChinaTime.Zone).DateTime);
}
