using Pipewright.Approvals.Delegation;
using Pipewright.Approvals.Inbox;
using Pipewright.Approvals.Policies;
using Pipewright.Approvals.Reminders;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;

namespace Pipewright.Approvals;

public static class ApprovalsModule
{
    public static IServiceCollection AddApprovals(this IServiceCollection services)
    {
        services.AddOptions<ApprovalReminderOptions>().BindConfiguration("Approvals:Reminders").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApprovalEngine>();
        services.AddScoped<ApprovalInboxHandler>();
        services.AddScoped<ApprovalPoliciesHandler>();
        services.AddScoped<DelegationsHandler>();
        services.AddScoped<ApproverChoices>();
        services.AddSingleton<ApprovalReminderJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ApprovalReminderJob>());
        return services;
    }

    public static RouteGroupBuilder MapApprovals(this RouteGroupBuilder api)
    {
        var approvals = api.MapGroup("/approvals").WithTags("Approvals");

        approvals.MapGet("/", async ([AsParameters] ApprovalInboxRequest request, CurrentUser user, ApprovalInboxHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(request, user, ct)))
            .Validated<ApprovalInboxRequest>();

        approvals.MapGet("/{id:guid}", async (Guid id, CurrentUser user, ApprovalInboxHandler handler, CancellationToken ct) =>
                (await handler.GetAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<ApprovalDto>().ProducesProblem(StatusCodes.Status404NotFound);

        approvals.MapPost("/{id:guid}/decision", async (Guid id, DecisionRequest request, CurrentUser user, ApprovalInboxHandler handler, CancellationToken ct) =>
                (await handler.DecideAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<DecisionRequest>()
            .Produces<ApprovalDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        approvals.MapGet("/delegations", async (CurrentUser user, DelegationsHandler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.ListAsync(user, ct)));

        approvals.MapPost("/delegations", async (DelegateRequest request, CurrentUser user, DelegationsHandler handler, CancellationToken ct) =>
                (await handler.AddAsync(request, user, ct)).ToResult(d => TypedResults.Created($"/api/v1/approvals/delegations/{d.Id}", d)))
            .Validated<DelegateRequest>();

        approvals.MapDelete("/delegations/{id:guid}", async (Guid id, CurrentUser user, DelegationsHandler handler, CancellationToken ct) =>
            await handler.RemoveAsync(id, user, ct) is { } failure ? failure.ToProblem() : Results.NoContent());

        var policies = api.MapGroup("/approval-policies").WithTags("Approvals");

        policies.MapGet("/", async (string? subjectType, CurrentUser user, ApprovalPoliciesHandler handler, CancellationToken ct) =>
            (await handler.ListAsync(subjectType ?? "quote", user, ct)).ToResult(TypedResults.Ok));

        policies.MapPut("/", async (string? subjectType, SavePoliciesRequest request, CurrentUser user, ApprovalPoliciesHandler handler, CancellationToken ct) =>
                (await handler.SaveAsync(subjectType ?? "quote", request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<SavePoliciesRequest>();

        return api;
    }
}
