using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Organisation.SignIn;
using Pipewright.Organisation.Teams;
using Pipewright.Organisation.Users;

namespace Pipewright.Organisation;

public static partial class OrganisationModule
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddScoped<SignInHandler>();
        services.AddScoped<TeamsHandler>();
        services.AddScoped<UsersHandler>();
        return services;
    }

    public static RouteGroupBuilder MapOrganisation(this RouteGroupBuilder api)
    {
        api.MapSignIn();

        var teams = api.MapGroup("/teams").WithTags("Teams");
        teams.MapGet("/", async (TeamsHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(ct)));
        teams.MapPost("/", async (SaveTeamRequest request, CurrentUser user, TeamsHandler handler, CancellationToken ct) =>
                (await handler.SaveAsync(null, request, user, ct)).ToResult(t => TypedResults.Created($"/api/v1/teams/{t.Id}", t)))
            .Validated<SaveTeamRequest>().RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .Produces<TeamDto>(StatusCodes.Status201Created);
        teams.MapPut("/{id:guid}", async (Guid id, SaveTeamRequest request, CurrentUser user, TeamsHandler handler, CancellationToken ct) =>
                (await handler.SaveAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<SaveTeamRequest>().RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .Produces<TeamDto>();

        var users = api.MapGroup("/users").WithTags("Users");
        // Everyone may list colleagues (owner pickers, hand-overs); only an administrator changes them.
        users.MapGet("/", async (bool? includeInactive, UsersHandler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.ListAsync(includeInactive ?? false, ct)));
        users.MapGet("/me", (CurrentUser user) => TypedResults.Ok(new
        {
            user.Id, user.UserName, user.DisplayName, Roles = user.Roles.Order().ToList(), user.TeamId,
        }));
        users.MapGet("/{id:guid}", async (Guid id, UsersHandler handler, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToResult(TypedResults.Ok))
            .Produces<UserDto>();
        users.MapPost("/", async (CreateUserRequest request, CurrentUser user, UsersHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(request, user, ct)).ToResult(u => TypedResults.Created($"/api/v1/users/{u.Id}", u)))
            .Validated<CreateUserRequest>().RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .Produces<UserDto>(StatusCodes.Status201Created);
        users.MapPut("/{id:guid}", async (Guid id, UpdateUserRequest request, CurrentUser user, UsersHandler handler, CancellationToken ct) =>
                (await handler.UpdateAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<UpdateUserRequest>().RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .Produces<UserDto>();
        users.MapPost("/{id:guid}/deactivate", async (Guid id, DeactivateUserRequest request, CurrentUser user, UsersHandler handler, CancellationToken ct) =>
                (await handler.DeactivateAsync(id, request.HandoverToUserId!.Value, user, ct)).ToResult(TypedResults.Ok))
            .Validated<DeactivateUserRequest>().RequireAuthorization(p => p.RequireRole(Roles.Admin));
        users.MapGet("/{id:guid}/handover-preview", async (Guid id, UsersHandler handler, CancellationToken ct) =>
                (await handler.HandoverPreviewAsync(id, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(p => p.RequireRole(Roles.Admin));
        return api;
    }

    /// <summary>
    /// An empty database gets the six roles and the user admin, with Bootstrap:AdminPassword or a random
    /// password printed once, so that the first person can sign in.
    /// </summary>
    public static async Task BootstrapAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new AppRole(role));

        var db = scope.ServiceProvider.GetRequiredService<PipewrightDb>();
        if (await db.Users.AnyAsync()) return;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var configured = configuration["Bootstrap:AdminPassword"];
        var password = string.IsNullOrEmpty(configured) ? RandomPassword() : configured;
        var admin = new AppUser
        {
            UserName = "admin", DisplayName = "管理员", CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
            throw new InvalidOperationException("Bootstrap:AdminPassword is not accepted: " +
                string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, Roles.Admin);
        if (string.IsNullOrEmpty(configured)) LogGeneratedPassword(logger, password);
    }

    private static string RandomPassword() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y') + "7a";

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: user 'admin' was created with password {Password} (shown once; set Bootstrap__AdminPassword to choose it).")]
    private static partial void LogGeneratedPassword(ILogger logger, string password);
}
