using System.Diagnostics;
using Pipewright.Common.Data;
using Pipewright.Dictation.Extraction;

namespace Pipewright.Bench;

/// <summary>
/// Scores the dictation extractor on a labeled corpus (micro P/R/F1 per field and overall, as voice-extraction.md
/// defines them) and times it: the first note (vocabulary built from the master data, code paths cold) and the
/// median of the rest after warm-up.
/// </summary>
internal static class Voice
{
    public static int Run(CommandLine options)
    {
        var notes = LabeledCorpus.LoadNotes(options.Required("notes"));
        var master = LabeledCorpus.LoadMaster(options.Required("master"));
        var rounds = Math.Max(1, options.Number("rounds", 200));

        var first = Stopwatch.StartNew();
        var vocabulary = LabeledCorpus.Vocabulary(master);
        var firstExtraction = Extract(vocabulary, notes[0]);
        first.Stop();

        var score = new LabeledCorpus.Score();
        foreach (var note in notes)
            score.Add(note.Id, LabeledCorpus.Points(note.Expected), LabeledCorpus.Points(Extract(vocabulary, note), master));
        _ = firstExtraction;

        var times = new List<double>();
        for (var round = 0; round < rounds; round++)
            foreach (var note in notes)
            {
                var watch = Stopwatch.StartNew();
                Extract(vocabulary, note);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        times.Sort();

        Console.WriteLine($"{notes.Count} notes, {master.Customers.Count} customers, {master.Products.Count} products, {master.Competitors.Count} competitors");
        Console.WriteLine($"{"field",-12} {"points",6} {"P",7} {"R",7} {"F1",7}");
        foreach (var field in LabeledCorpus.Score.Fields)
        {
            var (p, r, f) = score.Of(field);
            Console.WriteLine($"{field,-12} {score.Expected(field),6} {p,7:0.000} {r,7:0.000} {f,7:0.000}");
        }
        var (op, or, of) = score.Of();
        Console.WriteLine($"{"overall",-12} {LabeledCorpus.Score.Fields.Sum(score.Expected),6} {op,7:0.000} {or,7:0.000} {of,7:0.000}");
        Console.WriteLine($"first call (vocabulary + one note): {first.Elapsed.TotalMilliseconds:0.0} ms");
        Console.WriteLine($"per note after warm-up: p50 {times[times.Count / 2]:0.000} ms, p95 {times[(int)(times.Count * 0.95)]:0.000} ms, max {times[^1]:0.000} ms");
        if (options.Flag("misses")) foreach (var miss in score.Misses) Console.WriteLine(miss);
        return 0;
    }

    private static VoiceExtraction Extract(VoiceVocabulary vocabulary, LabeledCorpus.Note note) =>
        VoiceNoteExtractor.Extract(vocabulary, note.Text,
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(note.RecordedAt, ChinaTime.Zone).DateTime), null);
}
