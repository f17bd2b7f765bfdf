using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Approvals;
using Pipewright.Approvals.Inbox;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Customers;
using Pipewright.Erp;
using Pipewright.Notifications;
using Pipewright.Pipeline.Progress;
using Pipewright.Quotes.Conflicts;
using Pipewright.Quotes.SaveQuote;

namespace Pipewright.Quotes.SubmitQuote;

public sealed record SubmittedApproval(Guid Id, ApprovalStatus Status, IReadOnlyList<ApprovalStepDto> Steps);

public sealed record SubmitResult(Guid Id, string Code, QuoteStatus Status, SubmittedApproval? Approval);

/// <summary>
/// Submits a draft: refused with 409 on 撞单; otherwise the approval engine gets the quote's facts (lowest price ratio,
/// margin rate, total, ERP delivery, floor price) and the quote is approved at once or locked pending approval.
/// </summary>
public sealed class SubmitQuoteHandler(IDbContextFactory<PipewrightDb> dbFactory, ApprovalEngine engine, IErpGateway erp, Notifier notifier,
    CurrentUserLoader users, IOptions<QuoteOptions> options, TimeProvider clock, OpportunityProgress progress)
{
    private static readonly Strings L = new();

    /// <summary>Serializes submissions on PostgreSQL, so that two rivals submitting at once cannot both miss each other.</summary>
    private const long SubmitLock = 727274105;

    public async Task<Outcome<SubmitResult>> SubmitAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var quote = await db.Quotes.VisibleTo(user).Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, ct);
        if (quote is null) return Failure.NotFound();
        if (quote.Status == QuoteStatus.PendingApproval && quote.IsCurrent) return Failure.Rule("quote.alreadyPending");
        if (SaveQuoteHandler.Locked(quote) is { } locked) return locked;

        // The ERP is asked before the transaction: a slow ERP must not hold the database, and an unreachable one answers "unknown".
        foreach (var line in quote.Lines)
        {
            var availability = await erp.GetAvailabilityAsync(line.Model, line.Quantity, quote.PromisedDeliveryDate, ct);
            (line.EarliestShipDate, line.CanMeet) = (availability.EarliestDate, availability.CanMeet);
        }

        var now = clock.GetUtcNow();
        var names = await users.DisplayNamesAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SubmitLock})", ct);

        var conflicts = await QuoteConflicts.CheckAsync(db, quote, now, options.Value.ConflictDays, notifier, names, ct);
        if (conflicts.Count > 0)
        {
            // The conflict records and the managers' notices are kept although the submission is refused.
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            var named = string.Join("、", conflicts.Select(c => L["quote.conflict.item", c.Code, c.OwnerName ?? "", c.Model].Value));
            return new Failure(409, "quote.conflict.title", L["quote.conflict.detail", named],
                Extensions: new Dictionary<string, object?> { ["kind"] = "conflicts", ["conflicts"] = conflicts });
        }

        var figures = quote.Figures();
        var minRatio = figures.Lines.Min(l => l.PriceRatio);
        var facts = new ApprovalFacts(minRatio, figures.GrossMarginRate, figures.Amount.Yuan,
            DeliveryUnmet: quote.Lines.Any(l => l.CanMeet == false),
            BelowFloor: quote.Lines.Any(l => l.FloorPrice is { } floor && l.UnitPrice < floor));
        var customer = await db.Customers.Where(c => c.Id == quote.CustomerId).Select(c => c.Name).SingleAsync(ct);
        var code = QuoteViews.DisplayCode(quote.Code, quote.Revision);
        var summary = string.Create(CultureInfo.InvariantCulture, $"{figures.Amount} · {minRatio:0.#%}");

        quote.SubmittedAt = now;
        quote.SubmittedById = user.Id;
        quote.ReturnComment = null;
        quote.UpdatedAt = now;
        var approval = await engine.StartAsync(db, QuoteApprovalSubject.Type, quote.Id, $"{code} · {customer}", summary, user.Id, quote.OwnerId, facts, now, ct);
        if (approval is null) await QuoteApproval.MarkApprovedAsync(db, quote, now, progress, ct);
        else
        {
            quote.ApprovalId = approval.Id;
            if (approval.Status == ApprovalStatus.Pending) quote.Status = QuoteStatus.PendingApproval;
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Failure.Concurrency(); }
        await transaction.CommitAsync(ct);

        return new SubmitResult(quote.Id, code, quote.Status, approval is null ? null
            : new SubmittedApproval(approval.Id, approval.Status, approval.ToDto(names).Steps));
    }

    /// <summary>The submitter takes the quote back while it is pending; it is a draft again.</summary>
    public async Task<Outcome<SubmitResult>> RecallAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var quote = await db.Quotes.VisibleTo(user).SingleOrDefaultAsync(q => q.Id == id, ct);
        if (quote is null) return Failure.NotFound();
        if (quote.Status != QuoteStatus.PendingApproval || quote.ApprovalId is not { } approvalId) return Failure.Rule("quote.notPending");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await engine.RecallAsync(db, approvalId, user.Id, clock.GetUtcNow(), ct);
        if (outcome.Failure is { } failure) return failure;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Failure.Concurrency(); }
        await transaction.CommitAsync(ct);
        var names = await users.DisplayNamesAsync(ct);
        return new SubmitResult(quote.Id, QuoteViews.DisplayCode(quote.Code, quote.Revision), quote.Status,
            new SubmittedApproval(approvalId, outcome.Value!.Status, outcome.Value.ToDto(names).Steps));
    }
}
