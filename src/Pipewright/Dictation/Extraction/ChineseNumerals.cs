namespace Pipewright.Dictation.Extraction;

/// <summary>
/// Reads numbers as salespeople say them: Chinese numerals (两万五千, 一百二十), digits (5000, 4.6), both mixed
/// (3万5) and the spoken shorthand where a last digit after a unit means the next unit down
/// (十一万四 = 114000, 二十三万七千五 = 237500, 一百二 = 120).
/// </summary>
public static class ChineseNumerals
{
    private const string Digits = "零〇一二两三四五六七八九";

    /// <summary>A number read from <c>Start</c> for <c>Length</c> characters.</summary>
    /// <param name="ShorthandAt">Where the shorthand digit stands (-1 when there is none): a caller that finds a
    /// measure word after it ("4.6万一台") reads again up to there.</param>
    public readonly record struct Numeral(int Start, int Length, decimal Value, bool HasLargeUnit, int ShorthandAt);

    public static bool IsNumeralChar(char c) => c is >= '0' and <= '9' || Digits.Contains(c) || IsUnit(c);

    private static bool IsUnit(char c) => c is '十' or '百' or '千' or '万' or '亿';

    private static int DigitOf(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    /// <summary>The whole text as one number, or null when it is not exactly one.</summary>
    public static decimal? Parse(string text) =>
        text.Length > 0 && ReadAt(text, 0) is { } n && n.Length == text.Length ? n.Value : null;

    /// <summary>The longest number starting at <paramref name="start"/> and ending before <paramref name="end"/>.</summary>
    public static Numeral? ReadAt(string text, int start, int end = -1)
    {
        if (end < 0 || end > text.Length) end = text.Length;
        decimal total = 0, wan = 0, section = 0, lastUnit = 0;
        decimal? number = null;
        bool any = false, largeUnit = false, previousWasUnit = false, numberIsShorthand = false, previousWasChineseDigit = false;
        var shorthandAt = -1;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                if (number is not null) break;
                var j = i;
                var dot = false;
                while (j < end && (text[j] is >= '0' and <= '9'
                    || (text[j] == '.' && !dot && j + 1 < end && text[j + 1] is >= '0' and <= '9' && (dot = true))))
                    j++;
                number = decimal.Parse(text.AsSpan(i, j - i), System.Globalization.CultureInfo.InvariantCulture);
                numberIsShorthand = previousWasUnit && lastUnit >= 100 && j - i == 1;
                shorthandAt = numberIsShorthand ? i : -1;
                (previousWasUnit, previousWasChineseDigit, any) = (false, false, true);
                i = j;
                continue;
            }
            var digit = DigitOf(c);
            if (digit == 0)
            {
                // 一千零五: the zero says the shorthand reading does not apply.
                if (number is not null && previousWasChineseDigit) number = number * 10;
                (previousWasUnit, any) = (false, true);
                i++;
                continue;
            }
            if (digit > 0)
            {
                if (number is not null)
                {
                    // 二〇二六: digits read one by one, only where no unit was said (九万五一次 is 九万五, then 一次).
                    if (!previousWasChineseDigit || lastUnit > 0) break;
                    number = number * 10 + digit;
                    numberIsShorthand = false;
                    shorthandAt = -1;
                }
                else
                {
                    number = digit;
                    numberIsShorthand = previousWasUnit && lastUnit >= 100;
                    shorthandAt = numberIsShorthand ? i : -1;
                }
                (previousWasUnit, previousWasChineseDigit, any) = (false, true, true);
                i++;
                continue;
            }
            if (!IsUnit(c)) break;
            var unit = c switch { '十' => 10m, '百' => 100m, '千' => 1000m, '万' => 10_000m, _ => 100_000_000m };
            if (unit >= 10_000)
            {
                // 万 and 亿 only multiply what was said before them; alone they are words (万一, 亿万).
                if (!any) break;
                if (unit == 10_000) wan = (section + (number ?? 0)) * unit;
                else (total, wan) = ((total + wan + section + (number ?? 0)) * unit, 0);
                section = 0;
                largeUnit = true;
            }
            else
            {
                section += (number ?? 1) * unit;
            }
            number = null;
            lastUnit = unit;
            (previousWasUnit, previousWasChineseDigit, numberIsShorthand, shorthandAt, any) = (true, false, false, -1, true);
            i++;
        }
        if (!any || i == start) return null;
        if (number is { } last) section += numberIsShorthand ? last * lastUnit / 10 : last;
        return new Numeral(start, i - start, total + wan + section, largeUnit, shorthandAt);
    }
}
