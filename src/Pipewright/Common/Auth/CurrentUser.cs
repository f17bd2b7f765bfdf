using System.Security.Claims;

namespace Pipewright.Common.Auth;

/// <summary>
/// The signed-in person as the data scopes of api-v1.md see them, loaded fresh from the database
/// (roles and team may have changed since the token or cookie was issued).
/// </summary>
public sealed record CurrentUser(
    Guid Id,
    string UserName,
    string DisplayName,
    IReadOnlySet<string> Roles,
    Guid? TeamId,
    IReadOnlySet<Guid> ScopeTeamIds,
    IReadOnlySet<Guid> ScopeOwnerIds,
    string SecurityStamp)
{
    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsAdmin => IsInRole(Auth.Roles.Admin);

    /// <summary>Finance, the general manager and the administrator see every customer and deal.</summary>
    public bool SeesEverything =>
        IsInRole(Auth.Roles.Admin) || IsInRole(Auth.Roles.Finance) || IsInRole(Auth.Roles.GeneralManager);

    public Data.Actor Actor => new(Id, UserName);

    public const string StampClaim = "pw:stamp";
    public const string DisplayNameClaim = "pw:display";

    /// <summary>Minimal-API binding: the user the request middleware loaded for this request.</summary>
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Items[typeof(CurrentUser)] as CurrentUser);

    public static Guid? IdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
