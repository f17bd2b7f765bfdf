using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Leads.CaptureLead;
using Pipewright.Leads.ConvertLead;
using Pipewright.Leads.Inbox;
using Pipewright.Leads.LeadForms;
using Pipewright.Leads.WorkLead;

namespace Pipewright.Leads;

public static class LeadsModule
{
    public static IServiceCollection AddLeads(this IServiceCollection services)
    {
        services.AddOptions<LeadOptions>().BindConfiguration("Leads").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<LeadFormsHandler>();
        services.AddScoped<SubmitLeadHandler>();
        services.AddScoped<LeadInboxHandler>();
        services.AddScoped<WorkLeadHandler>();
        services.AddScoped<ConvertLeadHandler>();
        services.AddScoped<Activities.IActivityObserver, LeadFirstResponse>();
        services.AddScoped<Organisation.IHandoverStep, LeadHandover>();
        services.AddSingleton<Common.Audit.IAuditScope, LeadAuditScope>();
        return services;
    }

    public static RouteGroupBuilder MapLeads(this RouteGroupBuilder api)
    {
        var forms = api.MapGroup("/lead-forms").WithTags("Leads");

        forms.MapPost("/", async (CreateLeadFormRequest request, CurrentUser user, HttpRequest http, LeadFormsHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(request, user, PosterPage.RequestBase(http), ct))
                    .ToResult(f => TypedResults.Created($"/api/v1/lead-forms/{f.Id}", f)))
            .Validated<CreateLeadFormRequest>()
            .Produces<LeadFormDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden);

        forms.MapGet("/", async (CurrentUser user, HttpRequest http, LeadFormsHandler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.ListAsync(user, PosterPage.RequestBase(http), ct)));

        forms.MapGet("/{id:guid}", async (Guid id, CurrentUser user, HttpRequest http, LeadFormsHandler handler, CancellationToken ct) =>
                (await handler.GetAsync(id, user, PosterPage.RequestBase(http), ct)).ToResult(TypedResults.Ok))
            .Produces<LeadFormDto>().ProducesProblem(StatusCodes.Status404NotFound);

        forms.MapPost("/{id:guid}/active", async (Guid id, SetLeadFormActiveRequest request, CurrentUser user, HttpRequest http,
                LeadFormsHandler handler, CancellationToken ct) =>
                (await handler.SetActiveAsync(id, request.Active, user, PosterPage.RequestBase(http), ct)).ToResult(TypedResults.Ok))
            .Produces<LeadFormDto>().ProducesProblem(StatusCodes.Status404NotFound);

        forms.MapGet("/{id:guid}/qrcode.png", async (Guid id, CurrentUser user, HttpRequest http, LeadFormsHandler handler, CancellationToken ct) =>
                (await handler.QrCodeAsync(id, user, PosterPage.RequestBase(http), ct)).ToResult(png => TypedResults.File(png, "image/png")))
            .Produces(StatusCodes.Status200OK, contentType: "image/png").ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/public/forms/{formKey}/submissions", async (string formKey, LeadSubmission submission, SubmitLeadHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(formKey, submission, ct)).ToResult(a => TypedResults.Accepted((string?)null, a)))
            .AllowAnonymous()
            .RequireRateLimiting(AuthSetup.PublicFormRateLimit)
            .Validated<LeadSubmission>()
            .WithTags("Leads")
            .Produces<LeadAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var leads = api.MapGroup("/leads").WithTags("Leads");

        leads.MapGet("/", async ([AsParameters] ListLeadsRequest request, CurrentUser user, LeadInboxHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(request, user, ct)))
            .Validated<ListLeadsRequest>();

        leads.MapGet("/counts", async (CurrentUser user, LeadInboxHandler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.CountAsync(user, ct)));

        leads.MapGet("/{id:guid}", async (Guid id, CurrentUser user, LeadInboxHandler handler, CancellationToken ct) =>
                (await handler.GetAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<LeadDto>().ProducesProblem(StatusCodes.Status404NotFound);

        leads.MapPost("/{id:guid}/status", async (Guid id, ChangeLeadStatusRequest request, CurrentUser user, WorkLeadHandler handler, CancellationToken ct) =>
                (await handler.ChangeStatusAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<ChangeLeadStatusRequest>()
            .Produces<LeadDto>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        leads.MapPost("/{id:guid}/assign", async (Guid id, AssignLeadRequest request, CurrentUser user, WorkLeadHandler handler, CancellationToken ct) =>
                (await handler.AssignAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<AssignLeadRequest>()
            .Produces<LeadDto>().ProducesProblem(StatusCodes.Status403Forbidden);

        leads.MapPost("/{id:guid}/convert", async (Guid id, ConvertLeadRequest? request, CurrentUser user, ConvertLeadHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, request ?? new ConvertLeadRequest(), user, ct)).ToResult(TypedResults.Ok))
            .Produces<LeadConverted>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return api;
    }

    /// <summary>The pages outside /api: the public form (anonymous, no script) and the printable booth poster.</summary>
    public static WebApplication MapLeadPages(this WebApplication app)
    {
        app.MapGet("/f/{formKey}", PublicFormPage.ShowAsync).AllowAnonymous().ExcludeFromDescription();
        // Strangers post without a session, so there is nothing for a cross-site request to abuse: no antiforgery token.
        app.MapPost("/f/{formKey}", PublicFormPage.SubmitAsync).AllowAnonymous().DisableAntiforgery()
            .RequireRateLimiting(AuthSetup.PublicFormRateLimit).ExcludeFromDescription();
        app.MapGet("/lead-forms/{id:guid}/poster", PosterPage.ShowAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }
}

public sealed record SetLeadFormActiveRequest(bool Active);
