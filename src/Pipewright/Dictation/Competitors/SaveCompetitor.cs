using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;

namespace Pipewright.Dictation.Competitors;

public sealed record CreateCompetitorRequest
{
    [Required(ErrorMessage = "validation.required"), MaxLength(CompetitorLimits.Name, ErrorMessage = "validation.maxLength")]
    public string Name { get; init; } = "";

    [MaxLength(CompetitorLimits.Aliases, ErrorMessage = "validation.maxItems")]
    public List<string>? Aliases { get; init; }
}

public sealed record ListCompetitorsRequest : PagedQuery;

public sealed record CompetitorDto(Guid Id, string Name, IReadOnlyList<string> Aliases, DateTimeOffset CreatedAt);

/// <summary>Adds competitors and lists them; the API and the admin page share it.</summary>
public sealed class CompetitorsHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    private static readonly Strings L = new();

    /// <summary>Managers meet competitors in their deals; they and the administrator keep the list.</summary>
    public static bool MayEdit(CurrentUser user) =>
        user.IsAdmin || user.IsInRole(Roles.GeneralManager) || user.IsInRole(Roles.RegionalManager);

    public async Task<Outcome<CompetitorDto>> CreateAsync(CreateCompetitorRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!MayEdit(user)) return Failure.Forbidden();
        var name = request.Name.Trim();
        if (name.Length == 0) return Failure.Invalid("name", "validation.required", L["field.name"].Value);
        var key = Competitor.KeyOf(name);
        var aliases = (request.Aliases ?? []).Select(a => a.Trim())
            .Where(a => a.Length > 0 && a.Length <= CompetitorLimits.Name && Competitor.KeyOf(a) != key)
            .Distinct().ToList();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        if (await db.Competitors.AnyAsync(c => c.NameKey == key, ct)) return Duplicate(name);
        var now = clock.GetUtcNow();
        var competitor = new Competitor { Name = name, NameKey = key, Aliases = aliases, CreatedAt = now, UpdatedAt = now };
        db.Competitors.Add(competitor);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two managers added the same firm at once: the unique index kept one.
            return Duplicate(name);
        }
        return ToDto(competitor);
    }

    public async Task<Paged<CompetitorDto>> ListAsync(ListCompetitorsRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var page = await db.Competitors.AsNoTracking().OrderBy(c => c.Name).ToPageAsync(request, ct);
        return new Paged<CompetitorDto>(page.Items.Select(ToDto).ToList(), page.Total, page.Page, page.PageSize);
    }

    private static CompetitorDto ToDto(Competitor c) => new(c.Id, c.Name, c.Aliases, c.CreatedAt);

    private static Failure Duplicate(string name) =>
        new(409, "competitor.duplicate", L["competitor.duplicate.detail", name],
            Extensions: new Dictionary<string, object?> { ["kind"] = "duplicate" });

}
