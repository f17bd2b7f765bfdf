using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Tasks;

/// <summary>
/// Picks the engineer for a request: active, with the Engineer role, the category among their specialties, not on
/// leave today; the fewest open requests; among equals the next after the category's last pick (round-robin).
/// </summary>
public static class EngineerRouting
{
    public static async Task<Guid?> PickAsync(PipewrightDb db, string category, DateTimeOffset now, CancellationToken ct)
    {
        var candidates = await EngineersAsync(db, ct);
        var today = TaskScope.ChinaDate(now);
        var away = await db.UserLeaves.Where(l => l.From <= today && l.To >= today).Select(l => l.UserId).ToListAsync(ct);
        var matching = candidates
            .Where(c => c.Specialties.Contains(category, StringComparer.OrdinalIgnoreCase) && !away.Contains(c.Id))
            .Select(c => c.Id).ToList();
        if (matching.Count == 0) return null;

        var loads = await db.TechTasks
            .Where(t => (t.Status == TechTaskStatus.Open || t.Status == TechTaskStatus.InProgress) && matching.Contains(t.AssigneeId))
            .GroupBy(t => t.AssigneeId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var least = matching.Min(id => loads.GetValueOrDefault(id));
        var tied = matching.Where(id => loads.GetValueOrDefault(id) == least).Order().ToList();

        var cursor = await db.RoutingCursors.FindAsync([category], ct);
        var pick = cursor is null ? tied[0] : tied.FirstOrDefault(id => id.CompareTo(cursor.LastAssigneeId) > 0, tied[0]);
        if (cursor is null) db.RoutingCursors.Add(new RoutingCursor { Category = category, LastAssigneeId = pick });
        else cursor.LastAssigneeId = pick;
        return pick;
    }

    public sealed record Engineer(Guid Id, string DisplayName, List<string> Specialties);

    public static async Task<List<Engineer>> EngineersAsync(PipewrightDb db, CancellationToken ct)
    {
        var role = db.Roles.Where(r => r.Name == Roles.Engineer).Select(r => r.Id);
        return await db.Users.AsNoTracking()
            .Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && role.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new Engineer(u.Id, u.DisplayName, u.Specialties)).ToListAsync(ct);
    }
}
