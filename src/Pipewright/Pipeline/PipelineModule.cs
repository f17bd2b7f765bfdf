using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Pipeline.CreateOpportunity;

namespace Pipewright.Pipeline;

public static class PipelineModule
{
    public static IServiceCollection AddPipeline(this IServiceCollection services)
    {
        services.AddScoped<CreateOpportunityHandler>();
        services.AddScoped<GetOpportunityHandler>();
        services.AddScoped<Organisation.IHandoverStep, OpportunityHandover>();
        return services;
    }

    public static RouteGroupBuilder MapPipeline(this RouteGroupBuilder api)
    {
        var opportunities = api.MapGroup("/opportunities").WithTags("Opportunities");

        opportunities.MapPost("/", async (CreateOpportunityRequest request, CurrentUser user, CreateOpportunityHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, user, ct)).ToResult(o => TypedResults.Created($"/api/v1/opportunities/{o.Id}", o)))
            .Validated<CreateOpportunityRequest>()
            .Produces<OpportunityDto>(StatusCodes.Status201Created);

        opportunities.MapGet("/{id:guid}", async (Guid id, CurrentUser user, GetOpportunityHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<OpportunityDto>().ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
