using Microsoft.EntityFrameworkCore.Diagnostics;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Pipeline.Board;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.CreateOpportunity;
using Pipewright.Pipeline.GetOpportunity;
using Pipewright.Pipeline.ListOpportunities;
using Pipewright.Pipeline.MoveOpportunity;
using Pipewright.Pipeline.Progress;
using Pipewright.Pipeline.Requirements;

namespace Pipewright.Pipeline;

public static class PipelineModule
{
    public static IServiceCollection AddPipeline(this IServiceCollection services)
    {
        services.AddSingleton<IInterceptor, StageHistoryInterceptor>();
        services.AddScoped<CreateOpportunityHandler>();
        services.AddScoped<GetOpportunityHandler>();
        services.AddScoped<ListOpportunitiesHandler>();
        services.AddScoped<BoardHandler>();
        services.AddScoped<GetPipelineHandler>();
        services.AddScoped<SavePipelineHandler>();
        services.AddScoped<DealChange>();
        services.AddScoped<MoveOpportunityHandler>();
        services.AddScoped<CompleteRequirementHandler>();
        services.AddSingleton<OpportunityProgress>(); // stateless, like every requirement kind: approval callbacks (singletons) use it too
        // Requirement kinds: one class each; modules above add theirs (activity, quote, task) the same way.
        services.AddSingleton<IRequirementKind, FormKind>();
        services.AddSingleton<IRequirementKind, ChecklistKind>();
        services.AddSingleton<IRequirementKind, FieldKind>();
        services.AddSingleton<IRequirementKind, AttachmentKind>();
        services.AddScoped<Organisation.IHandoverStep, OpportunityHandover>();
        services.AddSingleton(new Customers.CustomerTab("opportunities", "opportunities.tab", typeof(ListOpportunities.CustomerOpportunities), 5));
        return services;
    }

    public static RouteGroupBuilder MapPipeline(this RouteGroupBuilder api)
    {
        api.MapGet("/pipeline", (GetPipelineHandler handler, CancellationToken ct) => handler.HandleAsync(ct))
            .WithTags("Pipeline").Produces<PipelineSpec>();
        api.MapPut("/pipeline", async (PipelineSpec request, CurrentUser user, SavePipelineHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, user, ct)).ToResult(TypedResults.Ok))
            .WithTags("Pipeline").RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .Produces<PipelineSpec>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var opportunities = api.MapGroup("/opportunities").WithTags("Opportunities");

        opportunities.MapPost("/", async (CreateOpportunityRequest request, CurrentUser user, CreateOpportunityHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, user, ct)).ToResult(o => TypedResults.Created($"/api/v1/opportunities/{o.Id}", o)))
            .Validated<CreateOpportunityRequest>()
            .Produces<OpportunityDto>(StatusCodes.Status201Created);

        opportunities.MapGet("/", async ([AsParameters] ListOpportunitiesRequest request, CurrentUser user, ListOpportunitiesHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<ListOpportunitiesRequest>()
            .Produces<Paged<OpportunityDto>>();

        opportunities.MapGet("/board", async ([AsParameters] BoardRequest request, CurrentUser user, BoardHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<BoardRequest>()
            .Produces<BoardDto>();

        opportunities.MapGet("/{id:guid}", async (Guid id, CurrentUser user, GetOpportunityHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<OpportunityDetailsDto>().ProducesProblem(StatusCodes.Status404NotFound);

        opportunities.MapPost("/{id:guid}/requirements/{key}", async (Guid id, string key, CompleteRequirementRequest request, CurrentUser user,
                CompleteRequirementHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, key, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<CompleteRequirementRequest>()
            .Produces<OpportunityDetailsDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        // The body is optional: a bare POST advances whatever the version.
        opportunities.MapPost("/{id:guid}/advance", async (Guid id, AdvanceRequest? request, CurrentUser user, MoveOpportunityHandler handler, CancellationToken ct) =>
                (await handler.AdvanceAsync(id, request ?? new AdvanceRequest(), user, ct)).ToResult(TypedResults.Ok))
            .Produces<OpportunityDetailsDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        opportunities.MapPost("/{id:guid}/move", async (Guid id, MoveRequest request, CurrentUser user, MoveOpportunityHandler handler, CancellationToken ct) =>
                (await handler.MoveAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<MoveRequest>()
            .Produces<OpportunityDetailsDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        opportunities.MapPost("/{id:guid}/close", async (Guid id, CloseRequest request, CurrentUser user, MoveOpportunityHandler handler, CancellationToken ct) =>
                (await handler.CloseAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<CloseRequest>()
            .Produces<OpportunityDetailsDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return api;
    }
}
