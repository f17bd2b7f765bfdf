using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Pipewright.Common.Data;

/// <summary>
/// A transaction around one SaveChanges for interceptors that write rows of their own beside EF's (the funnel's
/// running totals): they open it while saving, EF saves inside it, and it commits after the save or rolls back when
/// the save fails, so their rows and EF's land together or not at all. A save inside the caller's own transaction uses
/// that one and leaves it to the caller.
/// </summary>
public static class SaveTransaction
{
    private static readonly ConditionalWeakTable<DbContext, IDbContextTransaction> Opened = [];

    public static async Task EnsureAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return;
        Opened.Add(db, await db.Database.BeginTransactionAsync(ct));
    }

    internal static async Task EndAsync(DbContext? db, bool commit, CancellationToken ct)
    {
        if (db is null || !Opened.TryGetValue(db, out var transaction)) return;
        Opened.Remove(db);
        try
        {
            if (commit) await transaction.CommitAsync(ct);
            else await transaction.RollbackAsync(CancellationToken.None);
        }
        finally
        {
            await transaction.DisposeAsync();
        }
    }
}

/// <summary>Ends the transactions <see cref="SaveTransaction.EnsureAsync"/> opened, with the save they belong to.</summary>
internal sealed class SaveTransactionInterceptor : SaveChangesInterceptor
{
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await SaveTransaction.EndAsync(eventData.Context, commit: true, cancellationToken);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        SaveTransaction.EndAsync(eventData.Context, commit: false, cancellationToken);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        SaveTransaction.EndAsync(eventData.Context, commit: false, cancellationToken);
}
