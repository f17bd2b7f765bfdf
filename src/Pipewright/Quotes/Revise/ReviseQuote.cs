using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Quotes.Revise;

/// <summary>
/// Copies the current version of a quote to a new draft revision (same code, next number); the old version stays as
/// it was, read only, with its approval history.
/// </summary>
public sealed class ReviseQuoteHandler(IDbContextFactory<PipewrightDb> dbFactory, QuoteReader reader, TimeProvider clock)
{
    public async Task<Outcome<QuoteDto>> HandleAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var current = await db.Quotes.VisibleTo(user).Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == id, ct);
        if (current is null) return Failure.NotFound();
        if (!current.IsCurrent) return Failure.Rule("quote.oldRevision");
        if (current.Status == QuoteStatus.PendingApproval) return Failure.Rule("quote.locked");

        var now = clock.GetUtcNow();
        var revision = new Quote
        {
            FamilyId = current.FamilyId, Revision = current.Revision + 1, Code = current.Code, OpportunityId = current.OpportunityId,
            CustomerId = current.CustomerId, OwnerId = current.OwnerId, ValidUntil = current.ValidUntil,
            PromisedDeliveryDate = current.PromisedDeliveryDate, Freight = current.Freight, Installation = current.Installation,
            TaxRate = current.TaxRate, Note = current.Note, CreatedAt = now, UpdatedAt = now,
        };
        revision.Lines = [.. current.Lines.OrderBy(l => l.LineNo).Select(l => new QuoteLine
        {
            QuoteId = revision.Id, LineNo = l.LineNo, ProductId = l.ProductId, Model = l.Model, ModelKey = l.ModelKey, ProductName = l.ProductName,
            Unit = l.Unit, Quantity = l.Quantity, UnitPrice = l.UnitPrice, ListPrice = l.ListPrice, UnitCost = l.UnitCost, FloorPrice = l.FloorPrice,
            OptionIds = [.. l.OptionIds], OptionsText = l.OptionsText, EarliestShipDate = l.EarliestShipDate, CanMeet = l.CanMeet,
        })];
        current.IsCurrent = false;
        current.UpdatedAt = now;
        db.Quotes.Add(revision);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Failure.Concurrency(); }
        return await reader.ToDtoAsync(db, revision, ct);
    }
}
