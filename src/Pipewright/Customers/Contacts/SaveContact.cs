using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Customers.Contacts;

public sealed record UpdateContactRequest : ContactInput
{
    public int Version { get; init; }
}

/// <summary>Adds, changes and removes a customer's contacts; each change re-indexes the customer for search.</summary>
public sealed class SaveContactHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public async Task<Outcome<ContactDto>> AddAsync(Guid customerId, ContactInput input, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await LoadAsync(db, customerId, user, ct);
        if (customer is null) return Failure.NotFound();
        var contact = new Contact { CustomerId = customer.Id, CreatedAt = clock.GetUtcNow() };
        if (Apply(contact, input) is { } invalid) return invalid;
        customer.Contacts.Add(contact);
        db.Contacts.Add(contact); // a new entity with its key already set must be marked Added, not found by DetectChanges
        try { await SaveAsync(db, customer, ct); }
        catch (DbUpdateConcurrencyException) { return Failure.Concurrency(); }
        return contact.ToDto();
    }

    public async Task<Outcome<ContactDto>> UpdateAsync(Guid customerId, Guid contactId, ContactInput input, int version,
        CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await LoadAsync(db, customerId, user, ct);
        var contact = customer?.Contacts.SingleOrDefault(k => k.Id == contactId);
        if (customer is null || contact is null) return Failure.NotFound();
        if (contact.Version != version) return Failure.Concurrency();
        if (Apply(contact, input) is { } invalid) return invalid;
        try { await SaveAsync(db, customer, ct); }
        catch (DbUpdateConcurrencyException) { return Failure.Concurrency(); }
        return contact.ToDto();
    }

    public async Task<Failure?> RemoveAsync(Guid customerId, Guid contactId, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await LoadAsync(db, customerId, user, ct);
        var contact = customer?.Contacts.SingleOrDefault(k => k.Id == contactId);
        if (customer is null || contact is null) return Failure.NotFound();
        customer.Contacts.Remove(contact);
        db.Contacts.Remove(contact);
        try { await SaveAsync(db, customer, ct); }
        catch (DbUpdateConcurrencyException) { return Failure.Concurrency(); }
        return null;
    }

    private static async Task<Customer?> LoadAsync(PipewrightDb db, Guid customerId, CurrentUser user, CancellationToken ct)
    {
        db.Actor = user.Actor;
        return await db.Customers.VisibleTo(user).Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == customerId, ct);
    }

    private Task SaveAsync(PipewrightDb db, Customer customer, CancellationToken ct)
    {
        customer.UpdatedAt = clock.GetUtcNow();
        return db.SaveWithSearchIndexAsync(customer, ct);
    }

    private static Failure? Apply(Contact contact, ContactInput input)
    {
        var mobile = CustomerRules.CheckPhone(input.Mobile, "mobile");
        if (mobile.Failure is { } mf) return mf;
        var phone = CustomerRules.CheckPhone(input.Phone, "phone");
        if (phone.Failure is { } pf) return pf;
        contact.Name = input.Name.Trim();
        contact.Title = Trimmed(input.Title);
        contact.Mobile = mobile.Value;
        contact.Phone = phone.Value;
        contact.Email = Trimmed(input.Email);
        contact.WeChat = Trimmed(input.WeChat);
        return null;
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
