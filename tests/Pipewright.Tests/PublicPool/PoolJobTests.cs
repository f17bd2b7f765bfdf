using Pipewright.PublicPool.Sweep;

namespace Pipewright.Tests.PublicPool;

public sealed class PoolJobTests
{
    [Theory]
    [InlineData("2026-11-28T17:00:00Z", 1.0)]   // 01:00 in China: the run is an hour away
    [InlineData("2026-11-28T18:00:00Z", 24.0)]  // 02:00 sharp: today's run has started, the next is tomorrow
    [InlineData("2026-11-28T18:30:00Z", 23.5)]
    [InlineData("2026-11-28T02:00:00Z", 16.0)]  // 10:00 in China
    public void Runs_daily_at_two_in_the_morning_china_time(string now, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), PoolJob.UntilNextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(2, 0)));
}
