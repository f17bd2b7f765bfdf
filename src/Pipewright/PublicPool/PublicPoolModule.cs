using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Customers;
using Pipewright.PublicPool.ClaimCustomer;
using Pipewright.PublicPool.ListPool;
using Pipewright.PublicPool.OwnershipHistory;
using Pipewright.PublicPool.ReleaseCustomer;
using Pipewright.PublicPool.Rules;
using Pipewright.PublicPool.Sweep;

namespace Pipewright.PublicPool;

public static class PublicPoolModule
{
    public static IServiceCollection AddPublicPool(this IServiceCollection services)
    {
        services.AddOptions<PoolJobOptions>().BindConfiguration("Pool").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PoolRulesHandler>();
        services.AddScoped<ClaimCustomerHandler>();
        services.AddScoped<ReleaseCustomerHandler>();
        services.AddScoped<ListPoolHandler>();
        services.AddScoped<OwnershipHistoryHandler>();
        services.AddSingleton<PoolSweep>();
        services.AddHostedService<PoolJob>();
        services.AddSingleton<IPoolContactPolicy, PoolContactPolicy>();
        services.AddScoped<Activities.IActivityObserver, PoolFollowUpObserver>();
        services.AddSingleton(new CustomerPageSection(typeof(CustomerPoolPanel), 10));
        return services;
    }

    public static RouteGroupBuilder MapPublicPool(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Public pool");
        customers.MapPost("/{id:guid}/release", async (Guid id, ReleaseCustomerRequest? request, CurrentUser user,
                ReleaseCustomerHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, request ?? new ReleaseCustomerRequest(), user, ct)).ToResult(TypedResults.Ok))
            .AddEndpointFilter(async (context, next) =>
                context.Arguments.OfType<ReleaseCustomerRequest>().FirstOrDefault() is { } body && Validation.Validate(body) is { Count: > 0 } errors
                    ? Failure.Invalid(errors).ToProblem()
                    : await next(context))
            .Produces<CustomerDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        customers.MapPost("/{id:guid}/claim", async (Guid id, CurrentUser user, ClaimCustomerHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<CustomerDto>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        customers.MapGet("/{id:guid}/ownership", async (Guid id, CurrentUser user, OwnershipHistoryHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<IReadOnlyList<OwnershipChangeDto>>().ProducesProblem(StatusCodes.Status404NotFound);

        var pool = api.MapGroup("/pool").WithTags("Public pool");
        pool.MapGet("/customers", async ([AsParameters] ListPoolRequest request, CurrentUser user, ListPoolHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<ListPoolRequest>();
        pool.MapGet("/standing", async (CurrentUser user, ClaimCustomerHandler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.StandingAsync(user, ct)));
        pool.MapGet("/rules", async (PoolRulesHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.GetAsync(ct)));
        pool.MapPut("/rules", async (PoolRulesDto request, CurrentUser user, PoolRulesHandler handler, CancellationToken ct) =>
                (await handler.SaveAsync(request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<PoolRulesDto>().RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .Produces<PoolRulesDto>().ProducesProblem(StatusCodes.Status409Conflict);
        pool.MapPost("/run", async (PoolSweep sweep, CancellationToken ct) => TypedResults.Ok(await sweep.RunAsync(ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Admin));
        return api;
    }
}
