using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Catalog;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Erp;
using Pipewright.Pipeline;

namespace Pipewright.Quotes.SaveQuote;

public sealed record QuoteLineInput
{
    [Required(ErrorMessage = "validation.required")] public Guid? ProductId { get; init; }

    [Required(ErrorMessage = "validation.required"), Range(0.001, 1_000_000, ErrorMessage = "validation.range")]
    public decimal? Quantity { get; init; }

    [Required(ErrorMessage = "validation.required"), Range(0, 100_000_000, ErrorMessage = "validation.range")]
    public decimal? UnitPrice { get; init; }

    [MaxLength(10, ErrorMessage = "validation.maxItems")] public List<Guid>? OptionIds { get; init; }
}

public sealed record SaveQuoteRequest
{
    [Required(ErrorMessage = "validation.required")] public Guid? OpportunityId { get; init; }

    [Required(ErrorMessage = "validation.required"), MinLength(1, ErrorMessage = "quote.lines.none"), MaxLength(QuoteLimits.Lines, ErrorMessage = "validation.maxItems")]
    public List<QuoteLineInput> Lines { get; init; } = [];
    public DateOnly? PromisedDeliveryDate { get; init; }
    public DateOnly? ValidUntil { get; init; }
    [Range(0, 10_000_000, ErrorMessage = "validation.range")] public decimal? Freight { get; init; }
    [Range(0, 10_000_000, ErrorMessage = "validation.range")] public decimal? Installation { get; init; }
    [Range(0, 0.5, ErrorMessage = "validation.range")] public decimal? TaxRate { get; init; }
    [MaxLength(QuoteLimits.Note, ErrorMessage = "validation.maxLength")] public string? Note { get; init; }

    /// <summary>On update: the version the editor started from.</summary>
    public int? Version { get; init; }
}

public sealed class QuoteOptions
{
    [Required, RegularExpression("^[A-Z]{1,6}$")] public string CodePrefix { get; set; } = "BJ";
    [Range(1, 365)] public int ValidityDays { get; set; } = 30;

    /// <summary>增值税 on goods in China; quoted prices include it.</summary>
    [Range(0, 0.5)] public decimal TaxRate { get; set; } = 0.13m;

    /// <summary>How long an approved quote still counts as open for 撞单.</summary>
    [Range(1, 3650)] public int ConflictDays { get; set; } = 90;
}

