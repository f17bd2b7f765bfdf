using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Customers.Rules;

namespace Pipewright.Leads.CaptureLead;

/// <summary>What a stranger leaves on a lead form; <see cref="Website"/> is the honeypot a person never sees.</summary>
public sealed record LeadSubmission : IValidatableObject
{
    [Required(ErrorMessage = "validation.required"), StringLength(LeadLimits.CompanyName, MinimumLength = 2, ErrorMessage = "validation.length")]
    public string CompanyName { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), StringLength(LeadLimits.ContactName, MinimumLength = 1, ErrorMessage = "validation.length")]
    public string ContactName { get; init; } = "";

    [MaxLength(30, ErrorMessage = "validation.maxLength")] public string? Mobile { get; init; }

    [MaxLength(LeadLimits.Email, ErrorMessage = "validation.maxLength"), EmailAddress(ErrorMessage = "validation.email")]
    public string? Email { get; init; }

    [MaxLength(LeadLimits.ProductInterest, ErrorMessage = "validation.maxLength")] public string? ProductInterest { get; init; }
    [MaxLength(LeadLimits.Message, ErrorMessage = "validation.maxLength")] public string? Message { get; init; }

    /// <summary>Hidden from people by CSS; form-filling bots fill it. A filled one is thanked and dropped.</summary>
    public string? Website { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Mobile) && string.IsNullOrWhiteSpace(Email))
            yield return new ValidationResult("leads.mobileOrEmail", [nameof(Mobile)]);
    }

    public bool IsBot => !string.IsNullOrWhiteSpace(Website);
}

public sealed record LeadAccepted(Guid LeadId);

/// <summary>
/// Records a submission as a lead for the form's owner (or the next rep of its team). It never creates a customer:
/// when the company or the mobile matches an existing customer, the lead is attached to that customer.
/// </summary>
public sealed class SubmitLeadHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public async Task<Outcome<LeadAccepted>> HandleAsync(string formKey, LeadSubmission submission, CancellationToken ct)
    {
        // The round-robin cursor is a versioned row: a submission racing another one for the same team form retries.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var form = await db.LeadForms.SingleOrDefaultAsync(f => f.FormKey == formKey && f.IsActive, ct);
            if (form is null) return Failure.NotFound();
            // A bot learns nothing: it gets the same answer as a person, and nothing is stored.
            if (submission.IsBot) return new LeadAccepted(Guid.CreateVersion7());
            var mobile = CustomerRules.CheckPhone(submission.Mobile, "mobile");
            if (mobile.Failure is { } invalid) return invalid;

            var now = clock.GetUtcNow();
            var lead = new Lead
            {
                FormId = form.Id,
                Channel = form.Channel,
                CompanyName = submission.CompanyName.Trim(),
                NameKey = CompanyNameKey.Compute(submission.CompanyName.Trim()),
                ContactName = submission.ContactName.Trim(),
                Mobile = mobile.Value,
                Email = Clean(submission.Email),
                ProductInterest = Clean(submission.ProductInterest),
                Message = Clean(submission.Message),
                OwnerId = await NextOwnerAsync(db, form, ct),
                CustomerId = await MatchingCustomerAsync(db, lead: null, submission.CompanyName, mobile.Value, ct),
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Leads.Add(lead);
            try
            {
                await db.SaveChangesAsync(ct);
                return new LeadAccepted(lead.Id);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Another submission moved the team form's cursor first: take the next rep after theirs.
            }
        }
    }

    /// <summary>
    /// The form's owner; for a team form the team's active sales reps in turn (ordered by id, a stable order that
    /// survives people joining and leaving): the rep after the last one served, wrapping round.
    /// </summary>
    private static async Task<Guid> NextOwnerAsync(PipewrightDb db, LeadForm form, CancellationToken ct)
    {
        if (form.TeamId is not { } teamId) return form.OwnerId;
        var reps = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where u.TeamId == teamId && u.IsActive && r.Name == Roles.SalesRep
                          select u.Id).ToListAsync(ct);
        if (reps.Count == 0) return form.OwnerId;
        reps.Sort();
        var last = form.LastAssignedUserId;
        var next = reps.FirstOrDefault(r => last is not null && r.CompareTo(last.Value) > 0);
        if (next == Guid.Empty) next = reps[0];
        form.LastAssignedUserId = next;
        return next;
    }

    /// <summary>
    /// The existing customer a lead belongs to, by the customers' duplicate rules: the contact's mobile first (it
    /// names the person), else the normalized company name.
    /// </summary>
    public static async Task<Guid?> MatchingCustomerAsync(PipewrightDb db, Lead? lead, string companyName, string? mobile, CancellationToken ct)
    {
        if (lead?.CustomerId is { } attached && await db.Customers.AnyAsync(c => c.Id == attached, ct)) return attached;
        if (mobile is not null)
        {
            var byPhone = db.Contacts.Where(k => k.Mobile == mobile || k.Phone == mobile).Select(k => k.CustomerId);
            var phoneMatch = await db.Customers.Where(c => byPhone.Contains(c.Id)).OrderBy(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (phoneMatch is not null) return phoneMatch;
        }
        var byName = await db.FindDuplicatesAsync(null, companyName, [], null, ct);
        return byName.Similar.FirstOrDefault()?.Id;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
