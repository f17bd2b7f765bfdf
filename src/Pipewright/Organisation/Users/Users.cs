using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Common.Phones;

namespace Pipewright.Organisation.Users;

public record UserFields
{
    [Required(ErrorMessage = "validation.required"), StringLength(64, MinimumLength = 1, ErrorMessage = "validation.length")]
    public string DisplayName { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), MinLength(1, ErrorMessage = "validation.roles")]
    public List<string> Roles { get; init; } = [];

    public Guid? TeamId { get; init; }
    [MaxLength(20, ErrorMessage = "validation.maxItems")] public List<string>? Specialties { get; init; }
    [MaxLength(30, ErrorMessage = "validation.maxLength")] public string? Mobile { get; init; }
    [MaxLength(254, ErrorMessage = "validation.maxLength"), EmailAddress(ErrorMessage = "validation.email")] public string? Email { get; init; }
}

public sealed record CreateUserRequest : UserFields
{
    [Required(ErrorMessage = "validation.required"), RegularExpression("^[A-Za-z0-9._-]{2,64}$", ErrorMessage = "validation.userName")]
    public string UserName { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), StringLength(128, MinimumLength = 8, ErrorMessage = "validation.length")]
    public string Password { get; init; } = "";
}

public sealed record UpdateUserRequest : UserFields
{
    /// <summary>Optional: a new password set by the administrator.</summary>
    [StringLength(128, MinimumLength = 8, ErrorMessage = "validation.length")] public string? Password { get; init; }
}

public sealed record DeactivateUserRequest
{
    [Required(ErrorMessage = "validation.required")] public Guid? HandoverToUserId { get; init; }
}

public sealed record UserDto(Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, Guid? TeamId,
    IReadOnlyList<string> Specialties, string? Mobile, string? Email, bool IsActive);

public sealed class UsersHandler(IServiceScopeFactory scopes, CurrentUserLoader currentUsers, TimeProvider clock)
{
    private static readonly Strings L = new();

    public async Task<IReadOnlyList<UserDto>> ListAsync(bool includeInactive, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PipewrightDb>();
        var users = await db.Users.AsNoTracking().Where(u => includeInactive || u.IsActive)
            .OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        return users.Select(u => ToDto(u, byUser[u.Id].Order().ToList())).ToList();
    }