/// <summary>Creates a draft quote on an opportunity the caller sees, or saves changes to a draft; lines come from active catalog products.</summary>
public sealed class SaveQuoteHandler(IDbContextFactory<PipewrightDb> dbFactory, IOptions<QuoteOptions> options, IErpGateway erp,
    QuoteReader reader, TimeProvider clock)
{
    public async Task<Outcome<QuoteDto>> CreateAsync(SaveQuoteRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var opportunity = await db.Opportunities.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(o => o.Id == request.OpportunityId, ct);
        if (opportunity is null) return Failure.NotFound();
        if (opportunity.Status != OpportunityStatus.Open) return Failure.Rule("quote.opportunity.closed");
        var now = clock.GetUtcNow();
        var quote = new Quote
        {
            OpportunityId = opportunity.Id, CustomerId = opportunity.CustomerId, OwnerId = opportunity.OwnerId, CreatedAt = now, UpdatedAt = now,
        };
        quote.FamilyId = quote.Id;
        if (await ApplyAsync(db, quote, request, now, ct) is { } invalid) return invalid;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var year = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).Year;
        quote.Code = CodeSequences.Format(options.Value.CodePrefix, year, await db.NextAsync(options.Value.CodePrefix, year, ct));
        db.Quotes.Add(quote);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await reader.ToDtoAsync(db, quote, ct);
    }

    public async Task<Outcome<QuoteDto>> UpdateAsync(Guid id, SaveQuoteRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var quote = await db.Quotes.VisibleTo(user).Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, ct);
        if (quote is null) return Failure.NotFound();
        if (Locked(quote) is { } locked) return locked;
        if (request.Version is { } v && v != quote.Version) return Failure.Concurrency();
        if (request.OpportunityId != quote.OpportunityId) return Failure.Invalid("opportunityId", "quote.opportunity.fixed");
        var now = clock.GetUtcNow();
        db.QuoteLines.RemoveRange(quote.Lines);
        quote.Lines = [];
        if (await ApplyAsync(db, quote, request, now, ct) is { } invalid) return invalid;
        // Reworking a quote that came back rejected makes it a draft again.
        quote.Status = QuoteStatus.Draft;
        quote.UpdatedAt = now;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Failure.Concurrency(); }
        return await reader.ToDtoAsync(db, quote, ct);
    }

    /// <summary>Why a quote may not change: locked while its approval runs, read only once approved or superseded.</summary>
    public static Failure? Locked(Quote quote) =>
        !quote.IsCurrent ? Failure.Rule("quote.oldRevision")
        : quote.Status == QuoteStatus.PendingApproval ? Failure.Rule("quote.locked")
        : quote.Status == QuoteStatus.Approved ? Failure.Rule("quote.approvedReadOnly")
        : null;

    private async Task<Failure?> ApplyAsync(PipewrightDb db, Quote quote, SaveQuoteRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).DateTime);
        if (request.ValidUntil is { } validUntil && validUntil < today) return Failure.Invalid("validUntil", "quote.validUntil.past");
        if (request.PromisedDeliveryDate is { } promised && promised < today) return Failure.Invalid("promisedDeliveryDate", "quote.promised.past");

        var productIds = request.Lines.Select(l => l.ProductId!.Value).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Include(p => p.Options).Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var errors = new Dictionary<string, string[]>();
        var lines = new List<QuoteLine>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var input = request.Lines[i];
            if (!products.TryGetValue(input.ProductId!.Value, out var product) || !product.IsActive)
            {
                errors[$"lines[{i}].productId"] = [Failure.Invalid("productId", product is null ? "quote.product.unknown" : "quote.product.inactive").Detail];
                continue;
            }
            var optionIds = (input.OptionIds ?? []).Distinct().ToList();
            var options = product.Options.Where(o => optionIds.Contains(o.Id)).OrderBy(o => o.Group).ToList();
            if (options.Count != optionIds.Count || options.GroupBy(o => o.Group).Any(g => g.Count() > 1))
            {
                errors[$"lines[{i}].optionIds"] = [Failure.Invalid("optionIds", "quote.options.invalid").Detail];
                continue;
            }
            var availability = await erp.GetAvailabilityAsync(product.Model, input.Quantity!.Value, request.PromisedDeliveryDate, ct);
            lines.Add(new QuoteLine
            {
                QuoteId = quote.Id, LineNo = i + 1, ProductId = product.Id, Model = product.Model, ModelKey = product.ModelKey,
                ProductName = product.Name, Unit = product.Unit, Quantity = input.Quantity!.Value, UnitPrice = Money.FromYuan(input.UnitPrice!.Value),
                ListPrice = options.Aggregate(product.ListPrice, (sum, o) => sum + o.PriceDelta),
                UnitCost = product.UnitCost is { } cost ? options.Aggregate(cost, (sum, o) => sum + o.CostDelta) : null,
                FloorPrice = product.FloorPrice, OptionIds = [.. options.Select(o => o.Id)],
                OptionsText = string.Join("; ", options.Select(o => $"{o.Group}: {o.Value}")),
                EarliestShipDate = availability.EarliestDate, CanMeet = availability.CanMeet,
            });
        }
        if (errors.Count > 0) return Failure.Invalid(errors);

        quote.Lines = lines;
        db.QuoteLines.AddRange(lines);
        quote.ValidUntil = request.ValidUntil ?? today.AddDays(options.Value.ValidityDays);
        quote.PromisedDeliveryDate = request.PromisedDeliveryDate;
        quote.Freight = Money.FromYuan(request.Freight ?? 0);
        quote.Installation = Money.FromYuan(request.Installation ?? 0);
        quote.TaxRate = request.TaxRate ?? options.Value.TaxRate;
        quote.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        return null;
    }
}
