using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Geo;
using Pipewright.Common.Phones;
using Pipewright.Customers;
using Pipewright.Customers.CreateCustomer;
using Pipewright.Customers.Rules;

namespace Pipewright.Demo;

public sealed class DemoOptions
{
    /// <summary>Password of every demo person (wanglei, chenjing, lizhiqiang, zhaomin, zhoujianguo, liuxiao …).</summary>
    public string Password { get; set; } = "Pipewright2026";
    public int Customers { get; set; } = 300;
}

/// <summary>
/// 浙江恒信阀业有限公司: teams, people and ~300 customers so that every journey shows something real.
/// Loaded only into an empty database; later modules add their own demo records.
/// </summary>
public sealed partial class DemoCompany(IServiceScopeFactory scopes, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<DemoOptions> options,
    Microsoft.Extensions.Options.IOptions<CustomerOptions> customerOptions, CurrentUserLoader currentUsers)
{
    public async Task LoadAsync(ILogger logger, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PipewrightDb>();
        if (await db.Customers.AnyAsync(ct) || await db.Users.CountAsync(ct) > 1)
        {
            LogNotEmpty(logger);
            return;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = clock.GetUtcNow();
        var people = await CreateOrganisationAsync(db, users, options.Value.Password, now);
        var reps = people.Where(x => x.Person.Role == Roles.SalesRep).Select(x => x.User).ToList();
        var prefix = customerOptions.Value.CodePrefix;
        var year = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).Year;
        var i = 0;
        foreach (var d in DemoCatalogue.Customers(options.Value.Customers, seed: 20261127))
        {
            var customer = new Customer
            {
                Name = d.Name, NameKey = CompanyNameKey.Compute(d.Name), CreditCode = d.CreditCode, Aliases = [.. d.Aliases],
                Industry = d.Industry, Region = d.Region, Address = d.Address,
                Location = GeoPoint.From(d.Lat, d.Lng, CoordinateSystem.Wgs84),
                Level = Enum.Parse<CustomerLevel>(d.Level), IsKey = d.IsKey, Source = d.Source,
                // Every 20th customer waits in the public pool for someone to claim it.
                OwnerId = i % 20 == 19 ? null : reps[i % reps.Count].Id,
                CreatedAt = now, UpdatedAt = now,
                Code = CodeSequences.Format(prefix, year, await db.NextAsync(prefix, year, ct)),
            };
            customer.Contacts = d.Contacts.Select(c => new Contact
            {
                CustomerId = customer.Id, Name = c.Name, Title = c.Title, Mobile = PhoneNumber.ToE164(c.Mobile),
                Phone = PhoneNumber.ToE164(c.Phone), Email = c.Email, WeChat = c.WeChat, CreatedAt = now,
            }).ToList();
            db.Customers.Add(customer);
            db.SearchTerms.AddRange(CustomerQueries.SearchTerms(customer));
            i++;
        }
        await db.SaveChangesAsync(ct);
        await DemoCatalog.LoadAsync(db, now, ct);
        await DemoActivities.LoadAsync(db, now, ct);
        await DemoLeads.LoadAsync(db, now, ct);
        await DemoPipeline.LoadAsync(db, now, ct);
        await DemoPool.LoadAsync(scope.ServiceProvider, now, ct);
        await DemoTasks.LoadAsync(scope.ServiceProvider, now, ct);
        await DemoQuotes.LoadAsync(scope.ServiceProvider, now, ct);
        await DemoDictation.LoadAsync(db, now, ct);
        currentUsers.Invalidate();
        LogLoaded(logger, DemoCatalogue.CompanyName, people.Count, i, options.Value.Password);
    }

    /// <summary>The demo company's teams (with their managers) and people; also the benchmark's organisation.</summary>
    public static async Task<List<(DemoPerson Person, AppUser User)>> CreateOrganisationAsync(
        PipewrightDb db, UserManager<AppUser> users, string password, DateTimeOffset now)
    {
        var teams = new Dictionary<string, Team>(StringComparer.Ordinal);
        foreach (var t in DemoCatalogue.Teams)
        {
            var team = new Team { Name = t.Name, CreatedAt = now, ParentId = t.ParentKey is null ? null : teams[t.ParentKey].Id };
            teams[t.Key] = team;
            db.Teams.Add(team);
        }
        await db.SaveChangesAsync();

        // One hash for everyone (the hasher salts per hash, not per user): 34 hashes would cost seconds.
        var passwordHash = users.PasswordHasher.HashPassword(new AppUser(), password);
        var people = new List<(DemoPerson Person, AppUser User)>();
        foreach (var p in DemoCatalogue.People)
        {
            var user = new AppUser
            {
                UserName = p.UserName, DisplayName = p.DisplayName, Email = p.Email, PhoneNumber = PhoneNumber.ToE164(p.Mobile),
                TeamId = p.TeamKey is null ? null : teams[p.TeamKey].Id, Specialties = [.. p.Specialties], CreatedAt = now,
                PasswordHash = passwordHash,
            };
            var result = await users.CreateAsync(user);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, p.Role);
            people.Add((p, user));
        }
        // A team's manager: its regional manager, else the first person placed in it.
        foreach (var (key, team) in teams)
        {
            var members = people.Where(x => x.Person.TeamKey == key).ToList();
            team.ManagerId = (members.FirstOrDefault(x => x.Person.Role == Roles.RegionalManager).User ?? members.FirstOrDefault().User)?.Id;
        }
        await db.SaveChangesAsync();
        return people;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo company not loaded: the database is not empty.")]
    private static partial void LogNotEmpty(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo company {Company} loaded: {People} people, {Customers} customers. Sign in as wanglei, chenjing, lizhiqiang, zhaomin, zhoujianguo or liuxiao with password {Password}.")]
    private static partial void LogLoaded(ILogger logger, string company, int people, int customers, string password);
}

public static class DemoModule
{
    public static IServiceCollection AddDemoCompany(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration("Demo");
        services.AddSingleton<DemoCompany>();
        return services;
    }
}
