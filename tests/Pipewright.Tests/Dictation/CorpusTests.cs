using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Dictation.Extraction;
using Pipewright.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pipewright.Tests.Dictation;

/// <summary>
/// A labeled corpus scored through the API exactly as voice-extraction.md defines it: its master data is
/// loaded into a fresh company through the API, every note is extracted by POST /voice-notes/extract, and the
/// micro-averaged F1 over all points must reach 0.95.
/// </summary>
public abstract class CorpusTests(CompanyApp app, ITestOutputHelper output, string notesFile, string masterFile)
{
    protected static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Dictation", file);

    protected List<LabeledCorpus.Note> Notes { get; } = LabeledCorpus.LoadNotes(PathOf(notesFile));

    private readonly LabeledCorpus.Master _master = LabeledCorpus.LoadMaster(PathOf(masterFile));

    private static readonly SemaphoreSlim Loading = new(1, 1);

    /// <summary>Customer id → corpus key; loaded once per app (the class fixture).</summary>
    private static readonly Dictionary<CompanyApp, Dictionary<Guid, string>> Loaded = [];

    protected async Task<Dictionary<Guid, string>> LoadMasterAsync()
    {
        await Loading.WaitAsync();
        try
        {
            if (Loaded.TryGetValue(app, out var keys)) return keys;
            var admin = await app.AdminAsync();
            keys = [];
            foreach (var customer in _master.Customers)
            {
                var created = await CompanyApp.CreateCustomerAsync(admin,
                    new { name = customer.Name, aliases = customer.Aliases ?? [], ignoreSimilar = true });
                keys[created["id"]!.GetValue<Guid>()] = customer.Key;
            }
            foreach (var product in _master.Products)
            {
                var response = await admin.PostAsJsonAsync("/api/v1/products",
                    new { model = product.Model, name = product.Name, category = product.Category, unit = "台", listPrice = product.ListPrice });
                Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            }
            foreach (var competitor in _master.Competitors)
                Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/competitors", new { name = competitor })).StatusCode);
            Loaded[app] = keys;
            return keys;
        }
        finally
        {
            Loading.Release();
        }
    }

    protected async Task<JsonObject> ExtractAsync(HttpClient client, LabeledCorpus.Note note)
    {
        var response = await client.PostAsJsonAsync("/api/v1/voice-notes/extract", new { text = note.Text, recordedAt = note.RecordedAt });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await PipewrightApp.ReadAsync(response);
    }

    private static Dictionary<string, List<string>> Points(JsonObject result, Dictionary<Guid, string> customerKeys)
    {
        List<string> Names(string field, string member) => result[field]!.AsArray().Select(x => x![member]!.GetValue<string>()).ToList();
        return LabeledCorpus.Points(new LabeledCorpus.Expected(
            result["customer"] is JsonObject c ? customerKeys.GetValueOrDefault(c["id"]!.GetValue<Guid>(), "?") : null,
            Names("contacts", "name"),
            result["products"]!.AsArray().Select(p => new LabeledCorpus.ExpectedProduct(
                p!["model"]!.GetValue<string>(), p["quantity"]?.GetValue<decimal>())).ToList(),
            Names("dates", "date"),
            result["amounts"]!.AsArray().Select(a => a!["value"]!.GetValue<decimal>()).ToList(),
            Names("competitors", "name")));
    }

    protected async Task<LabeledCorpus.Score> ScoreAsync()
    {
        var keys = await LoadMasterAsync();
        var gm = await app.SignInAsync("gm");
        var score = new LabeledCorpus.Score();
        foreach (var note in Notes)
            score.Add(note.Id, LabeledCorpus.Points(note.Expected), Points(await ExtractAsync(gm, note), keys));
        foreach (var field in LabeledCorpus.Score.Fields)
        {
            var (p, r, f) = score.Of(field);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{field,-12} P {p:0.000} R {r:0.000} F1 {f:0.000}"));
        }
        foreach (var miss in score.Misses) output.WriteLine(miss);
        return score;
    }

    [Fact]
    public async Task Micro_F1_over_the_corpus_reaches_0_95()
    {
        var score = await ScoreAsync();
        var (_, _, f1) = score.Of();
        Assert.True(f1 >= 0.95, $"micro F1 {f1:0.000}: {string.Join("; ", score.Misses)}");
    }

    [Fact]
    public async Task Every_extracted_item_carries_the_words_it_came_from()
    {
        await LoadMasterAsync();
        var gm = await app.SignInAsync("gm");
        foreach (var note in Notes.Take(12))
        {
            var result = await ExtractAsync(gm, note);
            var items = new[] { "contacts", "products", "dates", "amounts", "competitors" }
                .SelectMany(f => result[f]!.AsArray()).Append(result["customer"]).OfType<JsonObject>();
            foreach (var item in items)
            {
                var text = item["text"]!.GetValue<string>();
                var start = item["start"]!.GetValue<int>();
                Assert.Equal(text, note.Text.Substring(start, text.Length));
            }
        }
    }
}

