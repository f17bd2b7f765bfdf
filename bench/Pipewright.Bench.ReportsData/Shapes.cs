using Pipewright.Common.Data;

namespace Pipewright.Bench.ReportsData;

/// <summary>
/// The shapes of three years of a valve maker's sales: seasonality (the Chinese New Year dip, the year-end peak), a
/// go-live 18 months ago after which the four dimensions improve, and the fix of the stalled 技术交流 → 方案报价 step
/// six months ago (32 % → 49 %).
/// </summary>
internal sealed class Shapes(Random random, DateTimeOffset now)
{
    public DateTimeOffset Start { get; } = now.AddYears(-3);
    public DateTimeOffset GoLive { get; } = now.AddMonths(-18);
    public DateTimeOffset TechnicalFix { get; } = now.AddMonths(-6);
    public DateTimeOffset Now => now;
    public Random Random => random;

    // Month 1..12 in China time: 春节 in late January or February, 国庆 in October, the year-end push in November and December.
    private static readonly double[] MonthWeight = [0, 0.85, 0.45, 1.0, 1.05, 1.0, 1.05, 0.95, 0.9, 1.1, 0.85, 1.25, 1.4];

    /// <summary>An instant between <paramref name="from"/> and <paramref name="to"/>, denser in busy months, in office hours mostly.</summary>
    public DateTimeOffset Seasonal(DateTimeOffset from, DateTimeOffset to)
    {
        var span = (to - from).TotalDays;
        while (true)
        {
            var day = from.AddDays(random.NextDouble() * span);
            var local = TimeZoneInfo.ConvertTime(day, ChinaTime.Zone);
            if (random.NextDouble() * 1.4 > MonthWeight[local.Month]) continue;
            if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && random.NextDouble() < 0.85) continue;
            // Office hours 08:30–18:00 China time for nine in ten.
            var minutes = random.NextDouble() < 0.9 ? 510 + random.Next(570) : random.Next(1440);
            var midnight = new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, local.Offset);
            var at = midnight.AddMinutes(minutes).ToUniversalTime();
            if (at >= from && at < to) return at;
        }
    }

    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Gaussian());

    public bool Chance(double p) => random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Zipf-like weights: the first few of a list get most of the picks.</summary>
    public static double[] Skewed(int count, double exponent = 1.0)
    {
        var weights = Enumerable.Range(1, count).Select(i => 1 / Math.Pow(i, exponent)).ToArray();
        var sum = weights.Sum();
        var cumulative = new double[count];
        var running = 0.0;
        for (var i = 0; i < count; i++) cumulative[i] = running += weights[i] / sum;
        return cumulative;
    }

    public int PickWeighted(double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(cumulative.Length - 1, index < 0 ? ~index : index);
    }

    public bool AfterGoLive(DateTimeOffset at) => at >= GoLive;

    private double Gaussian()
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
