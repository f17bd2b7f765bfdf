using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Pipeline.GetOpportunity;

namespace Pipewright.Pipeline.Progress;

/// <summary>
/// The frame of every change to a deal: in the caller's scope (else 404), at the version they read (else 409),
/// one transaction, and the details back.
/// </summary>
public sealed class DealChange(IDbContextFactory<PipewrightDb> dbFactory, OpportunityProgress progress, TimeProvider clock)
{
    public async Task<Outcome<OpportunityDetailsDto>> RunAsync(Guid id, int? version, CurrentUser user,
        Func<PipewrightDb, DealState, Task<Failure?>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        if (!await db.Opportunities.VisibleTo(user).AnyAsync(o => o.Id == id, ct)) return Failure.NotFound();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deal = (await progress.LoadAsync(db, id, ct))!;
        if (version is { } read && read != deal.Opportunity.Version) return Failure.Concurrency();
        if (await change(db, deal) is { } failure) return failure;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else changed the deal or completed the same requirement between our read and our save.
            return Failure.Concurrency();
        }
        await transaction.CommitAsync(ct);
        return await GetOpportunityHandler.DetailsAsync(db, id, progress, clock.GetUtcNow(), ct);
    }
}
