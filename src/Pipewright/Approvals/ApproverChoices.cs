using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;

namespace Pipewright.Approvals;

/// <summary>A person who can be named as an approver or a deputy: active, with their team and roles to tell namesakes apart.</summary>
public sealed record ApproverChoice(Guid Id, string DisplayName, string? TeamName, IReadOnlyList<string> Roles);

/// <summary>The people the approver pickers offer: every active user, as the policy and delegation rules accept them.</summary>
public sealed class ApproverChoices(IDbContextFactory<PipewrightDb> dbFactory)
{
    public async Task<IReadOnlyList<ApproverChoice>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = await (from u in db.Users.AsNoTracking()
                            where u.IsActive
                            join t in db.Teams on u.TeamId equals t.Id into teams
                            from t in teams.DefaultIfEmpty()
                            select new { u.Id, u.DisplayName, TeamName = t == null ? null : t.Name }).ToListAsync(ct);
        var roles = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name!);
        return [.. people.OrderBy(p => p.DisplayName, StringComparer.Ordinal)
            .Select(p => new ApproverChoice(p.Id, p.DisplayName, p.TeamName, [.. roles[p.Id].Order(StringComparer.Ordinal)]))];
    }
}
