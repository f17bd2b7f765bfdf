using Microsoft.EntityFrameworkCore;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.Requirements;

namespace Pipewright.Quotes;

/// <summary>
/// The funnel's <c>quote</c> requirement: the deal has an approved quote (its current revision). It ticks itself
/// when the last approver approves (<see cref="QuoteApproval.MarkApproved"/> re-evaluates the deal).
/// </summary>
public sealed class ApprovedQuoteKind : IRequirementKind
{
    public string Kind => "quote";
    public bool TakesValues => false;

    public IEnumerable<(string Path, string MessageKey)> CheckDefinition(RequirementSpec spec) => [];

    public Task<Dictionary<string, string[]>> ApplyAsync(RequirementContext context, RequirementInput input, CancellationToken ct) =>
        throw new InvalidOperationException("Evidence kinds take no values.");

    public async Task<bool> IsMetAsync(RequirementContext context, CancellationToken ct)
    {
        var id = context.Opportunity.Id;
        // The quote being approved is changed in the caller's context and not saved yet.
        if (context.Db.ChangeTracker.Entries<Quote>().Any(e => e.Entity.OpportunityId == id && e.Entity.IsCurrent && e.Entity.Status == QuoteStatus.Approved))
            return true;
        return await context.Db.Quotes.AnyAsync(q => q.OpportunityId == id && q.IsCurrent && q.Status == QuoteStatus.Approved, ct);
    }
}
