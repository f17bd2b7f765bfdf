using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Approvals;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Pipeline;

namespace Pipewright.Quotes;

public sealed record ListQuotesRequest : PagedQuery
{
    [RegularExpression("^(?i)(draft|pendingApproval|approved|rejected)$", ErrorMessage = "validation.invalid")] public string? Status { get; init; }
    public Guid? OpportunityId { get; init; }
    public Guid? CustomerId { get; init; }
}

/// <summary>Reads quotes within the caller's scope; approvers also see the quotes they are asked about.</summary>
public sealed class QuoteReader(IDbContextFactory<PipewrightDb> dbFactory, CurrentUserLoader users)
{
    public async Task<Outcome<QuoteDto>> GetAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var quote = await FindVisibleAsync(db, id, user, ct);
        return quote is null ? Failure.NotFound() : await ToDtoAsync(db, quote, ct);
    }

    /// <summary>The quote with its lines, if the caller may see it (their scope, or they were asked to approve it).</summary>
    public static async Task<Quote?> FindVisibleAsync(PipewrightDb db, Guid id, CurrentUser user, CancellationToken ct)
    {
        var quote = await db.Quotes.AsNoTracking().Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, ct);
        if (quote is null) return null;
        if (user.SeesEverything || user.ScopeOwnerIds.Contains(quote.OwnerId)) return quote;
        var asked = await (from a in db.Approvals
                           join t in db.ApprovalTasks on a.Id equals t.ApprovalId
                           where a.SubjectType == QuoteApprovalSubject.Type && a.SubjectId == id && (t.AssigneeId == user.Id || t.ApproverId == user.Id)
                           select t.Id).AnyAsync(ct);
        return asked ? quote : null;
    }

    public async Task<QuoteDto> ToDtoAsync(PipewrightDb db, Quote quote, CancellationToken ct)
    {
        var names = await users.DisplayNamesAsync(ct);
        var opportunity = await db.Opportunities.Where(o => o.Id == quote.OpportunityId).Select(o => o.Title).SingleOrDefaultAsync(ct);
        var customer = await db.Customers.Where(c => c.Id == quote.CustomerId).Select(c => c.Name).SingleOrDefaultAsync(ct);
        var revisions = await db.Quotes.AsNoTracking().Where(q => q.FamilyId == quote.FamilyId).OrderBy(q => q.Revision)
            .Select(q => new QuoteRevisionDto(q.Id, q.Revision, q.Status, q.IsCurrent, q.CreatedAt)).ToListAsync(ct);
        return quote.ToDto(opportunity, customer, names.GetValueOrDefault(quote.OwnerId), revisions);
    }

    public async Task<Paged<QuoteSummaryDto>> ListAsync(ListQuotesRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var quotes = db.Quotes.AsNoTracking().VisibleTo(user).Where(q => q.IsCurrent);
        if (request.Status is { } text)
        {
            var status = Enum.Parse<QuoteStatus>(text, ignoreCase: true);
            quotes = quotes.Where(q => q.Status == status);
        }
        if (request.OpportunityId is { } opportunityId) quotes = quotes.Where(q => q.OpportunityId == opportunityId);
        if (request.CustomerId is { } customerId) quotes = quotes.Where(q => q.CustomerId == customerId);
        var page = await quotes.OrderByDescending(q => q.UpdatedAt).Include(q => q.Lines).ToPageAsync(request, ct);
        var customerIds = page.Items.Select(q => q.CustomerId).Distinct().ToList();
        var customers = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var names = await users.DisplayNamesAsync(ct);
        return new Paged<QuoteSummaryDto>([.. page.Items.Select(q => new QuoteSummaryDto(
            q.Id, QuoteViews.DisplayCode(q.Code, q.Revision), q.Revision, q.OpportunityId, q.CustomerId, customers.GetValueOrDefault(q.CustomerId),
            q.OwnerId, names.GetValueOrDefault(q.OwnerId), q.Status, q.Figures().Amount.Yuan, q.ValidUntil, q.UpdatedAt))],
            page.Total, page.Page, page.PageSize);
    }
}