    public async Task<Outcome<UserDto>> GetAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await manager.FindByIdAsync(id.ToString());
        return user is null ? Failure.NotFound() : ToDto(user, (await manager.GetRolesAsync(user)).Order().ToList());
    }

    public async Task<Outcome<UserDto>> CreateAsync(CreateUserRequest request, CurrentUser actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, manager) = Services(scope, actor);
        if (await CheckAsync(db, request, ct) is { } invalid) return invalid;
        if (await manager.FindByNameAsync(request.UserName) is not null)
            return new Failure(409, "problem.conflict", L["user.userName.taken", request.UserName],
                new Dictionary<string, string[]> { ["userName"] = [L["user.userName.taken", request.UserName]] });
        var user = new AppUser { UserName = request.UserName, CreatedAt = clock.GetUtcNow() };
        Apply(user, request);
        var created = await manager.CreateAsync(user, request.Password);
        if (!created.Succeeded) return IdentityFailure(created, "password");
        await manager.AddToRolesAsync(user, request.Roles.Distinct());
        currentUsers.Invalidate();
        return ToDto(user, request.Roles.Distinct().Order().ToList());
    }

    public async Task<Outcome<UserDto>> UpdateAsync(Guid id, UpdateUserRequest request, CurrentUser actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, manager) = Services(scope, actor);
        var user = await manager.FindByIdAsync(id.ToString());
        if (user is null) return Failure.NotFound();
        if (await CheckAsync(db, request, ct) is { } invalid) return invalid;
        if (id == actor.Id && !request.Roles.Contains(Roles.Admin) && actor.IsAdmin)
            return Failure.Rule("user.admin.keepOwnRole");
        Apply(user, request);
        if (request.Password is { } password)
        {
            await manager.RemovePasswordAsync(user);
            var set = await manager.AddPasswordAsync(user, password);
            if (!set.Succeeded) return IdentityFailure(set, "password");
        }
        var updated = await manager.UpdateAsync(user);
        if (!updated.Succeeded) return IdentityFailure(updated, "userName");
        var current = await manager.GetRolesAsync(user);
        await manager.RemoveFromRolesAsync(user, current.Except(request.Roles));
        await manager.AddToRolesAsync(user, request.Roles.Except(current).Distinct());
        currentUsers.Invalidate();
        return ToDto(user, request.Roles.Distinct().Order().ToList());
    }

    /// <summary>
    /// Deactivates a person and hands every record they own to the successor, in one transaction.
    /// The person's sessions and tokens stop working at once (security stamp).
    /// </summary>
    public async Task<Outcome<Dictionary<string, int>>> DeactivateAsync(Guid id, Guid successorId, CurrentUser actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, manager) = Services(scope, actor);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return Failure.NotFound();
        if (id == actor.Id) return Failure.Rule("user.deactivate.self");
        if (!user.IsActive) return Failure.Rule("user.deactivate.already");
        if (successorId == id || !await db.Users.AnyAsync(u => u.Id == successorId && u.IsActive, ct))
            return Failure.Invalid("handoverToUserId", "user.successor.invalid");

        var counts = EmptyCounts();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var step in scope.ServiceProvider.GetServices<IHandoverStep>())
            counts[step.Name] = await step.MoveAsync(db, id, successorId, ct);
        var summary = new HandoverSummary(id, user.DisplayName, successorId, counts);
        foreach (var observer in scope.ServiceProvider.GetServices<IHandoverObserver>())
            await observer.OnHandedOverAsync(db, summary, ct);
        user.IsActive = false;
        user.DeactivatedAt = clock.GetUtcNow();
        user.SuccessorId = successorId;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        foreach (var team in await db.Teams.Where(t => t.ManagerId == id).ToListAsync(ct)) team.ManagerId = successorId;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        currentUsers.Invalidate();
        return counts;
    }

    /// <summary>What a deactivation would hand over, without moving anything.</summary>
    public async Task<Outcome<Dictionary<string, int>>> HandoverPreviewAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PipewrightDb>();
        if (!await db.Users.AnyAsync(u => u.Id == id, ct)) return Failure.NotFound();
        var counts = EmptyCounts();
        foreach (var step in scope.ServiceProvider.GetServices<IHandoverStep>())
            counts[step.Name] = await step.CountAsync(db, id, ct);
        return counts;
    }

    private static Dictionary<string, int> EmptyCounts() => new()
    {
        ["customers"] = 0, ["opportunities"] = 0, ["quotes"] = 0, ["tasks"] = 0, ["leads"] = 0,
    };

    private static (PipewrightDb Db, UserManager<AppUser> Manager) Services(AsyncServiceScope scope, CurrentUser actor)
    {
        var db = scope.ServiceProvider.GetRequiredService<PipewrightDb>();
        db.Actor = actor.Actor;
        return (db, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    private static async Task<Failure?> CheckAsync(PipewrightDb db, UserFields request, CancellationToken ct)
    {
        var unknown = request.Roles.FirstOrDefault(r => !Roles.IsKnown(r));
        if (unknown is not null) return Failure.Invalid("roles", "user.role.unknown", unknown);
        if (request.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, ct))
            return Failure.Invalid("teamId", "team.unknown");
        if (!string.IsNullOrWhiteSpace(request.Mobile) && PhoneNumber.ToE164(request.Mobile) is null)
            return Failure.Invalid("mobile", "contact.phone.invalid", request.Mobile);
        return null;
    }

    private static void Apply(AppUser user, UserFields request)
    {
        user.DisplayName = request.DisplayName.Trim();
        user.TeamId = request.TeamId;
        user.Specialties = (request.Specialties ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        user.PhoneNumber = string.IsNullOrWhiteSpace(request.Mobile) ? null : PhoneNumber.ToE164(request.Mobile);
        user.Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
    }

    private static Failure IdentityFailure(IdentityResult result, string field)
    {
        var messages = result.Errors.Select(e => L[$"identity.{e.Code}"] is { ResourceNotFound: false } m ? m.Value : e.Description).ToArray();
        return new Failure(400, "problem.invalid", string.Join(" ", messages), new Dictionary<string, string[]> { [field] = messages });
    }

    private static UserDto ToDto(AppUser u, IReadOnlyList<string> roles) =>
        new(u.Id, u.UserName ?? "", u.DisplayName, roles, u.TeamId, u.Specialties, u.PhoneNumber, u.Email, u.IsActive);
}
