using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Pipeline;

namespace Pipewright.Tasks;

/// <summary>
/// Who sees a technical request: the assignee; whoever may see its opportunity (the requester, their managers,
/// finance, the general manager); and the engineering manager — the manager of the assignee's team or a team above.
/// </summary>
public static class TaskScope
{
    public static async Task<IQueryable<TechTask>> VisibleToAsync(PipewrightDb db, CurrentUser user, CancellationToken ct)
    {
        if (user.SeesEverything) return db.TechTasks;
        var people = (await ManagedPeopleAsync(db, user.Id, ct)).Union(user.ScopeOwnerIds).ToList();
        var opportunities = db.Opportunities.VisibleTo(user);
        return db.TechTasks.Where(t => people.Contains(t.AssigneeId) || people.Contains(t.RequesterId)
            || opportunities.Any(o => o.Id == t.OpportunityId));
    }

    /// <summary>Members of the teams this person manages and of the teams under them.</summary>
    public static async Task<HashSet<Guid>> ManagedPeopleAsync(PipewrightDb db, Guid managerId, CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.ParentId, t.ManagerId }).ToListAsync(ct);
        var children = teams.Where(t => t.ParentId is not null).ToLookup(t => t.ParentId!.Value, t => t.Id);
        var managed = new HashSet<Guid>();
        var queue = new Queue<Guid>(teams.Where(t => t.ManagerId == managerId).Select(t => t.Id));
        while (queue.TryDequeue(out var id))
        {
            if (!managed.Add(id)) continue;
            foreach (var child in children[id]) queue.Enqueue(child);
        }
        if (managed.Count == 0) return [];
        return [.. await db.Users.AsNoTracking().Where(u => u.TeamId != null && managed.Contains(u.TeamId.Value)).Select(u => u.Id).ToListAsync(ct)];
    }

    /// <summary>
    /// The engineering manager of a person: the manager of their team, else of the nearest team above with one
    /// (never the person themself). Null when no team up the tree has a manager.
    /// </summary>
    public static async Task<Guid?> ManagerOfAsync(PipewrightDb db, Guid userId, CancellationToken ct)
    {
        var teamId = await db.Users.Where(u => u.Id == userId).Select(u => u.TeamId).SingleOrDefaultAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var seen = new HashSet<Guid>();
        while (teamId is { } id && teams.TryGetValue(id, out var team) && seen.Add(id))
        {
            if (team.ManagerId is { } manager && manager != userId
                && await db.Users.AnyAsync(u => u.Id == manager && u.IsActive, ct))
                return manager;
            teamId = team.ParentId;
        }
        return null;
    }

    /// <summary>Reassigning is the engineering manager's call (or the administrator's, or the general manager's).</summary>
    public static async Task<bool> MayReassignAsync(PipewrightDb db, CurrentUser user, TechTask task, CancellationToken ct) =>
        user.IsAdmin || user.IsInRole(Roles.GeneralManager)
        || (await ManagedPeopleAsync(db, user.Id, ct)).Contains(task.AssigneeId);

    public static DateOnly ChinaDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, ChinaTime.Zone).DateTime);
}
