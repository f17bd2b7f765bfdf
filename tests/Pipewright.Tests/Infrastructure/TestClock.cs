namespace Pipewright.Tests.Infrastructure;

/// <summary>
/// The test host's TimeProvider: real time until a test moves it. Moving it also ages sign-in tokens,
/// so a test that jumps days ahead signs in again afterwards.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset;
    private readonly Lock _lock = new();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return base.GetUtcNow() + _offset;
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock) _offset += by;
    }

    /// <summary>Jumps to an instant (from then on the clock runs on in real time).</summary>
    public void Set(DateTimeOffset now)
    {
        lock (_lock) _offset = now - base.GetUtcNow();
    }
}
