using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Quotes.Conflicts;
using Pipewright.Quotes.Pdf;
using Pipewright.Quotes.Revise;
using Pipewright.Quotes.SaveQuote;
using Pipewright.Quotes.SubmitQuote;

namespace Pipewright.Quotes;

public static class QuotesModule
{
    public static IServiceCollection AddQuotes(this IServiceCollection services)
    {
        services.AddOptions<QuoteOptions>().BindConfiguration("Quotes").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CompanyOptions>().BindConfiguration("Company").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Approvals.IApprovalSubject, QuoteApprovalSubject>();
        services.AddScoped<QuoteReader>();
        services.AddScoped<SaveQuoteHandler>();
        services.AddScoped<SubmitQuoteHandler>();
        services.AddScoped<ReviseQuoteHandler>();
        services.AddScoped<ResolveConflictHandler>();
        services.AddScoped<QuotePdfHandler>();
        services.AddScoped<ProductChoices>();
        services.AddSingleton<Pipeline.Requirements.IRequirementKind, ApprovedQuoteKind>();
        services.AddSingleton(new Pipeline.Ui.OpportunityTab("quotes", "quotes.tab", typeof(ListQuotes.OpportunityQuotes), 20));
        return services;
    }

    public static RouteGroupBuilder MapQuotes(this RouteGroupBuilder api)
    {
        var quotes = api.MapGroup("/quotes").WithTags("Quotes");

        quotes.MapPost("/", async (SaveQuoteRequest request, CurrentUser user, SaveQuoteHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(request, user, ct)).ToResult(q => TypedResults.Created($"/api/v1/quotes/{q.Id}", q)))
            .Validated<SaveQuoteRequest>()
            .Produces<QuoteDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound);

        quotes.MapGet("/", async ([AsParameters] ListQuotesRequest request, CurrentUser user, QuoteReader reader, CancellationToken ct) =>
                TypedResults.Ok(await reader.ListAsync(request, user, ct)))
            .Validated<ListQuotesRequest>();

        quotes.MapGet("/{id:guid}", async (Guid id, CurrentUser user, QuoteReader reader, CancellationToken ct) =>
                (await reader.GetAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<QuoteDto>().ProducesProblem(StatusCodes.Status404NotFound);

        quotes.MapPut("/{id:guid}", async (Guid id, SaveQuoteRequest request, CurrentUser user, SaveQuoteHandler handler, CancellationToken ct) =>
                (await handler.UpdateAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<SaveQuoteRequest>()
            .Produces<QuoteDto>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        quotes.MapPost("/{id:guid}/submit", async (Guid id, CurrentUser user, SubmitQuoteHandler handler, CancellationToken ct) =>
                (await handler.SubmitAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<SubmitResult>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        quotes.MapPost("/{id:guid}/recall", async (Guid id, CurrentUser user, SubmitQuoteHandler handler, CancellationToken ct) =>
                (await handler.RecallAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<SubmitResult>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        quotes.MapPost("/{id:guid}/revisions", async (Guid id, CurrentUser user, ReviseQuoteHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, user, ct)).ToResult(q => TypedResults.Created($"/api/v1/quotes/{q.Id}", q)))
            .Produces<QuoteDto>(StatusCodes.Status201Created);

        quotes.MapGet("/{id:guid}/pdf", async (Guid id, CurrentUser user, QuotePdfHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, user, ct)).ToResult(pdf => TypedResults.File(pdf.Content, "application/pdf", pdf.FileName)))
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");

        quotes.MapGet("/conflicts", async ([AsParameters] ListConflictsRequest request, CurrentUser user, ResolveConflictHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<ListConflictsRequest>();

        quotes.MapPost("/conflicts/{id:guid}/resolve", async (Guid id, ResolveConflictRequest request, CurrentUser user, ResolveConflictHandler handler, CancellationToken ct) =>
                (await handler.ResolveAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<ResolveConflictRequest>()
            .Produces<ConflictRecordDto>().ProducesProblem(StatusCodes.Status403Forbidden);

        return api;
    }

    /// <summary>The PDF for the signed-in browser (cookie), beside the API's bearer-token route.</summary>
    public static WebApplication MapQuoteFiles(this WebApplication app)
    {
        app.MapGet("/files/quotes/{id:guid}.pdf", async (Guid id, CurrentUser user, QuotePdfHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, user, ct)).ToResult(pdf => TypedResults.File(pdf.Content, "application/pdf", pdf.FileName)))
            .RequireAuthorization().ExcludeFromDescription();
        return app;
    }
}
