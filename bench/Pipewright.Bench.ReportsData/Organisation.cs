using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Demo;

namespace Pipewright.Bench.ReportsData;

/// <summary>The people one company's data is spread over.</summary>
internal sealed record Company(
    int Number,
    IReadOnlyList<Guid> Reps,
    IReadOnlyDictionary<Guid, Guid> RegionalManagerOf,
    IReadOnlyList<(Guid Id, IReadOnlyList<string> Specialties)> Engineers,
    Guid GeneralManager);

/// <summary>
/// Company 0 is the demo company's organisation as <see cref="DemoCompany"/> creates it (so its people sign in as in
/// the demo) plus seven more sales reps: ~30 reps in a tree of regions and groups. Every further company of the L
/// scale is a copy of that tree under its own names (华东区·07 …), with users named like the demo's plus the
/// company number (wanglei07), written in bulk.
/// </summary>
internal static class Organisation
{
    private static readonly (string UserName, string DisplayName, string TeamKey)[] ExtraReps =
    [
        ("panxiaoyu", "潘晓宇", "east-ningbo"), ("tangmin", "唐敏", "east-hangzhou"), ("weiqiang", "魏强", "east-shanghai"),
        ("huangli", "黄丽", "south-guangzhou"), ("luojun", "罗军", "south-shenzhen"), ("songtao", "宋涛", "north-beijing"),
        ("fangyuan", "方圆", "north-tianjin"),
    ];

    public static async Task<List<Company>> CreateAsync(IServiceProvider services, int companies, string password, DateTimeOffset now, Progress progress)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PipewrightDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var demo = await DemoCompany.CreateOrganisationAsync(db, users, password, now);
        var passwordHash = demo[0].User.PasswordHash;
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, StringComparer.Ordinal);
        var demoTeams = await db.Teams.ToDictionaryAsync(t => t.Name, t => t.Id, StringComparer.Ordinal);

        var result = new List<Company>();
        var newUsers = new List<AppUser>();
        var newRoles = new List<IdentityUserRole<Guid>>();
        var newTeams = new List<Team>();
        for (var k = 0; k < companies; k++)
        {
            var teamIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
            var teams = new Dictionary<string, Team>(StringComparer.Ordinal);
            foreach (var t in DemoCatalogue.Teams)
            {
                if (k == 0) { teamIds[t.Key] = demoTeams[t.Name]; continue; }
                var team = new Team
                {
                    Name = $"{t.Name}·{k:D2}", CreatedAt = now, ParentId = t.ParentKey is null ? null : teamIds[t.ParentKey],
                };
                teamIds[t.Key] = team.Id;
                teams[t.Key] = team;
                newTeams.Add(team);
            }

            var people = new List<(string UserName, string Role, string? TeamKey, Guid Id, IReadOnlyList<string> Specialties)>();
            if (k == 0) people.AddRange(demo.Select(p => (p.Person.UserName, p.Person.Role, p.Person.TeamKey, p.User.Id, p.Person.Specialties)));
            else
            {
                // Admin stays one person; everyone else is copied.
                foreach (var p in DemoCatalogue.People.Where(p => p.Role != Roles.Admin))
                {
                    var user = User($"{p.UserName}{k:D2}", p.DisplayName, p.TeamKey is null ? null : teamIds[p.TeamKey], [.. p.Specialties]);
                    newUsers.Add(user);
                    newRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[p.Role] });
                    people.Add((user.UserName!, p.Role, p.TeamKey, user.Id, p.Specialties));
                }
            }
            foreach (var (userName, displayName, teamKey) in ExtraReps)
            {
                var user = User(k == 0 ? userName : $"{userName}{k:D2}", displayName, teamIds[teamKey], []);
                newUsers.Add(user);
                newRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[Roles.SalesRep] });
                people.Add((user.UserName!, Roles.SalesRep, teamKey, user.Id, []));
            }
            // As DemoCompany: a team's manager is its regional manager, else the first person placed in it.
            foreach (var (key, team) in teams)
            {
                var members = people.Where(p => p.TeamKey == key).ToList();
                team.ManagerId = members.Where(p => p.Role == Roles.RegionalManager).Select(p => (Guid?)p.Id).FirstOrDefault()
                    ?? members.Select(p => (Guid?)p.Id).FirstOrDefault();
            }

            var managerOfRegion = people.Where(p => p.Role == Roles.RegionalManager).ToDictionary(p => p.TeamKey!, p => p.Id, StringComparer.Ordinal);
            var gm = people.Single(p => p.Role == Roles.GeneralManager).Id;
            var reps = people.Where(p => p.Role == Roles.SalesRep).ToList();
            result.Add(new Company(
                k,
                reps.Select(p => p.Id).ToList(),
                reps.ToDictionary(p => p.Id, p => managerOfRegion.GetValueOrDefault(p.TeamKey!.Split('-')[0], gm)),
                people.Where(p => p.Role == Roles.Engineer).Select(p => (p.Id, p.Specialties)).ToList(),
                gm));
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await TableWriter.WriteAsync(db, newTeams, progress);
            await TableWriter.WriteAsync(db, newUsers, progress);
            await TableWriter.WriteAsync(db, newRoles, progress);
            await transaction.CommitAsync();
        }
        return result;

        AppUser User(string userName, string displayName, Guid? teamId, List<string> specialties) => new()
        {
            Id = Guid.CreateVersion7(), UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = displayName,
            Email = $"{userName}@hengxin-valve.com", NormalizedEmail = $"{userName}@hengxin-valve.com".ToUpperInvariant(),
            EmailConfirmed = true, PasswordHash = passwordHash, SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true, TeamId = teamId, Specialties = specialties, CreatedAt = now,
        };
    }
}
