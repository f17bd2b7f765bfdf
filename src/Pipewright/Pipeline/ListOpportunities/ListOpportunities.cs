using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.CreateOpportunity;

namespace Pipewright.Pipeline.ListOpportunities;

public sealed record ListOpportunitiesRequest : PagedQuery
{
    public string? Stage { get; init; }
    public Guid? OwnerId { get; init; }

    [System.ComponentModel.DataAnnotations.AllowedValues(null, "open", "won", "lost", ErrorMessage = "opportunity.status.invalid")]
    public string? Status { get; init; }
    public Guid? CustomerId { get; init; }

    /// <summary>Deals owned by members of this team or of its sub-teams (the board's filter).</summary>
    public Guid? TeamId { get; init; }

    [System.ComponentModel.DataAnnotations.MaxLength(OpportunityLimits.Short, ErrorMessage = "validation.maxLength")]
    public string? ProductCategory { get; init; }
}

/// <summary>GET /opportunities: the caller's visible deals, newest first, filtered and paged in SQL.</summary>
public sealed class ListOpportunitiesHandler(IDbContextFactory<PipewrightDb> dbFactory)
{
    public async Task<Outcome<Paged<OpportunityDto>>> HandleAsync(ListOpportunitiesRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (spec, _) = await DefaultPipeline.CurrentAsync(db, ct);
        var query = db.Opportunities.AsNoTracking().VisibleTo(user);
        if (!string.IsNullOrWhiteSpace(request.Stage)) query = query.Where(o => o.StageKey == request.Stage);
        if (request.OwnerId is { } ownerId) query = query.Where(o => o.OwnerId == ownerId);
        if (request.CustomerId is { } customerId) query = query.Where(o => o.CustomerId == customerId);
        if (!string.IsNullOrWhiteSpace(request.ProductCategory)) query = query.Where(o => o.ProductCategory == request.ProductCategory.Trim());
        if (request.TeamId is { } teamId)
        {
            var teams = await TeamTree.WithDescendantsAsync(db, teamId, ct);
            var members = await db.Users.Where(u => u.TeamId != null && teams.Contains(u.TeamId.Value)).Select(u => u.Id).ToListAsync(ct);
            query = query.Where(o => members.Contains(o.OwnerId));
        }
        if (request.Status is { } status)
        {
            var wanted = Enum.Parse<OpportunityStatus>(status, ignoreCase: true);
            query = query.Where(o => o.Status == wanted);
        }
        var page = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).ToPageAsync(request, ct);
        return new Paged<OpportunityDto>([.. page.Items.Select(o => o.ToDto(spec))], page.Total, page.Page, page.PageSize);
    }
}
