using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Localization;

namespace Pipewright.Organisation.SignIn;

public sealed record TokenRequest
{
    [Required(ErrorMessage = "validation.required"), MaxLength(64, ErrorMessage = "validation.maxLength")]
    public string UserName { get; init; } = "";
    [Required(ErrorMessage = "validation.required"), MaxLength(128, ErrorMessage = "validation.maxLength")]
    public string Password { get; init; } = "";
}

public sealed record TokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt);

/// <summary>Checks a user name and password, counting failures towards the lockout.</summary>
public sealed class SignInHandler(UserManager<AppUser> users, SignInManager<AppUser> signIn)
{
    private static readonly Strings L = new();

    public async Task<Outcome<AppUser>> CheckAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null || !user.IsActive) return Refused("failed", 0);
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(((user.LockoutEnd ?? DateTimeOffset.UtcNow) - DateTimeOffset.UtcNow).TotalMinutes));
            return Refused("lockedOut", minutes);
        }
        return result.Succeeded ? user : Refused("failed", 0);
    }

    public static string Message(string reason, int minutes) =>
        reason == "lockedOut" ? L["signIn.lockedOut", minutes] : L["signIn.failed"];

    private static Failure Refused(string reason, int minutes) => new(401, "problem.unauthorized", Message(reason, minutes),
        Extensions: new Dictionary<string, object?> { ["reason"] = reason, ["minutes"] = minutes });
}

public static class SignInEndpoints
{
    public static RouteGroupBuilder MapSignIn(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", async (TokenRequest request, SignInHandler handler, TokenIssuer tokens) =>
            {
                var outcome = await handler.CheckAsync(request.UserName, request.Password);
                if (outcome.Failure is { } failure) return failure.ToProblem();
                var (token, expiresAt) = await tokens.IssueAsync(outcome.Value!);
                return Results.Ok(new TokenResponse(token, "Bearer", expiresAt));
            })
            .Validated<TokenRequest>()
            .AllowAnonymous()
            .RequireRateLimiting(AuthSetup.SignInRateLimit)
            .WithTags("Auth")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    /// <summary>The UI's sign-in: a plain form post (works without JavaScript), then the cookie.</summary>
    public static IEndpointRouteBuilder MapCookieSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", async (HttpContext context, SignInHandler handler, SignInManager<AppUser> signIn) =>
            {
                var form = await context.Request.ReadFormAsync();
                var returnUrl = LocalUrl(form["returnUrl"]);
                var outcome = await handler.CheckAsync(form["userName"].ToString(), form["password"].ToString());
                if (outcome.Failure is { } failure)
                    return Results.LocalRedirect($"/login?error={failure.Extensions!["reason"]}&minutes={failure.Extensions["minutes"]}&returnUrl={Uri.EscapeDataString(returnUrl)}");
                await signIn.SignInAsync(outcome.Value!, isPersistent: form["remember"] == "on");
                return Results.LocalRedirect(returnUrl);
            })
            .RequireRateLimiting(AuthSetup.SignInRateLimit)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();

        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
            {
                await signIn.SignOutAsync();
                return Results.LocalRedirect("/login");
            })
            .RequireAuthorization()
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        return app;
    }

    private static string LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
