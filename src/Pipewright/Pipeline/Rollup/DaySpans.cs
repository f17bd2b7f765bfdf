namespace Pipewright.Pipeline.Rollup;

/// <summary>
/// Spans of China business days at four sizes, 512, 64, 8 and 1 day(s), each aligned to its size. Every day lies in
/// one span of each size, and any period of days is the union of a few spans (for a year about 20): totals kept per
/// span add up to the totals of any period without reading a row per record. Encoded as one number: the size's
/// level (log₂ of the days) in the high half, the span's index in the low.
/// </summary>
public static class DaySpans
{
    /// <summary>log₂ of the span sizes, largest first.</summary>
    public static readonly int[] Levels = [9, 6, 3, 0];

    public static long Of(int level, int index) => ((long)level << 32) | (uint)index;

    /// <summary>The first day of the span (a <see cref="DateOnly.DayNumber"/>).</summary>
    public static int FirstDay(long span) => (int)(uint)span << (int)(span >> 32);

    /// <summary>The spans that hold the day, one per size.</summary>
    public static IEnumerable<long> Holding(int day) => Levels.Select(level => Of(level, day >> level));

    /// <summary>The fewest spans whose union is the days first … last, both included.</summary>
    public static List<long> Covering(int first, int last)
    {
        var spans = new List<long>();
        for (var day = first; day <= last;)
        {
            var level = Levels.First(l => day % (1 << l) == 0 && day + (1 << l) - 1 <= last);
            spans.Add(Of(level, day >> level));
            day += 1 << level;
        }
        return spans;
    }
}
