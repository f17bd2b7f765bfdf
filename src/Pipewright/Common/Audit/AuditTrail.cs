using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Common.Audit;

public sealed record AuditQuery : PagedQuery
{
    [MaxLength(64, ErrorMessage = "validation.maxLength")] public string? EntityType { get; init; }
    public Guid? EntityId { get; init; }
}

public sealed record AuditItem(Guid Id, DateTimeOffset At, Guid? UserId, string UserName, string EntityType, Guid EntityId,
    string Action, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// Tells whether a person may see one kind of business record, and so its history. Each module that owns
/// audited records adds one, so the audit trail never has to know the modules above it.
/// </summary>
public interface IAuditScope
{
    /// <summary>The entity type name as stored in the trail (Customer, Contact …).</summary>
    IReadOnlyCollection<string> EntityTypes { get; }

    Task<bool> CanSeeAsync(PipewrightDb db, CurrentUser user, string entityType, Guid entityId, CancellationToken ct);
}

/// <summary>
/// Who changed what, when, old → new. A record's history is shown to whoever may see the record
/// (404 otherwise, as for the record itself); the whole trail and the organisation's changes only to
/// administrators and management.
/// </summary>
public sealed class AuditTrailHandler(IDbContextFactory<PipewrightDb> dbFactory, IEnumerable<IAuditScope> scopes)
{
    public async Task<Outcome<Paged<AuditItem>>> HandleAsync(AuditQuery query, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var type = Canonical(query.EntityType);
        if (query.EntityId is { } id && type is not null)
        {
            var scope = scopes.FirstOrDefault(s => s.EntityTypes.Contains(type));
            if (scope is not null && !await scope.CanSeeAsync(db, user, type, id, ct)) return Failure.NotFound();
            if (scope is null && !user.SeesEverything) return Failure.Forbidden();
        }
        else if (!user.SeesEverything) return Failure.Forbidden();

        var entries = db.AuditEntries.AsNoTracking();
        if (type is not null && query.EntityId is { } entityId)
            entries = entries.Where(e => (e.EntityType == type && e.EntityId == entityId) || (e.RootType == type && e.RootId == entityId));
        else if (type is not null) entries = entries.Where(e => e.EntityType == type);
        else if (query.EntityId is { } anyId) entries = entries.Where(e => e.EntityId == anyId || e.RootId == anyId);

        var page = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .ToPageAsync(query, ct);
        return new Paged<AuditItem>(page.Items.Select(e => new AuditItem(e.Id, e.At, e.UserId, e.UserName,
                e.EntityType == nameof(AppUser) ? "User" : e.EntityType, e.EntityId, e.Action,
                JsonSerializer.Deserialize<List<FieldChange>>(e.Changes, JsonSerializerOptions.Web) ?? [])).ToList(),
            page.Total, page.Page, page.PageSize);
    }

    /// <summary>People's and teams' names for the ids that entries mention (who, owner, manager, team …).</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<AuditItem> items, CancellationToken ct)
    {
        var ids = items.SelectMany(i => i.Changes).SelectMany(c => new[] { c.Old, c.New })
            .Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty)
            .Concat(items.Select(i => i.UserId ?? Guid.Empty))
            .Where(id => id != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<string, string>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, Name = u.DisplayName }).ToListAsync(ct);
        var teams = await db.Teams.Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        return users.Concat(teams).ToDictionary(x => x.Id.ToString(), x => x.Name);
    }

    /// <summary>Type names are matched without regard to case; "User" is the API's name for AppUser.</summary>
    private string? Canonical(string? type)
    {
        var trimmed = type?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Equals("user", StringComparison.OrdinalIgnoreCase)) return nameof(AppUser);
        var known = scopes.SelectMany(s => s.EntityTypes).Append(nameof(Team)).Append(nameof(AppUser));
        return known.FirstOrDefault(t => t.Equals(trimmed, StringComparison.OrdinalIgnoreCase)) ?? trimmed;
    }
}

public static class AuditModule
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services) =>
        services.AddScoped<AuditTrailHandler>();

    public static RouteGroupBuilder MapAuditTrail(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async ([AsParameters] AuditQuery query, CurrentUser user, AuditTrailHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(query, user, ct)).ToResult(TypedResults.Ok))
            .Validated<AuditQuery>()
            .WithTags("Audit")
            .Produces<Paged<AuditItem>>();
        return api;
    }
}
