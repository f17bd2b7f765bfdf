using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Approvals;

/// <summary>Who the approvers of a step are, resolved when the step starts (people change teams and roles).</summary>
public static class Approvers
{
    public static async Task<IReadOnlyList<Guid>> ResolveAsync(PipewrightDb db, ApproverKind kind, string? role, Guid? userId,
        Guid ownerId, CancellationToken ct) => kind switch
        {
            ApproverKind.User => await db.Users.Where(u => u.Id == userId && u.IsActive).Select(u => u.Id).ToListAsync(ct),
            ApproverKind.Role => await InRoleAsync(db, role ?? "", ct),
            _ => await RegionalManagerOfAsync(db, ownerId, ct) is { } manager ? [manager] : [],
        };

    /// <summary>Active people with a role, in name order (a one-person step takes the first).</summary>
    public static Task<List<Guid>> InRoleAsync(PipewrightDb db, string role, CancellationToken ct) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         join u in db.Users on ur.UserId equals u.Id
         where r.Name == role && u.IsActive
         orderby u.DisplayName, u.UserName
         select u.Id).ToListAsync(ct);

    /// <summary>
    /// "The regional manager" of a person (api-v1.md): walking up the team tree from their team, the first team whose
    /// manager is a RegionalManager, or else that has a RegionalManager among its members.
    /// </summary>
    public static async Task<Guid?> RegionalManagerOfAsync(PipewrightDb db, Guid personId, CancellationToken ct)
    {
        var teamId = await db.Users.Where(u => u.Id == personId).Select(u => u.TeamId).SingleOrDefaultAsync(ct);
        if (teamId is null) return null;
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var managers = await InRoleAsync(db, Roles.RegionalManager, ct);
        var memberTeams = await db.Users.Where(u => managers.Contains(u.Id)).Select(u => new { u.Id, u.TeamId }).ToListAsync(ct);
        var seen = new HashSet<Guid>();
        for (var cursor = teamId; cursor is { } id && teams.TryGetValue(id, out var team) && seen.Add(id); cursor = team.ParentId)
        {
            if (team.ManagerId is { } manager && managers.Contains(manager) && manager != personId) return manager;
            var member = managers.FirstOrDefault(m => m != personId && memberTeams.Any(x => x.Id == m && x.TeamId == id));
            if (member != Guid.Empty) return member;
        }
        return null;
    }
}
