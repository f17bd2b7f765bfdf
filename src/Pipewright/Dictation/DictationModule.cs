using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Dictation.Competitors;
using Pipewright.Dictation.Extraction;

namespace Pipewright.Dictation;

public static class DictationModule
{
    public static IServiceCollection AddDictation(this IServiceCollection services)
    {
        services.AddScoped<CompetitorsHandler>();
        services.AddSingleton<VocabularyCache>();
        services.AddScoped<ExtractVoiceNoteHandler>();
        return services;
    }

    public static RouteGroupBuilder MapDictation(this RouteGroupBuilder api)
    {
        var competitors = api.MapGroup("/competitors").WithTags("Dictation");
        competitors.MapPost("/", async (CreateCompetitorRequest request, CurrentUser user, CompetitorsHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(request, user, ct)).ToResult(c => TypedResults.Created($"/api/v1/competitors/{c.Id}", c)))
            .Validated<CreateCompetitorRequest>()
            .Produces<CompetitorDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        competitors.MapGet("/", async ([AsParameters] ListCompetitorsRequest request, CompetitorsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(request, ct)))
            .Validated<ListCompetitorsRequest>();

        api.MapPost("/voice-notes/extract", async (ExtractVoiceNoteRequest request, CurrentUser user, ExtractVoiceNoteHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(request, user, ct)))
            .WithTags("Dictation")
            .Validated<ExtractVoiceNoteRequest>()
            .Produces<VoiceExtraction>();
        return api;
    }
}
