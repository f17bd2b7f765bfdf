using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Customers.CreateCustomer;
using Pipewright.Customers.Rules;
using Pipewright.Leads.CaptureLead;
using Pipewright.Pipeline.CreateOpportunity;

namespace Pipewright.Leads.ConvertLead;

public sealed record ConvertLeadRequest
{
    /// <summary>Owner of the new deal (and of the customer, when one is created); the lead's owner by default.</summary>
    public Guid? OwnerId { get; init; }
}

public sealed record LeadConverted(Guid CustomerId, Guid OpportunityId);

/// <summary>
/// Turns a lead into a deal in one transaction: the customer it matches (checked again now, as customers may have
/// been added since the submission) or a new one with the lead's contact, then an open opportunity that remembers
/// the lead. Converting a converted lead is refused (422) and names what it became.
/// </summary>
public sealed class ConvertLeadHandler(IDbContextFactory<PipewrightDb> dbFactory, IOptions<CustomerOptions> customerOptions, TimeProvider clock)
{
    /// <summary>The same lock as creating a customer: a conversion and a create racing on one company must not both add it.</summary>
    private const long CreateLock = 727274101;

    public async Task<Outcome<LeadConverted>> HandleAsync(Guid id, ConvertLeadRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var lead = await db.Leads.VisibleTo(user).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return Failure.NotFound();
        if (lead.Status == LeadStatus.Converted)
            return Failure.Rule("leads.convert.already") with
            {
                Extensions = new Dictionary<string, object?> { ["customerId"] = lead.CustomerId, ["opportunityId"] = lead.OpportunityId },
            };
        if (lead.Status == LeadStatus.Disqualified) return Failure.Rule("leads.convert.disqualified");
        var owner = await CustomerRules.ResolveOwnerAsync(db, user, request.OwnerId, lead.OwnerId, ct);
        if (owner.Failure is { } ownerFailure) return ownerFailure;
        var ownerId = owner.Value!.Value;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CreateLock})", ct);
        var now = clock.GetUtcNow();
        var customerId = await SubmitLeadHandler.MatchingCustomerAsync(db, lead, lead.CompanyName, lead.Mobile, ct);
        var customer = customerId is { } existing
            ? await AddContactAsync(db, existing, lead, now, ct)
            : await CreateCustomerAsync(db, lead, ownerId, now, ct);
        if (db.ChangeTracker.Entries<Contact>().Any(e => e.State == EntityState.Added)) await db.ReindexAsync(customer, ct);

        var title = string.IsNullOrWhiteSpace(lead.ProductInterest) ? lead.CompanyName : $"{lead.CompanyName} · {lead.ProductInterest}";
        var opportunity = await Opportunities.OpenAsync(db, customer.Id, ownerId, title[..Math.Min(title.Length, Pipeline.OpportunityLimits.Title)],
            null, null, null, lead.Id, now, ct);

        lead.Status = LeadStatus.Converted;
        lead.CustomerId = customer.Id;
        lead.OpportunityId = opportunity.Id;
        lead.ConvertedAt = now;
        lead.UpdatedAt = now;
        // Converting is the owner's response too, when they never marked the lead contacted.
        if (user.Id == lead.OwnerId) lead.RecordResponse(now);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException) { return Failure.Concurrency(); }
        return new LeadConverted(customer.Id, opportunity.Id);
    }

    /// <summary>The existing customer, with the lead's person added unless they are already among its contacts.</summary>
    private static async Task<Customer> AddContactAsync(PipewrightDb db, Guid customerId, Lead lead, DateTimeOffset now, CancellationToken ct)
    {
        var customer = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Id == customerId, ct);
        var known = customer.Contacts.Any(k => (lead.Mobile is not null && (k.Mobile == lead.Mobile || k.Phone == lead.Mobile))
                                               || (lead.Email is not null && string.Equals(k.Email, lead.Email, StringComparison.OrdinalIgnoreCase))
                                               || k.Name == lead.ContactName);
        if (!known && customer.Contacts.Count < CustomerLimits.Contacts)
        {
            var contact = NewContact(customer.Id, lead, now);
            customer.Contacts.Add(contact);
            db.Contacts.Add(contact);
            customer.UpdatedAt = now;
        }
        return customer;
    }

    private async Task<Customer> CreateCustomerAsync(PipewrightDb db, Lead lead, Guid ownerId, DateTimeOffset now, CancellationToken ct)
    {
        var prefix = customerOptions.Value.CodePrefix;
        var year = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).Year;
        var source = await db.LeadForms.Where(f => f.Id == lead.FormId).Select(f => f.Name).SingleAsync(ct);
        var customer = new Customer
        {
            Code = CodeSequences.Format(prefix, year, await db.NextAsync(prefix, year, ct)),
            Name = lead.CompanyName,
            NameKey = CompanyNameKey.Compute(lead.CompanyName),
            OwnerId = ownerId,
            Source = source[..Math.Min(source.Length, CustomerLimits.Short)],
            CreatedAt = now,
            UpdatedAt = now,
        };
        customer.Contacts.Add(NewContact(customer.Id, lead, now));
        db.Customers.Add(customer);
        return customer;
    }

    private static Contact NewContact(Guid customerId, Lead lead, DateTimeOffset now) => new()
    {
        CustomerId = customerId,
        Name = lead.ContactName[..Math.Min(lead.ContactName.Length, ContactLimits.Name)],
        Mobile = lead.Mobile,
        Email = lead.Email,
        CreatedAt = now,
    };
}
