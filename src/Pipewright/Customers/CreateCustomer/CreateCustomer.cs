using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Ownership;

namespace Pipewright.Customers.CreateCustomer;

public sealed record CreateCustomerRequest : CustomerFields
{
    [MaxLength(CustomerLimits.Contacts, ErrorMessage = "validation.maxItems")]
    public List<ContactInput>? Contacts { get; init; }
}

public sealed class CustomerOptions
{
    /// <summary>Prefix of customer codes: KH + year + sequence by default.</summary>
    [Required, RegularExpression("^[A-Z]{1,6}$")] public string CodePrefix { get; set; } = "KH";
}

public sealed class CreateCustomerHandler(
    IDbContextFactory<PipewrightDb> dbFactory, IOptions<CustomerOptions> options, TimeProvider clock)
{
    /// <summary>Serializes creates on PostgreSQL so that two identical requests cannot both pass the duplicate check.</summary>
    internal const long CreateLock = 727274101;

    public async Task<Outcome<CustomerDto>> HandleAsync(CreateCustomerRequest request, CurrentUser user, CancellationToken ct)
    {
        var creditCode = CustomerRules.CheckCreditCode(request.CreditCode, request.AcceptCheckMismatch, user);
        if (creditCode.Failure is { } codeFailure) return codeFailure;

        var contacts = new List<Contact>();
        for (var i = 0; i < (request.Contacts?.Count ?? 0); i++)
        {
            var input = request.Contacts![i];
            var mobile = CustomerRules.CheckPhone(input.Mobile, $"contacts[{i}].mobile");
            if (mobile.Failure is { } mf) return mf;
            var phone = CustomerRules.CheckPhone(input.Phone, $"contacts[{i}].phone");
            if (phone.Failure is { } pf) return pf;
            contacts.Add(new Contact
            {
                Name = input.Name.Trim(), Title = input.Title?.Trim(), Mobile = mobile.Value, Phone = phone.Value,
                Email = input.Email?.Trim(), WeChat = input.WeChat?.Trim(), CreatedAt = clock.GetUtcNow(),
            });
        }
        var phones = contacts.SelectMany(c => new[] { c.Mobile, c.Phone }).OfType<string>().Distinct().ToList();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var owner = await CustomerRules.ResolveOwnerAsync(db, user, request.OwnerId, null, ct);
        if (owner.Failure is { } ownerFailure) return ownerFailure;

        // SQLite: BEGIN IMMEDIATE takes the write lock now; PostgreSQL: an advisory lock for the transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CreateLock})", ct);

        var duplicates = await db.FindDuplicatesAsync(creditCode.Value, request.Name, phones, null, ct);
        if (duplicates.Duplicates.Count > 0) return CustomerRules.DuplicateFailure(duplicates, hard: true);
        if (duplicates.Similar.Count > 0 && !request.IgnoreSimilar) return CustomerRules.DuplicateFailure(duplicates, hard: false);

        var now = clock.GetUtcNow();
        var customer = new Customer { CreatedAt = now, UpdatedAt = now, OwnerId = owner.Value, OwnerSince = now, Contacts = contacts };
        if (CustomerRules.Apply(customer, request, creditCode.Value) is { } invalid) return invalid;
        var year = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).Year;
        customer.Code = CodeSequences.Format(options.Value.CodePrefix, year,
            await db.NextAsync(options.Value.CodePrefix, year, ct));
        foreach (var contact in contacts) contact.CustomerId = customer.Id;
        db.Customers.Add(customer);
        db.RecordOwnership(nameof(Customer), customer.Id, null, customer.OwnerId, OwnershipReason.Created, now);
        await db.ReindexAsync(customer, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var ownerName = await db.Users.Where(u => u.Id == customer.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return customer.ToDto(ownerName);
    }
}
