using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Leads.Inbox;

namespace Pipewright.Leads.WorkLead;

public sealed record ChangeLeadStatusRequest
{
    [Required(ErrorMessage = "validation.required"),
     AllowedValues("new", "contacted", "qualified", "converted", "disqualified", ErrorMessage = "leads.status.invalid")]
    public string Status { get; init; } = "";

    [MaxLength(LeadLimits.Reason, ErrorMessage = "validation.maxLength")] public string? Reason { get; init; }
}

public sealed record AssignLeadRequest
{
    [Required(ErrorMessage = "validation.required")] public Guid? OwnerId { get; init; }
}

/// <summary>Moves a lead through the inbox (new, contacted, qualified, disqualified) and hands it to a colleague.</summary>
public sealed class WorkLeadHandler(IDbContextFactory<PipewrightDb> dbFactory, LeadInboxHandler inbox, TimeProvider clock)
{
    public async Task<Outcome<LeadDto>> ChangeStatusAsync(Guid id, ChangeLeadStatusRequest request, CurrentUser user, CancellationToken ct)
    {
        var status = Enum.Parse<LeadStatus>(request.Status, ignoreCase: true);
        if (status == LeadStatus.Converted) return Failure.Rule("leads.status.convertOnly");
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (status == LeadStatus.Disqualified && reason is null) return Failure.Invalid("reason", "leads.reason.required");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var lead = await db.Leads.VisibleTo(user).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return Failure.NotFound();
        if (lead.Status == LeadStatus.Converted) return Failure.Rule("leads.status.alreadyConverted");

        var now = clock.GetUtcNow();
        lead.Status = status;
        lead.DisqualifyReason = status == LeadStatus.Disqualified ? reason : null;
        // Only the owner's own contact counts as the response; a manager tidying the inbox is not one.
        if (status is LeadStatus.Contacted or LeadStatus.Qualified && user.Id == lead.OwnerId) lead.RecordResponse(now);
        lead.UpdatedAt = now;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Failure.Concurrency(); }
        return await inbox.GetAsync(id, user, ct);
    }

    /// <summary>Managers hand a lead to someone in their scope; an admin, finance or the general manager to anyone active.</summary>
    public async Task<Outcome<LeadDto>> AssignAsync(Guid id, AssignLeadRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!user.SeesEverything && !user.IsInRole(Roles.RegionalManager)) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var lead = await db.Leads.VisibleTo(user).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return Failure.NotFound();
        if (!lead.IsOpen) return Failure.Rule("leads.assign.closed");
        var owner = await CustomerRules.ResolveOwnerAsync(db, user, request.OwnerId, lead.OwnerId, ct);
        if (owner.Failure is { } failure) return failure;
        lead.OwnerId = owner.Value!.Value;
        lead.UpdatedAt = clock.GetUtcNow();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Failure.Concurrency(); }
        return await inbox.GetAsync(id, user, ct);
    }
}
