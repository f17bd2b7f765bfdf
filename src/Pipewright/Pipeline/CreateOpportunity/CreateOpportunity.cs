using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.Progress;

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
    public const string CodePrefix = "SJ";

    /// <summary>Adds a new open deal to the caller's context (saved by the caller, so a lead's conversion is one transaction).</summary>
    public static async Task<Opportunity> OpenAsync(PipewrightDb db, Guid customerId, Guid ownerId, string title,
        Money? expectedAmount, DateOnly? expectedCloseDate, string? productCategory, Guid? leadId, DateTimeOffset now, CancellationToken ct)
    {
        var year = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).Year;
        var (pipeline, _) = await DefaultPipeline.CurrentAsync(db, ct);
        var opportunity = new Opportunity
        {
            StageKey = pipeline.FirstStage.Key,
            StageEnteredAt = now,
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
        db.StageVisits.Add(OpportunityProgress.FirstVisit(db, opportunity, now));
        return opportunity;
    }

    /// <summary>The stage's name in the funnel in force; a stage removed since shows its key.</summary>
    public static StageDto StageOf(this PipelineSpec pipeline, string key) => new(key, pipeline.Stage(key)?.Name ?? key);

    public static OpportunityDto ToDto(this Opportunity o, PipelineSpec pipeline) => new(
        o.Id, o.Code, o.CustomerId, o.Title, o.OwnerId, pipeline.StageOf(o.StageKey),
        o.Status.ToString().ToLowerInvariant(), o.ExpectedAmount?.Yuan, o.ExpectedCloseDate, o.ProductCategory, o.LeadId,
        o.CreatedAt, o.Version);
}

/// <summary>Opens a deal on a customer the caller may see; the owner is the caller unless a manager names a colleague.</summary>
public sealed class CreateOpportunityHandler(IDbContextFactory<PipewrightDb> dbFactory, OpportunityProgress progress, TimeProvider clock)
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
        // Opened with an amount, a date and a category, it has already met the first stage's exit.
        await progress.ReevaluateAsync(db, opportunity.Id, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return opportunity.ToDto((await DefaultPipeline.CurrentAsync(db, ct)).Spec);
    }
}
