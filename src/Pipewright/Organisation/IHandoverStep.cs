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

    /// <summary>Moves the records in the caller's context (saved by the caller, in one transaction).</summary>
    Task<int> MoveAsync(PipewrightDb db, Guid from, Guid to, CancellationToken ct);
}
