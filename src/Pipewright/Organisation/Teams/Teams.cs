using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Organisation.Teams;

public sealed record SaveTeamRequest
{
    [Required(ErrorMessage = "validation.required"), StringLength(64, MinimumLength = 1, ErrorMessage = "validation.length")]
    public string Name { get; init; } = "";
    public Guid? ParentId { get; init; }
    public Guid? ManagerId { get; init; }

    /// <summary>On update: the version the editor started from.</summary>
    public int? Version { get; init; }
}

public sealed record TeamDto(Guid Id, string Name, Guid? ParentId, Guid? ManagerId, string? ManagerName, int MemberCount, int Version);

/// <summary>The team tree (华东区 → 宁波组): create, rename, move, set the manager; cycles are refused.</summary>
public sealed class TeamsHandler(IDbContextFactory<PipewrightDb> dbFactory, CurrentUserLoader users, TimeProvider clock)
{
    public async Task<IReadOnlyList<TeamDto>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Teams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TeamDto(t.Id, t.Name, t.ParentId, t.ManagerId,
                db.Users.Where(u => u.Id == t.ManagerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Users.Count(u => u.TeamId == t.Id && u.IsActive), t.Version))
            .ToListAsync(ct);
    }

    public async Task<Outcome<TeamDto>> SaveAsync(Guid? id, SaveTeamRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        Team? team;
        if (id is null)
        {
            team = new Team { CreatedAt = clock.GetUtcNow() };
            db.Teams.Add(team);
        }
        else
        {
            team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, ct);
            if (team is null) return Failure.NotFound();
            if (request.Version is { } v && v != team.Version) return Failure.Concurrency();
        }
        if (request.ParentId is { } parentId)
        {
            var parents = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.ParentId, ct);
            if (!parents.ContainsKey(parentId)) return Failure.Invalid("parentId", "team.parent.unknown");
            // Walking up from the new parent must never reach this team.
            for (Guid? cursor = parentId; cursor is { } c; cursor = parents.GetValueOrDefault(c))
                if (c == team.Id) return Failure.Invalid("parentId", "team.parent.cycle");
        }
        if (request.ManagerId is { } managerId && !await db.Users.AnyAsync(u => u.Id == managerId && u.IsActive, ct))
            return Failure.Invalid("managerId", "team.manager.unknown");
        team.Name = request.Name.Trim();
        team.ParentId = request.ParentId;
        team.ManagerId = request.ManagerId;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Failure.Concurrency(); }
        users.Invalidate();
        var manager = await db.Users.Where(u => u.Id == team.ManagerId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var members = await db.Users.CountAsync(u => u.TeamId == team.Id && u.IsActive, ct);
        return new TeamDto(team.Id, team.Name, team.ParentId, team.ManagerId, manager, members, team.Version);
    }
}
