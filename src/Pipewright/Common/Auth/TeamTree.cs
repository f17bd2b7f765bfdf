using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;

namespace Pipewright.Common.Auth;

public static class TeamTree
{
    /// <summary>The team and every team below it (the tree is small: a company's regions and groups).</summary>
    public static async Task<List<Guid>> WithDescendantsAsync(PipewrightDb db, Guid teamId, CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.ParentId }).ToListAsync(ct);
        var children = teams.Where(t => t.ParentId is not null).ToLookup(t => t.ParentId!.Value, t => t.Id);
        var seen = new HashSet<Guid>();
        var result = new List<Guid>();
        var queue = new Queue<Guid>([teamId]);
        while (queue.TryDequeue(out var id))
        {
            if (!seen.Add(id)) continue;
            result.Add(id);
            foreach (var child in children[id]) queue.Enqueue(child);
        }
        return result;
    }
}
