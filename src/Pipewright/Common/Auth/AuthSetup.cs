using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Pipewright.Common.Api;
using Pipewright.Common.Data;

namespace Pipewright.Common.Auth;

public static class AuthSetup
{
    /// <summary>Picks the bearer token for /api and the cookie for the UI, for sign-in, challenge and forbid alike.</summary>
    public const string SmartScheme = "pipewright";
    public const string BearerScheme = BearerTokenDefaults.AuthenticationScheme;
    public const string SignInRateLimit = "sign-in";
    public const string PublicFormRateLimit = "public-form";

    public static IServiceCollection AddPipewrightAuth(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Pipewright");
        // Keys must survive restarts (cookies and tokens stay valid) and live with the data, not the code.
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<StorageOptions>, ILoggerFactory>((o, storage, logs) =>
            {
                var keys = new DirectoryInfo(Path.Combine(storage.Value.FullRoot, "keys"));
                keys.Create();
                o.XmlRepository = new FileSystemXmlRepository(keys, logs);
            });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") ? BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(12))
            .AddIdentityCookies(o => o.ApplicationCookie!.Configure(c =>
            {
                c.LoginPath = "/login";
                c.AccessDeniedPath = "/forbidden";
                c.ExpireTimeSpan = TimeSpan.FromDays(7);
                c.SlidingExpiration = true;
                c.Cookie.Name = "pipewright.auth";
            }));

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.ClaimsIdentity.SecurityStampClaimType = CurrentUser.StampClaim;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<PipewrightDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<CurrentUserLoader>();
        services.AddScoped<TokenIssuer>();

        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => PerClient(context, l => l.SignInPerMinute));
            o.AddPolicy(PublicFormRateLimit, context => PerClient(context, l => l.PublicFormPerMinute));
            o.OnRejected = async (context, ct) =>
                await (context.HttpContext.Request.Path.StartsWithSegments("/api")
                    ? Problems.TooManyRequests()
                    : TooManyRequestsPage()).ExecuteAsync(context.HttpContext);
        });
        return services;
    }

    /// <summary>A person on a public page (a lead form) gets a page, not JSON.</summary>
    private static IResult TooManyRequestsPage()
    {
        var l = new Localization.Strings();
        var title = System.Net.WebUtility.HtmlEncode(l["problem.tooManyRequests"]);
        var detail = System.Net.WebUtility.HtmlEncode(l["problem.tooManyRequests.detail"]);
        return Results.Content(
            $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body style=\"font:16px sans-serif;padding:24px\"><h1>{title}</h1><p>{detail}</p></body></html>",
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status429TooManyRequests);
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, Func<RateLimitOptions, int> limit)
    {
        var permits = limit(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });
    }

    /// <summary>
    /// Replaces the principal with one carrying the roles in the database now, or with nobody when the user
    /// was deactivated or signed out everywhere (security stamp changed).
    /// </summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && CurrentUser.IdOf(context.User) is { } id)
        {
            var loader = context.RequestServices.GetRequiredService<CurrentUserLoader>();
            var user = await loader.FindAsync(id, context.RequestAborted);
            var stamp = context.User.FindFirst(CurrentUser.StampClaim)?.Value;
            if (user is null || (stamp is not null && stamp != user.SecurityStamp))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                var identity = new ClaimsIdentity(context.User.Identity.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
                identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
                identity.AddClaim(new Claim(ClaimTypes.Name, user.UserName));
                identity.AddClaim(new Claim(CurrentUser.StampClaim, user.SecurityStamp));
                identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
                identity.AddClaims(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
                context.User = new ClaimsPrincipal(identity);
                context.Items[typeof(CurrentUser)] = user;
            }
        }
        await next();
    });
}

/// <summary>Issues the opaque bearer tokens of POST /api/v1/auth/token.</summary>
public sealed class TokenIssuer(
    IOptionsMonitor<BearerTokenOptions> options,
    SignInManager<AppUser> signInManager,
    TimeProvider clock)
{
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(AppUser user)
    {
        var bearer = options.Get(AuthSetup.BearerScheme);
        var principal = await signInManager.CreateUserPrincipalAsync(user);
        var expiresAt = clock.GetUtcNow() + bearer.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(principal,
            new AuthenticationProperties { IssuedUtc = clock.GetUtcNow(), ExpiresUtc = expiresAt },
            AuthSetup.BearerScheme);
        return (bearer.BearerTokenProtector.Protect(ticket), expiresAt);
    }
}

/// <summary>Requests per minute and client address on the endpoints that strangers can reach.</summary>
public sealed class RateLimitOptions
{
    public int SignInPerMinute { get; set; } = 20;
    public int PublicFormPerMinute { get; set; } = 10;
}
