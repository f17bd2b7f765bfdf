using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Pipewright.Common.Data;

namespace Pipewright.Common.Auth;

/// <summary>
/// Loads <see cref="CurrentUser"/> with its data scope. Cached briefly because every request needs it;
/// any change to users or teams drops the whole cache, so a deactivation or a move takes effect at once.
/// </summary>
public sealed class CurrentUserLoader(IDbContextFactory<PipewrightDb> dbFactory, IMemoryCache cache)
{
    private CancellationTokenSource _generation = new();

    public async Task<CurrentUser?> FindAsync(Guid userId, CancellationToken ct = default)
    {
        if (cache.TryGetValue(("current-user", userId), out CurrentUser? cached)) return cached;
        var generation = _generation;
        var user = await LoadAsync(userId, ct);
        using var entry = cache.CreateEntry(("current-user", userId));
        entry.Value = user;
        entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
        entry.AddExpirationToken(new Microsoft.Extensions.Primitives.CancellationChangeToken(generation.Token));
        return user;
    }

    /// <summary>Everyone's display name (a few hundred people at most), for lists that show owners.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> DisplayNamesAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue("display-names", out IReadOnlyDictionary<Guid, string>? cached)) return cached!;
        var generation = _generation;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        IReadOnlyDictionary<Guid, string> names = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        using var entry = cache.CreateEntry("display-names");
        entry.Value = names;
        entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
        entry.AddExpirationToken(new Microsoft.Extensions.Primitives.CancellationChangeToken(generation.Token));
        return names;
    }

    /// <summary>Call after any change to users, roles or teams.</summary>
    public void Invalidate()
    {
        var old = Interlocked.Exchange(ref _generation, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }

    private async Task<CurrentUser?> LoadAsync(Guid userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.TeamId, u.SecurityStamp })
            .SingleOrDefaultAsync(ct);
        if (user is null) return null;
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name!).ToListAsync(ct);
        var roleSet = roles.ToHashSet(StringComparer.Ordinal);

        var scopeTeams = new HashSet<Guid>();
        var scopeOwners = new HashSet<Guid> { user.Id };
        if (roleSet.Contains(Roles.RegionalManager) && user.TeamId is { } teamId)
        {
            scopeTeams.UnionWith(await TeamTree.WithDescendantsAsync(db, teamId, ct));
            var members = await db.Users.AsNoTracking()
                .Where(u => u.TeamId != null && scopeTeams.Contains(u.TeamId.Value))
                .Select(u => u.Id).ToListAsync(ct);
            scopeOwners.UnionWith(members);
        }
        return new CurrentUser(user.Id, user.UserName ?? "", user.DisplayName, roleSet, user.TeamId,
            scopeTeams, scopeOwners, user.SecurityStamp ?? "");
    }
}
