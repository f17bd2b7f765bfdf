using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;

namespace Pipewright.Audit;

public sealed record AuditQuery
{
    [MaxLength(64, ErrorMessage = "validation.maxLength")] public string? EntityType { get; init; }
    public Guid? EntityId { get; init; }
    [Range(1, 1_000_000, ErrorMessage = "validation.page")] public int? Page { get; init; }
    [Range(1, 200, ErrorMessage = "validation.pageSize")] public int? PageSize { get; init; }
}

public sealed record AuditItem(Guid Id, DateTimeOffset At, Guid? UserId, string UserName, string EntityType, Guid EntityId,
    string Action, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// Who changed what, when, old → new. A record's history is shown to whoever may see the record;
/// the whole trail and the organisation's changes only to administrators and management.
/// </summary>
public sealed class AuditTrailHandler(IDbContextFactory<PipewrightDb> dbFactory)
{
    public async Task<Outcome<Paged<AuditItem>>> HandleAsync(AuditQuery query, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var type = Canonical(query.EntityType);
        if (query.EntityId is { } id && type is not null)
        {
            var allowed = type switch
            {
                nameof(Customer) => await db.Customers.VisibleTo(user).AnyAsync(c => c.Id == id, ct),
                nameof(Contact) => await db.Customers.VisibleTo(user).AnyAsync(c => c.Contacts.Any(k => k.Id == id), ct),
                _ => user.SeesEverything,
            };
            if (!allowed) return type is nameof(Customer) or nameof(Contact) ? Failure.NotFound() : Failure.Forbidden();
        }
        else if (!user.SeesEverything) return Failure.Forbidden();

        var entries = db.AuditEntries.AsNoTracking();
        if (type is not null && query.EntityId is { } entityId)
            entries = entries.Where(e => (e.EntityType == type && e.EntityId == entityId) || (e.RootType == type && e.RootId == entityId));
        else if (type is not null) entries = entries.Where(e => e.EntityType == type);
        else if (query.EntityId is { } anyId) entries = entries.Where(e => e.EntityId == anyId || e.RootId == anyId);

        var page = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .ToPageAsync(new PageRequest { Page = query.Page ?? 1, PageSize = query.PageSize ?? 50 }, ct);
        return new Paged<AuditItem>(page.Items.Select(e => new AuditItem(e.Id, e.At, e.UserId, e.UserName,
                e.EntityType == nameof(AppUser) ? "User" : e.EntityType, e.EntityId, e.Action,
                JsonSerializer.Deserialize<List<FieldChange>>(e.Changes, JsonSerializerOptions.Web) ?? [])).ToList(),
            page.Total, page.Page, page.PageSize);
    }

    private static string? Canonical(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "customer" => nameof(Customer),
        "contact" => nameof(Contact),
        "team" => nameof(Team),
        "user" or "appuser" => nameof(AppUser),
        var other => other,
    };
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
