namespace Pipewright.Common;

/// <summary>
/// A background job that waits, runs, and waits again until the app stops. A failed run (the database down for a
/// moment) is logged and does not stop the next one: every job's run is safe to repeat.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Read once at start: a disabled job never runs.</summary>
    protected abstract bool Enabled { get; }

    /// <summary>Names the run in the log, e.g. "Outbox: a delivery run".</summary>
    protected abstract string RunName { get; }

    /// <summary>How long to wait, from <paramref name="now"/>, before the next run.</summary>
    protected abstract TimeSpan UntilNextRun(DateTimeOffset now);

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(UntilNextRun(Clock.GetUtcNow()), Clock, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogFailed(logger, RunName, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Run} failed.")]
    private static partial void LogFailed(ILogger logger, string run, Exception exception);
}
