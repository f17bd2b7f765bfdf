using System.Text.RegularExpressions;

namespace Pipewright.Dictation.Extraction;

/// <summary>
/// The date phrases of voice-extraction.md, resolved against the day the note was recorded (China time). Weeks
/// start on Monday. Vague phrases (年内, 近期, 以后, a month without a day) give no date.
/// </summary>
public static partial class DateRules
{
    public readonly record struct FoundDate(int Start, int Length, DateOnly Date);

    private const string Number = "[0-9零〇一二两三四五六七八九十百]+";

    [GeneratedRegex("(?<!每)(?<prefix>下下|下|这|本)?(?:个)?(?:周|星期|礼拜)(?<day>[一二三四五六日天1-7])(?<before>之前|以前|前)?")]
    private static partial Regex Weekday();

    [GeneratedRegex("(?<n>" + Number + ")(?:个)?(?:天|日|工作日)(?<how>之后|以后|之内|以内|后|内)")]
    private static partial Regex Days();

    [GeneratedRegex("(?<n>" + Number + ")(?:个)?(?:周|星期|礼拜)(?<how>之后|以后|之内|以内|后|内)")]
    private static partial Regex Weeks();

    [GeneratedRegex("(?<n>" + Number + ")个月(?<how>之后|以后|之内|以内|后|内)")]
    private static partial Regex Months();

    [GeneratedRegex("(?<next>下个?月|本月|这个?月|当月)?(?:月)?(?:底|末)(?<before>之前|以前|前)?")]
    private static partial Regex MonthEnd();

    [GeneratedRegex("(?<next>下个?月|本月|这个?月)(?<d>" + Number + ")(?:号|日)(?<before>之前|以前|前)?")]
    private static partial Regex DayOfMonth();

    [GeneratedRegex("(?:今年)?(?:年底|年末)(?<before>之前|以前|前)?")]
    private static partial Regex YearEnd();

    [GeneratedRegex("(?<m>" + Number + ")月(?<d>" + Number + ")(?:号|日)(?<before>之前|以前|前)?")]
    private static partial Regex MonthDay();

    [GeneratedRegex("大后天|后天|明天|明日|今天|今日")]
    private static partial Regex RelativeDay();

    /// <summary>"今天" dates something only as a deadline; otherwise it tells when the visit happened.</summary>
    [GeneratedRegex("^(?:下班)?(?:之前|以前|前|之内|以内|内|截止)")]
    private static partial Regex TodayDeadline();

    public static List<FoundDate> Find(string text, DateOnly today)
    {
        var found = new List<FoundDate>();
        var taken = new bool[text.Length];

        void Add(Match m, DateOnly? date)
        {
            if (date is null) return;
            for (var i = m.Index; i < m.Index + m.Length; i++) if (taken[i]) return;
            for (var i = m.Index; i < m.Index + m.Length; i++) taken[i] = true;
            found.Add(new FoundDate(m.Index, m.Length, date.Value));
        }

        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var monthEnd = new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month));
        var nextMonth = today.AddMonths(1);

        // Longer, more specific phrases first: 下个月底 before 月底, 3月18日 before 18日.
        foreach (Match m in MonthDay().Matches(text))
            Add(m, Month(m.Groups["m"].Value) is { } month && Day(m.Groups["d"].Value) is { } day && day <= DateTime.DaysInMonth(today.Year, month)
                ? new DateOnly(today.Year, month, day) : null);
        foreach (Match m in DayOfMonth().Matches(text))
        {
            var start = m.Groups["next"].Value.StartsWith('下') ? nextMonth : today;
            Add(m, Day(m.Groups["d"].Value) is { } day && day <= DateTime.DaysInMonth(start.Year, start.Month)
                ? new DateOnly(start.Year, start.Month, day) : null);
        }
        foreach (Match m in MonthEnd().Matches(text))
        {
            // 月底 needs its month: "月底" alone or with 本/这/下; a bare 底 (见底) is no date.
            if (!m.Value.Contains('月')) continue;
            Add(m, m.Groups["next"].Value.StartsWith('下')
                ? new DateOnly(nextMonth.Year, nextMonth.Month, DateTime.DaysInMonth(nextMonth.Year, nextMonth.Month))
                : monthEnd);
        }
        foreach (Match m in YearEnd().Matches(text)) Add(m, new DateOnly(today.Year, 12, 31));
        foreach (Match m in Months().Matches(text))
            Add(m, Count(m.Groups["n"].Value) is { } n ? today.AddMonths(n) : null);
        foreach (Match m in Weeks().Matches(text))
            Add(m, Count(m.Groups["n"].Value) is { } n ? today.AddDays(7 * n) : null);
        foreach (Match m in Days().Matches(text))
            Add(m, Count(m.Groups["n"].Value) is { } n ? today.AddDays(n) : null);
        foreach (Match m in Weekday().Matches(text))
        {
            var day = "一二三四五六".IndexOf(m.Groups["day"].Value[0]) is var d and >= 0 ? d + 1
                : m.Groups["day"].Value[0] is '日' or '天' ? 7 : m.Groups["day"].Value[0] - '0';
            var weeks = m.Groups["prefix"].Value switch { "下下" => 2, "下" => 1, _ => 0 };
            Add(m, monday.AddDays(7 * weeks + day - 1));
        }
        foreach (Match m in RelativeDay().Matches(text))
        {
            var offset = m.Value switch { "大后天" => 3, "后天" => 2, "明天" or "明日" => 1, _ => 0 };
            if (offset == 0 && !TodayDeadline().IsMatch(text.AsSpan(m.Index + m.Length).ToString())) continue;
            Add(m, today.AddDays(offset));
        }
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    private static int? Count(string text) =>
        ChineseNumerals.Parse(text) is { } n && n is >= 1 and <= 366 && n == Math.Floor(n) ? (int)n : null;

    private static int? Month(string text) => Count(text) is { } m and <= 12 ? m : null;

    private static int? Day(string text) => Count(text) is { } d and <= 31 ? d : null;
}