public sealed class SampleCorpusTests(CompanyApp app, ITestOutputHelper output)
    : CorpusTests(app, output, "voice-notes-sample.jsonl", "voice-master-sample.json"), IClassFixture<CompanyApp>
{
    private readonly CompanyApp _app = app;

    [Fact]
    public async Task A_visit_note_gives_customer_contact_product_with_quantity_and_the_agreed_date()
    {
        await LoadMasterAsync();
        var result = await ExtractAsync(await _app.SignInAsync("gm"), Notes.Single(n => n.Id == "p01"));
        Assert.Equal("嘉兴永信精密机械有限公司", result["customer"]!["name"]!.GetValue<string>());
        Assert.Equal("永信精密", result["customer"]!["text"]!.GetValue<string>());
        Assert.Equal("马经理", Assert.Single(result["contacts"]!.AsArray())!["name"]!.GetValue<string>());
        var product = Assert.Single(result["products"]!.AsArray())!;
        Assert.Equal("MA-1600", product["model"]!.GetValue<string>());
        Assert.Equal(2m, product["quantity"]!.GetValue<decimal>());
        Assert.Equal("2026-02-19", Assert.Single(result["dates"]!.AsArray())!["date"]!.GetValue<string>());
        Assert.Empty(result["amounts"]!.AsArray());
    }

    [Fact]
    public async Task Shorthand_amounts_are_read_and_shares_are_not_amounts()
    {
        await LoadMasterAsync();
        var gm = await _app.SignInAsync("gm");
        var p08 = await ExtractAsync(gm, Notes.Single(n => n.Id == "p08"));
        Assert.Equal(148800m, Assert.Single(p08["amounts"]!.AsArray())!["value"]!.GetValue<decimal>());
        Assert.Equal("H44H-25-DN65", Assert.Single(p08["products"]!.AsArray())!["model"]!.GetValue<string>());
        var p09 = await ExtractAsync(gm, Notes.Single(n => n.Id == "p09"));
        Assert.Equal(610000m, Assert.Single(p09["amounts"]!.AsArray())!["value"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_note_that_names_nothing_comes_back_empty()
    {
        await LoadMasterAsync();
        var result = await ExtractAsync(await _app.SignInAsync("gm"), Notes.Single(n => n.Id == "p04"));
        Assert.Null(result["customer"]);
        foreach (var field in new[] { "contacts", "products", "dates", "amounts", "competitors" }) Assert.Empty(result[field]!.AsArray());
    }

    [Fact]
    public async Task Competitors_and_products_named_by_their_distinctive_words_are_found()
    {
        await LoadMasterAsync();
        var result = await ExtractAsync(await _app.SignInAsync("gm"), Notes.Single(n => n.Id == "p10"));
        Assert.Equal("新松包装", Assert.Single(result["competitors"]!.AsArray())!["name"]!.GetValue<string>());
        var product = Assert.Single(result["products"]!.AsArray())!;
        Assert.Equal("DXD-420", product["model"]!.GetValue<string>());
        Assert.Null(product["quantity"]);
        Assert.Equal("2026-03-21", Assert.Single(result["dates"]!.AsArray())!["date"]!.GetValue<string>());
    }
}

public sealed class ExtraCorpusTests(CompanyApp app, ITestOutputHelper output)
    : CorpusTests(app, output, "voice-notes-extra.jsonl", "voice-master-extra.json"), IClassFixture<CompanyApp>
{
    private readonly CompanyApp _app = app;

    [Fact]
    public async Task Two_customers_sharing_a_word_are_told_apart_and_the_shared_word_alone_names_neither()
    {
        await LoadMasterAsync();
        var gm = await _app.SignInAsync("gm");
        var recordedAt = DateTimeOffset.Parse("2026-04-07T18:00:00+08:00", CultureInfo.InvariantCulture);
        var valves = await ExtractAsync(gm, new LabeledCorpus.Note("x", recordedAt, "东方阀门的吴工说下周再谈。", null!));
        Assert.Equal("温州东方阀门有限公司", valves["customer"]!["name"]!.GetValue<string>());
        var electric = await ExtractAsync(gm, new LabeledCorpus.Note("x", recordedAt, "东方电气的钟主任说下周再谈。", null!));
        Assert.Equal("成都东方电气设备有限公司", electric["customer"]!["name"]!.GetValue<string>());
        var either = await ExtractAsync(gm, new LabeledCorpus.Note("x", recordedAt, "东方那边说下周再谈。", null!));
        Assert.Null(either["customer"]);
    }

    [Fact]
    public async Task A_quantity_of_something_else_is_not_the_products()
    {
        await LoadMasterAsync();
        var result = await ExtractAsync(await _app.SignInAsync("gm"), Notes.Single(n => n.Id == "e18"));
        var product = Assert.Single(result["products"]!.AsArray())!;
        Assert.Equal("ZS-2000", product["model"]!.GetValue<string>());
        Assert.Null(product["quantity"]);
    }

    [Fact]
    public async Task Products_told_apart_by_their_size_get_their_own_quantities()
    {
        await LoadMasterAsync();
        var result = await ExtractAsync(await _app.SignInAsync("gm"), Notes.Single(n => n.Id == "e13"));
        var products = result["products"]!.AsArray().ToDictionary(p => p!["model"]!.GetValue<string>(), p => p!["quantity"]!.GetValue<decimal>());
        Assert.Equal(60m, products["Q41F-16P-DN80"]);
        Assert.Equal(100m, products["Q41F-16P-DN50"]);
    }
}
