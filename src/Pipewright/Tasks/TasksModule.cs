using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pipewright.Activities.Attachments;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Tasks.ChecklistTemplates;
using Pipewright.Tasks.Escalation;
using Pipewright.Tasks.Leave;
using Pipewright.Tasks.ListTasks;
using Pipewright.Tasks.Reassign;
using Pipewright.Tasks.RequestEvaluation;
using Pipewright.Tasks.WorkOnTasks;

namespace Pipewright.Tasks;

public static class TasksModule
{
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.AddOptions<TaskOptions>().BindConfiguration("Tasks").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<RequestEvaluationHandler>();
        services.AddScoped<ListTasksHandler>();
        services.AddScoped<GetTaskHandler>();
        services.AddScoped<WorkOnTaskHandler>();
        services.AddScoped<ReassignTaskHandler>();
        services.AddScoped<CancelTaskHandler>();
        services.AddScoped<ChecklistTemplatesHandler>();
        services.AddScoped<LeaveHandler>();
        services.AddScoped<Organisation.IHandoverStep, TaskHandover>();
        services.AddSingleton<Common.Audit.IAuditScope, TaskAuditScope>();
        services.AddSingleton<TaskSweep>();
        services.AddSingleton(new Customers.CustomerTab("techRequests", "tasks.tab", typeof(CustomerTechRequests), 30));
        services.AddSingleton<Pipeline.Requirements.IRequirementKind, CompletedTechRequestKind>();
        services.AddSingleton(new Pipeline.Ui.OpportunityTab("techRequests", "tasks.tab", typeof(TechRequestsPanel), 30));
        services.AddHostedService<TaskJob>();
        return services;
    }

    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder api)
    {
        api.MapPost("/opportunities/{id:guid}/tech-requests", async (Guid id, RequestEvaluationRequest request, CurrentUser user,
                RequestEvaluationHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, request, user, ct)).ToResult(r => TypedResults.Created($"/api/v1/tasks/{r.TaskId}", r)))
            .Validated<RequestEvaluationRequest>()
            .WithTags("Tasks")
            .Produces<EvaluationRequestedDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/", async ([AsParameters] ListTasksRequest request, CurrentUser user, ListTasksHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<ListTasksRequest>()
            .Produces<Paged<TechTaskDto>>();
        tasks.MapGet("/{id:guid}", async (Guid id, CurrentUser user, GetTaskHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<TechTaskDto>().ProducesProblem(StatusCodes.Status404NotFound);
        MapWork(tasks);
        tasks.MapPost("/{id:guid}/reassign", async (Guid id, ReassignTaskRequest request, CurrentUser user, ReassignTaskHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<ReassignTaskRequest>()
            .Produces<TechTaskDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{id:guid}/cancel", async (Guid id, CurrentUser user, CancelTaskHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<TechTaskDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        var checklists = api.MapGroup("/checklists").WithTags("Tasks");
        checklists.MapGet("/", async (ChecklistTemplatesHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(ct)));
        checklists.MapPut("/{category}", async (string category, SaveChecklistRequest request, CurrentUser user, ChecklistTemplatesHandler handler,
                CancellationToken ct) => (await handler.SaveAsync(category, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<SaveChecklistRequest>().RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .Produces<ChecklistDto>();

        var leaves = api.MapGroup("/leaves").WithTags("Tasks");
        leaves.MapGet("/", async (CurrentUser user, LeaveHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(user, ct)));
        leaves.MapPost("/", async (RecordLeaveRequest request, CurrentUser user, LeaveHandler handler, CancellationToken ct) =>
                (await handler.RecordAsync(request, user, ct)).ToResult(l => TypedResults.Created($"/api/v1/leaves/{l.Id}", l)))
            .Validated<RecordLeaveRequest>()
            .Produces<LeaveDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden);
        leaves.MapDelete("/{id:guid}", async (Guid id, CurrentUser user, LeaveHandler handler, CancellationToken ct) =>
                (await handler.CancelAsync(id, user, ct)).ToResult(_ => TypedResults.NoContent()))
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>
    /// The engineer's phone page calls the same work endpoints with its sign-in cookie (no token in a page script).
    /// Cookie-authenticated writes need the antiforgery token, which the page sends as a header.
    /// </summary>
    public static WebApplication MapTaskPhoneApi(this WebApplication app)
    {
        var phone = app.MapGroup("/m/api").RequireAuthorization().ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
                return await antiforgery.IsRequestValidAsync(context.HttpContext)
                    ? await next(context)
                    : Failure.Forbidden().ToProblem();
            });
        MapWork(phone.MapGroup("/tasks"));

        var bodyLimit = ((IEndpointRouteBuilder)app).ServiceProvider.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxBytes + 64 * 1024;
        phone.MapPost("/attachments", async (IFormFile? file, CurrentUser user, UploadAttachmentHandler handler,
                IOptions<AttachmentOptions> options, CancellationToken ct) =>
            {
                if (file is null) return Failure.Invalid("file", "attachment.file.required").ToProblem();
                if (file.Length > options.Value.MaxBytes) return UploadAttachmentHandler.TooLarge(options.Value.MaxBytes).ToProblem();
                await using var stream = file.OpenReadStream();
                return (await handler.HandleAsync(stream, file.FileName, user, ct)).ToResult(a => TypedResults.Created(a.Url, a));
            })
            .WithMetadata(new RequestSizeLimitAttribute(bodyLimit))
            .WithFormOptions(multipartBodyLengthLimit: bodyLimit)
            .DisableAntiforgery() // checked by the group's filter, with the header the script sends
            .Idempotent();
        return app;
    }

    private static void MapWork(RouteGroupBuilder tasks)
    {
        tasks.MapPost("/{id:guid}/start", async (Guid id, CurrentUser user, WorkOnTaskHandler handler, CancellationToken ct) =>
                (await handler.StartAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<TechTaskDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{id:guid}/complete", async (Guid id, CompleteTaskRequest request, CurrentUser user, WorkOnTaskHandler handler, CancellationToken ct) =>
                (await handler.CompleteAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<CompleteTaskRequest>()
            .Idempotent()
            .Produces<TechTaskDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
