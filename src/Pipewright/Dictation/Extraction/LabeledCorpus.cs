using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipewright.Dictation.Extraction;

/// <summary>
/// A labeled corpus in the format of shared/data/voice-notes-sample.jsonl (one note a line) with its master data
/// (voice-master-sample.json), and the score of voice-extraction.md: micro-averaged precision, recall and F1 over
/// the customer, each contact, product model, product quantity, date, amount and competitor.
/// </summary>
public static class LabeledCorpus
{
    public sealed record Note(string Id, DateTimeOffset RecordedAt, string Text, Expected Expected);

    public sealed record Expected(
        string? Customer, List<string> Contacts, List<ExpectedProduct> Products, List<string> Dates, List<decimal> Amounts, List<string> Competitors);

    public sealed record ExpectedProduct(string Model, decimal? Quantity);

    public sealed record Master(List<MasterCustomer> Customers, List<MasterProduct> Products, List<string> Competitors);

    public sealed record MasterCustomer(string Key, string Name, List<string>? Aliases);

    public sealed record MasterProduct(string Model, string Name, string Category, decimal ListPrice);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    public static List<Note> LoadNotes(string path) =>
        File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => JsonSerializer.Deserialize<Note>(l, Json)!).ToList();

    public static Master LoadMaster(string path) => JsonSerializer.Deserialize<Master>(File.ReadAllText(path), Json)!;

    /// <summary>The master data as a vocabulary, with ids derived from the keys so that results can be scored.</summary>
    public static VoiceVocabulary Vocabulary(Master master) => new(
        master.Customers.Select(c => new VocabularyCustomer(IdOf(c.Key), c.Name, c.Aliases ?? [])),
        [],
        master.Products.Select(p => new VocabularyProduct(IdOf(p.Model), p.Model, p.Name, p.Category)),
        master.Competitors.Select(c => new VocabularyCompetitor(c, [])));

    public static Guid IdOf(string key) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    /// <summary>The scored items of a note, one string per point, field by field.</summary>
    public static Dictionary<string, List<string>> Points(Expected expected) => new()
    {
        ["customer"] = expected.Customer is null ? [] : [expected.Customer],
        ["contacts"] = expected.Contacts,
        ["products"] = expected.Products.Select(p => p.Model).ToList(),
        ["quantities"] = expected.Products.Where(p => p.Quantity is not null).Select(p => $"{p.Model}={p.Quantity!.Value.ToString(CultureInfo.InvariantCulture)}").ToList(),
        ["dates"] = expected.Dates,
        ["amounts"] = expected.Amounts.Select(a => a.ToString("0.##", CultureInfo.InvariantCulture)).ToList(),
        ["competitors"] = expected.Competitors,
    };

    public static Dictionary<string, List<string>> Points(VoiceExtraction extraction, Master master)
    {
        var customerKey = master.Customers.ToDictionary(c => IdOf(c.Key), c => c.Key);
        return Points(new Expected(
            extraction.Customer is { } c ? customerKey.GetValueOrDefault(c.Id, c.Name) : null,
            extraction.Contacts.Select(x => x.Name).ToList(),
            extraction.Products.Select(p => new ExpectedProduct(p.Model, p.Quantity)).ToList(),
            extraction.Dates.Select(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
            extraction.Amounts.Select(a => a.Value).ToList(),
            extraction.Competitors.Select(x => x.Name).ToList()));
    }

    /// <summary>True and false positives and false negatives per field, summed over notes (micro averaging).</summary>
    public sealed class Score
    {
        public static readonly IReadOnlyList<string> Fields = ["customer", "contacts", "products", "quantities", "dates", "amounts", "competitors"];

        private readonly Dictionary<string, (int Tp, int Fp, int Fn)> _counts = Fields.ToDictionary(f => f, _ => (0, 0, 0));

        public List<string> Misses { get; } = [];

        public void Add(string noteId, Dictionary<string, List<string>> expected, Dictionary<string, List<string>> actual)
        {
            foreach (var field in Fields)
            {
                var left = actual[field].ToList();
                var tp = 0;
                var missed = new List<string>();
                foreach (var item in expected[field])
                {
                    if (left.Remove(item)) tp++;
                    else missed.Add(item);
                }
                var (t, f, n) = _counts[field];
                _counts[field] = (t + tp, f + left.Count, n + missed.Count);
                if (missed.Count > 0 || left.Count > 0)
                    Misses.Add($"{noteId} {field}: missed [{string.Join(", ", missed)}] extra [{string.Join(", ", left)}]");
            }
        }

        public (double Precision, double Recall, double F1) Of(string? field = null)
        {
            var (tp, fp, fn) = field is null
                ? _counts.Values.Aggregate((0, 0, 0), (s, c) => (s.Item1 + c.Tp, s.Item2 + c.Fp, s.Item3 + c.Fn))
                : _counts[field];
            var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
            return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        }

        public int Expected(string field) => _counts[field].Tp + _counts[field].Fn;
    }
}
