using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Customers;

namespace Pipewright.Pipeline.CreateOpportunity;

public sealed record CreateOpportunityRequest
{
    [Required(ErrorMessage = "validation.required")] public Guid? CustomerId { get; init; }

    [Required(ErrorMessage = "validation.required"), MaxLength(OpportunityLimits.Title, ErrorMessage = "validation.maxLength")]
    public string Title { get; init; } = "";

    [Range(0, 10_000_000_000, ErrorMessage = "validation.range")] public decimal? ExpectedAmount { get; init; }
    public DateOnly? ExpectedCloseDate { get; init; }

    [MaxLength(OpportunityLimits.Short, ErrorMessage = "validation.maxLength")] public string? ProductCategory { get; init; }
    public Guid? OwnerId { get; init; }
}

public sealed record StageDto(string Key, string Name);

public sealed record OpportunityDto(
    Guid Id, string Code, Guid CustomerId, string Title, Guid OwnerId, StageDto Stage, string Status,
    decimal? ExpectedAmount, DateOnly? ExpectedCloseDate, string? ProductCategory, Guid? LeadId,
    DateTimeOffset CreatedAt, int Version);

public static class Opportunities
{
    private static readonly Strings L = new();

    public const string CodePrefix = "SJ";

    /// <summary>Adds a new open deal to the caller's context (saved by the caller, so a lead's conversion is one transaction).</summary>
    public static async Task<Opportunity> OpenAsync(PipewrightDb db, Guid customerId, Guid ownerId, string title,
        Money? expectedAmount, DateOnly? expectedCloseDate, string? productCategory, Guid? leadId, DateTimeOffset now, CancellationToken ct)
    {
        var year = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).Year;
        var opportunity = new Opportunity
        {
            Code = CodeSequences.Format(CodePrefix, year, await db.NextAsync(CodePrefix, year, ct)),
            CustomerId = customerId,
            OwnerId = ownerId,
            Title = title.Trim(),
            ExpectedAmount = expectedAmount,
            ExpectedCloseDate = expectedCloseDate,
            ProductCategory = string.IsNullOrWhiteSpace(productCategory) ? null : productCategory.Trim(),
            LeadId = leadId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Opportunities.Add(opportunity);
        return opportunity;
    }

    public static OpportunityDto ToDto(this Opportunity o) => new(
        o.Id, o.Code, o.CustomerId, o.Title, o.OwnerId, new StageDto(o.StageKey, L[$"opportunity.stage.{o.StageKey}"]),
        o.Status.ToString().ToLowerInvariant(), o.ExpectedAmount?.Yuan, o.ExpectedCloseDate, o.ProductCategory, o.LeadId,
        o.CreatedAt, o.Version);
}

/// <summary>Opens a deal on a customer the caller may see; the owner is the caller unless a manager names a colleague.</summary>
public sealed class CreateOpportunityHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public async Task<Outcome<OpportunityDto>> HandleAsync(CreateOpportunityRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var customer = await db.Customers.VisibleTo(user).Where(c => c.Id == request.CustomerId).Select(c => new { c.Id, c.OwnerId }).SingleOrDefaultAsync(ct);
        if (customer is null) return Failure.Invalid("customerId", "opportunity.customer.unknown");
        var owner = await CustomerRules.ResolveOwnerAsync(db, user, request.OwnerId, null, ct);
        if (owner.Failure is { } ownerFailure) return ownerFailure;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var opportunity = await Opportunities.OpenAsync(db, customer.Id, owner.Value!.Value, request.Title,
            request.ExpectedAmount is { } amount ? Money.FromYuan(amount) : null, request.ExpectedCloseDate,
            request.ProductCategory, null, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return opportunity.ToDto();
    }
}

public sealed class GetOpportunityHandler(IDbContextFactory<PipewrightDb> dbFactory)
{
    public async Task<Outcome<OpportunityDto>> HandleAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var opportunity = await db.Opportunities.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(o => o.Id == id, ct);
        return opportunity is null ? Failure.NotFound() : opportunity.ToDto();
    }
}
