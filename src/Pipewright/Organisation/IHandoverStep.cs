using Pipewright.Common.Data;

namespace Pipewright.Organisation;

/// <summary>
/// One kind of record a departing person's successor takes over (customers, deals, quotes, tasks, leads).
/// Each module that owns such records adds a step, so deactivation never has to know the modules above it.
/// </summary>
public interface IHandoverStep
{
    /// <summary>The name of the count in the deactivation response (customers, opportunities …).</summary>
    string Name { get; }

    /// <summary>How many records would move: the preview an administrator sees before confirming.</summary>
    Task<int> CountAsync(PipewrightDb db, Guid from, CancellationToken ct);

    /// <summary>
    /// Moves the records in the caller's context (saved by the caller, in one transaction), recording each
    /// move in the ownership history (<c>db.RecordOwnership</c>, reason Handover).
    /// </summary>
    Task<int> MoveAsync(PipewrightDb db, Guid from, Guid to, CancellationToken ct);
}

/// <summary>Reacts to a finished hand-over inside its transaction (the successor's notification).</summary>
public interface IHandoverObserver
{
    Task OnHandedOverAsync(PipewrightDb db, HandoverSummary summary, CancellationToken ct);
}

public sealed record HandoverSummary(Guid FromUserId, string FromDisplayName, Guid ToUserId, IReadOnlyDictionary<string, int> Counts)
{
    public int Count(string name) => Counts.GetValueOrDefault(name);
}
