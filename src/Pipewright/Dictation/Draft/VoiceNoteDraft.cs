using System.Globalization;
using System.Text;
using Pipewright.Activities;
using Pipewright.Dictation.Extraction;

namespace Pipewright.Dictation.Draft;

/// <summary>
/// What a follow-up gets from an extraction before the salesperson corrects it: the next step is the phrase of
/// the earliest agreed date still ahead (下周四之前给他报价), with the competitors named; the amounts and products
/// as read.
/// </summary>
public static class VoiceNoteDraft
{
    private static readonly char[] PhraseEnds = ['，', '。', '；', '！', '？', ',', ';', '!', '?', '\n'];

    public static (string? NextStep, DateOnly? NextDate) NextStep(string text, VoiceExtraction extraction, DateOnly recordedOn, string competitorsLabel)
    {
        var next = extraction.Dates.Where(d => d.Date >= recordedOn).OrderBy(d => d.Date).ThenBy(d => d.Start).FirstOrDefault();
        var parts = new List<string>();
        if (next is not null)
        {
            var start = text.LastIndexOfAny(PhraseEnds, Math.Max(0, next.Start - 1)) + 1;
            var end = text.IndexOfAny(PhraseEnds, next.Start);
            parts.Add(text[start..(end < 0 ? text.Length : end)].Trim());
        }
        if (extraction.Competitors.Count > 0)
            parts.Add(string.Format(System.Globalization.CultureInfo.CurrentCulture, competitorsLabel, string.Join("、", extraction.Competitors.Select(c => c.Name))));
        var step = string.Join("；", parts.Where(p => p.Length > 0));
        return (step.Length == 0 ? null : step[..Math.Min(step.Length, Activities.ActivityLimits.NextStep)], next?.Date);
    }

    /// <summary>The stretches of the note to highlight, by what they were read as, without overlaps.</summary>
    public static List<(int Start, int Length, string Kind)> Highlights(VoiceExtraction extraction)
    {
        var marks = new List<(int Start, int Length, string Kind)>();
        if (extraction.Customer is { } c) marks.Add((c.Start, c.Text.Length, "customer"));
        marks.AddRange(extraction.Contacts.Select(x => (x.Start, x.Text.Length, "contact")));
        marks.AddRange(extraction.Products.Select(x => (x.Start, x.Text.Length, "product")));
        marks.AddRange(extraction.Products.Where(x => x.QuantityText is not null).Select(x => (x.QuantityStart!.Value, x.QuantityText!.Length, "quantity")));
        marks.AddRange(extraction.Dates.Select(x => (x.Start, x.Text.Length, "date")));
        marks.AddRange(extraction.Amounts.Select(x => (x.Start, x.Text.Length, "amount")));
        marks.AddRange(extraction.Competitors.Select(x => (x.Start, x.Text.Length, "competitor")));
        var kept = new List<(int Start, int Length, string Kind)>();
        foreach (var mark in marks.OrderBy(m => m.Start))
            if (kept.Count == 0 || kept[^1].Start + kept[^1].Length <= mark.Start) kept.Add(mark);
        return kept;
    }

    /// <summary>
    /// An amount the salesperson types in yuan, the way it is written or said: 12800, 12,800.50, 8万, 八十万,
    /// with 元 or 块 after it or not, full-width digits from a Chinese keyboard too. Either the value the
    /// follow-up takes (more than 0, at most <see cref="ActivityLimits.AmountYuan"/>, whole fen) or the key of
    /// the message that says what is wrong.
    /// </summary>
    public static (decimal? Yuan, string? ErrorKey) ReadAmount(string? typed)
    {
        var text = string.Concat((typed ?? "").Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c != ','))
            .TrimEnd('元', '块');
        if (text.Length == 0) return (null, "voice.amount.required");
        var yuan = decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : ChineseNumerals.Parse(text);
        if (yuan is not { } value) return (null, "voice.amount.notNumber");
        if (value is <= 0 or > ActivityLimits.AmountYuan) return (null, "voice.amount.range");
        if (decimal.Round(value, 2) != value) return (null, "voice.amount.fen");
        return (value, null);
    }
}
