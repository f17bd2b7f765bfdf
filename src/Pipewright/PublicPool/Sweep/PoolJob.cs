using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Pipewright.Common.Data;

namespace Pipewright.PublicPool.Sweep;

public sealed class PoolJobOptions
{
    /// <summary>China time of the daily run; at night, when nobody is following up.</summary>
    [Required] public TimeOnly DailyAt { get; set; } = new(2, 0);
    public bool Enabled { get; set; } = true;
}

/// <summary>Runs <see cref="PoolSweep"/> every day at Pool:DailyAt (Asia/Shanghai). Missed days are caught up by the next run.</summary>
public sealed partial class PoolJob(PoolSweep sweep, TimeProvider clock, IOptions<PoolJobOptions> options, ILogger<PoolJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(UntilNextRun(clock.GetUtcNow(), options.Value.DailyAt), clock, stoppingToken);
                await sweep.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A failed run (database down) must not stop tomorrow's; the rules are idempotent.
                LogFailed(logger, exception);
            }
        }
    }

    public static TimeSpan UntilNextRun(DateTimeOffset now, TimeOnly at)
    {
        var local = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone);
        var next = new DateTimeOffset(local.Date + at.ToTimeSpan(), local.Offset);
        if (next <= local) next = next.AddDays(1);
        return next - local;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Public pool: the daily run failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
