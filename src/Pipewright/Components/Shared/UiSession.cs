using Microsoft.AspNetCore.Components.Authorization;
using Pipewright.Common.Auth;

namespace Pipewright.Components.Shared;

/// <summary>The signed-in person for a page, with the same data scope the API applies.</summary>
public sealed class UiSession(AuthenticationStateProvider authentication, CurrentUserLoader loader)
{
    public async Task<CurrentUser> GetUserAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var id = CurrentUser.IdOf(state.User) ?? throw new InvalidOperationException("Pages that need a user are [Authorize]d.");
        return await loader.FindAsync(id) ?? throw new UnauthorizedAccessException("The user was deactivated.");
    }
}
