using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Leads;
using Pipewright.Pipeline;

namespace Pipewright.Reports;

/// <summary>
/// What every report takes: a period of China business dates (both ends included), a team with its sub-teams,
/// an owner and a product category. Applied inside the caller's data scope.
/// </summary>
public record ReportFilter : IValidatableObject
{
    /// <summary>Longest period a report covers: ten years is more than any company keeps in one system.</summary>
    public const int MaxDays = 3660;

    /// <summary>The period when none is given: the last 90 days, today included.</summary>
    public const int DefaultDays = 90;

    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public Guid? TeamId { get; init; }
    public Guid? OwnerId { get; init; }

    [MaxLength(OpportunityLimits.Short, ErrorMessage = "validation.maxLength")] public string? ProductCategory { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From is { } from && To is { } to)
        {
            if (from > to) yield return new ValidationResult("reports.filter.toBeforeFrom", [nameof(To)]);
            else if (to.DayNumber - from.DayNumber >= MaxDays) yield return new ValidationResult("reports.filter.tooLong", [nameof(To)]);
        }
    }
}

/// <summary>
/// A resolved filter: the period as UTC instants [Start, End), the owners whose records count (null: everyone's)
/// and the category.
/// </summary>
public sealed record ReportScope(DateOnly From, DateOnly To, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<Guid>? Owners,
    string? Category, DateTimeOffset Now)
{
    public IQueryable<Opportunity> Opportunities(PipewrightDb db, CurrentUser user)
    {
        var q = db.Opportunities.AsNoTracking().VisibleTo(user);
        if (Owners is { } owners) q = q.Where(o => owners.Contains(o.OwnerId));
        if (Category is { } category) q = q.Where(o => o.ProductCategory == category);
        return q;
    }

    /// <summary>The stays of those deals, filtered by their copies of the deal's owner and category: no join.</summary>
    public IQueryable<StageVisit> Stays(PipewrightDb db, CurrentUser user)
    {
        var q = db.StageVisits.AsNoTracking().VisibleTo(user);
        if (Owners is { } owners) q = q.Where(v => owners.Contains(v.DealOwnerId));
        if (Category is { } category) q = q.Where(v => v.DealCategory == category);
        return q;
    }

    /// <summary>Leads have no product category: the category filter does not narrow them (docs/metrics.md).</summary>
    public IQueryable<Lead> Leads(PipewrightDb db, CurrentUser user)
    {
        var q = db.Leads.AsNoTracking().VisibleTo(user);
        if (Owners is { } owners) q = q.Where(l => owners.Contains(l.OwnerId));
        return q;
    }

    /// <summary>The same filter over another period (a baseline).</summary>
    public ReportScope For(DateOnly from, DateOnly to) =>
        this with { From = from, To = to, Start = StartOf(from), End = StartOf(to.AddDays(1)) };

    public static DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaTime.Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
}

public sealed class ReportScopes(TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Sales reps see their own numbers, regional managers their region's, finance, the GM and admins everyone's.</summary>
    public static bool MayRead(CurrentUser user) =>
        user.SeesEverything || user.IsInRole(Roles.RegionalManager) || user.IsInRole(Roles.SalesRep);

    /// <summary>403 for roles without reports; 404 for a team or owner that does not exist or lies outside the caller's scope.</summary>
    public async Task<Outcome<ReportScope>> ResolveAsync(PipewrightDb db, ReportFilter filter, CurrentUser user, CancellationToken ct)
    {
        if (!MayRead(user)) return Failure.Forbidden();
        var now = clock.GetUtcNow();
        var to = filter.To ?? ChinaTime.DateOf(now);
        var from = filter.From ?? to.AddDays(1 - ReportFilter.DefaultDays);
        if (from > to) return Failure.Invalid("from", "reports.filter.toBeforeFrom");

        List<Guid>? owners = user.SeesEverything ? null : [.. user.ScopeOwnerIds];
        if (filter.TeamId is { } teamId)
        {
            if (!await db.Teams.AnyAsync(t => t.Id == teamId, ct) || !user.SeesEverything && !user.ScopeTeamIds.Contains(teamId))
                return Failure.NotFound();
            var teams = await TeamTree.WithDescendantsAsync(db, teamId, ct);
            var members = await db.Users.AsNoTracking().Where(u => u.TeamId != null && teams.Contains(u.TeamId.Value)).Select(u => u.Id).ToListAsync(ct);
            owners = owners is null ? members : [.. owners.Intersect(members)];
        }
        if (filter.OwnerId is { } ownerId)
        {
            if (!await db.Users.AnyAsync(u => u.Id == ownerId, ct) || !user.SeesEverything && !user.ScopeOwnerIds.Contains(ownerId))
                return Failure.NotFound();
            owners = owners is null || owners.Contains(ownerId) ? [ownerId] : [];
        }
        var category = string.IsNullOrWhiteSpace(filter.ProductCategory) ? null : filter.ProductCategory.Trim();
        return new ReportScope(from, to, ReportScope.StartOf(from), ReportScope.StartOf(to.AddDays(1)), owners, category, now);
    }
}

/// <summary>Rounding of every report figure (docs/metrics.md): half away from zero, days and hours to 2 decimals, shares to 4.</summary>
public static class ReportRounding
{
    public static decimal? Days(double? seconds) => seconds is { } s ? Math.Round((decimal)s / 86_400m, 2, MidpointRounding.AwayFromZero) : null;

    public static decimal? Hours(double? seconds) => seconds is { } s ? Math.Round((decimal)s / 3_600m, 2, MidpointRounding.AwayFromZero) : null;

    public static decimal? Share(long part, long whole) =>
        whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}
