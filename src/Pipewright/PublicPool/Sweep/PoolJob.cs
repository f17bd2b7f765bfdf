using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Pipewright.Common;
using Pipewright.Common.Data;

namespace Pipewright.PublicPool.Sweep;

public sealed class PoolJobOptions
{
    /// <summary>China time of the daily run; at night, when nobody is following up.</summary>
    [Required] public TimeOnly DailyAt { get; set; } = new(2, 0);
    public bool Enabled { get; set; } = true;
}

/// <summary>Runs <see cref="PoolSweep"/> every day at Pool:DailyAt (Asia/Shanghai). Missed days are caught up by the next run.</summary>
public sealed class PoolJob(PoolSweep sweep, TimeProvider clock, IOptions<PoolJobOptions> options, ILogger<PoolJob> logger)
    : PeriodicJob(clock, logger)
{
    protected override bool Enabled => options.Value.Enabled;

    // A failed run must not stop tomorrow's; the rules are idempotent.
    protected override string RunName => "Public pool: the daily run";
    protected override TimeSpan UntilNextRun(DateTimeOffset now) => UntilNextRun(now, options.Value.DailyAt);
    protected override Task RunOnceAsync(CancellationToken ct) => sweep.RunAsync(ct);

    public static TimeSpan UntilNextRun(DateTimeOffset now, TimeOnly at)
    {
        var local = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone);
        var next = new DateTimeOffset(local.Date + at.ToTimeSpan(), local.Offset);
        if (next <= local) next = next.AddDays(1);
        return next - local;
    }
}
