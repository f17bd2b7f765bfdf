using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Customers.CheckDuplicates;
using Pipewright.Customers.Contacts;
using Pipewright.Customers.CreateCustomer;
using Pipewright.Customers.ExportCustomers;
using Pipewright.Customers.GetCustomer;
using Pipewright.Customers.ImportCustomers;
using Pipewright.Customers.ListCustomers;
using Pipewright.Customers.UpdateCustomer;

namespace Pipewright.Customers;

public static class CustomersModule
{
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddOptions<CustomerOptions>().BindConfiguration("Customers").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CreateCustomerHandler>();
        services.AddScoped<UpdateCustomerHandler>();
        services.AddScoped<GetCustomerHandler>();
        services.AddScoped<ListCustomersHandler>();
        services.AddScoped<SaveContactHandler>();
        services.AddScoped<CheckDuplicatesHandler>();
        services.AddScoped<OwnerChoices>();
        services.AddOptions<ExportOptions>().BindConfiguration("Customers").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ImportCustomersHandler>();
        services.AddScoped<ExportCustomersHandler>();
        services.AddScoped<Organisation.IHandoverStep, CustomerHandover>();
        services.AddSingleton<Common.Audit.IAuditScope, CustomerAuditScope>();
        return services;
    }

    public static RouteGroupBuilder MapCustomers(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");

        customers.MapPost("/", async (CreateCustomerRequest request, CurrentUser user, CreateCustomerHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, user, ct)).ToResult(c => TypedResults.Created($"/api/v1/customers/{c.Id}", c)))
            .Validated<CreateCustomerRequest>()
            .Produces<CustomerDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        customers.MapGet("/", async ([AsParameters] ListCustomersRequest request, CurrentUser user, ListCustomersHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(request, user, ct)))
            .Validated<ListCustomersRequest>();

        customers.MapGet("/duplicates", async (string? name, string? creditCode, string? phone, Guid? except,
                CheckDuplicatesHandler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(name, creditCode, phone, except, ct)));

        customers.MapGet("/{id:guid}", async (Guid id, CurrentUser user, GetCustomerHandler handler, CancellationToken ct) =>
            (await handler.HandleAsync(id, user, ct)).ToResult(TypedResults.Ok))
            .Produces<CustomerDto>().ProducesProblem(StatusCodes.Status404NotFound);

        customers.MapPut("/{id:guid}", async (Guid id, UpdateCustomerRequest request, CurrentUser user, UpdateCustomerHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, request, user, ct)).ToResult(TypedResults.Ok))
            .Validated<UpdateCustomerRequest>()
            .Produces<CustomerDto>().ProducesProblem(StatusCodes.Status409Conflict);

        customers.MapPost("/{id:guid}/contacts", async (Guid id, ContactInput request, CurrentUser user, SaveContactHandler handler, CancellationToken ct) =>
                (await handler.AddAsync(id, request, user, ct)).ToResult(c => TypedResults.Created($"/api/v1/customers/{id}/contacts/{c.Id}", c)))
            .Validated<ContactInput>()
            .Produces<ContactDto>(StatusCodes.Status201Created);

        customers.MapPut("/{id:guid}/contacts/{contactId:guid}", async (Guid id, Guid contactId, UpdateContactRequest request,
                CurrentUser user, SaveContactHandler handler, CancellationToken ct) =>
                (await handler.UpdateAsync(id, contactId, request, request.Version, user, ct)).ToResult(TypedResults.Ok))
            .Validated<UpdateContactRequest>();

        customers.MapDelete("/{id:guid}/contacts/{contactId:guid}", async (Guid id, Guid contactId, CurrentUser user,
                SaveContactHandler handler, CancellationToken ct) =>
            await handler.RemoveAsync(id, contactId, user, ct) is { } failure ? failure.ToProblem() : Results.NoContent());

        customers.MapImportAndExport();

        return api;
    }
}
