using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;

namespace Pipewright.Leads.Inbox;

public sealed record ListLeadsRequest : PagedQuery
{
    [AllowedValues(null, "new", "contacted", "qualified", "converted", "disqualified", ErrorMessage = "leads.status.invalid")]
    public string? Status { get; init; }
}

public sealed record LeadDto(
    Guid Id, string CompanyName, string ContactName, string? Mobile, string? Email, string? ProductInterest, string? Message,
    LeadStatus Status, string? DisqualifyReason, Guid OwnerId, string? OwnerName, Guid FormId, string FormName, LeadChannel Channel,
    Guid? CustomerId, string? CustomerName, Guid? OpportunityId, DateTimeOffset CreatedAt, DateTimeOffset? FirstRespondedAt,
    int? FirstResponseMinutes, DateTimeOffset? ConvertedAt, int Version);

public sealed record LeadStatusCount(LeadStatus Status, int Count);

/// <summary>The leads inbox: the caller's leads (a manager's team tree, management all), newest first, paged in the database.</summary>
public sealed class LeadInboxHandler(IDbContextFactory<PipewrightDb> dbFactory, CurrentUserLoader people)
{
    public async Task<Paged<LeadDto>> ListAsync(ListLeadsRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var leads = db.Leads.AsNoTracking().VisibleTo(user);
        if (request.Status is { } status)
        {
            var parsed = Enum.Parse<LeadStatus>(status, ignoreCase: true);
            leads = leads.Where(l => l.Status == parsed);
        }
        var page = await leads.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).ToPageAsync(request, ct);
        return new Paged<LeadDto>(await ToDtosAsync(db, page.Items, ct), page.Total, page.Page, page.PageSize);
    }

    public async Task<IReadOnlyList<LeadStatusCount>> CountAsync(CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Leads.AsNoTracking().VisibleTo(user).GroupBy(l => l.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return Enum.GetValues<LeadStatus>().Select(s => new LeadStatusCount(s, counts.GetValueOrDefault(s))).ToList();
    }

    /// <summary>A lead outside the caller's scope is "not found": its existence is not disclosed.</summary>
    public async Task<Outcome<LeadDto>> GetAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Leads.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(l => l.Id == id, ct);
        return lead is null ? Failure.NotFound() : (await ToDtosAsync(db, [lead], ct))[0];
    }

    /// <summary>
    /// The matched customer's name is shown even when the customer is someone else's: like a duplicate warning it
    /// tells the rep whose account the lead touches, without its contacts.
    /// </summary>
    private async Task<List<LeadDto>> ToDtosAsync(PipewrightDb db, IReadOnlyList<Lead> leads, CancellationToken ct)
    {
        var formIds = leads.Select(l => l.FormId).Distinct().ToList();
        var forms = await db.LeadForms.AsNoTracking().Where(f => formIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var customerIds = leads.Where(l => l.CustomerId != null).Select(l => l.CustomerId!.Value).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var names = await people.DisplayNamesAsync(ct);
        return leads.Select(l => new LeadDto(l.Id, l.CompanyName, l.ContactName, l.Mobile, l.Email, l.ProductInterest, l.Message,
            l.Status, l.DisqualifyReason, l.OwnerId, names.GetValueOrDefault(l.OwnerId), l.FormId, forms.GetValueOrDefault(l.FormId) ?? "",
            l.Channel, l.CustomerId, l.CustomerId is { } c ? customers.GetValueOrDefault(c) : null, l.OpportunityId, l.CreatedAt,
            l.FirstRespondedAt, l.FirstResponseMinutes, l.ConvertedAt, l.Version)).ToList();
    }
}
