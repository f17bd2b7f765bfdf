using System.Net;
using System.Net.Http.Json;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Dictation;

public sealed class VoiceNoteApiTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    private static readonly DateTimeOffset RecordedAt = new(2026, 2, 10, 17, 0, 0, TimeSpan.FromHours(8));

    // Trade names made of characters no other test's customer uses, so that each test's firms are its own.
    private static string TradeName()
    {
        const string pool = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥乾坤震巽坎离艮兑";
        var id = Guid.NewGuid().ToByteArray();
        return $"{pool[id[0] % pool.Length]}{pool[id[1] % pool.Length]}{pool[id[2] % pool.Length]}";
    }

    [Fact]
    public async Task Extraction_needs_a_signed_in_user()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/voice-notes/extract", new { text = "明天去签合同", recordedAt = RecordedAt });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Empty_text_and_a_missing_recording_time_are_refused_field_by_field()
    {
        var rep = await app.SignInAsync("rep1");
        var response = await rep.PostAsJsonAsync("/api/v1/voice-notes/extract", new { text = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await PipewrightApp.ReadAsync(response);
        Assert.Equal("请填写跟进内容。", problem["errors"]!["text"]![0]!.GetValue<string>());
        Assert.Equal("请填写录音时间。", problem["errors"]!["recordedAt"]![0]!.GetValue<string>());

        var english = await app.SignInAsync("rep1", language: "en-US");
        var tooLong = await english.PostAsJsonAsync("/api/v1/voice-notes/extract", new { text = new string('好', 2001), recordedAt = RecordedAt });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Note text", (await PipewrightApp.ReadAsync(tooLong))["errors"]!["text"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reps_extraction_only_names_customers_that_rep_may_see()
    {
        var south = await app.SignInAsync("southrep");
        var name = TradeName();
        var created = await CompanyApp.CreateCustomerAsync(south, new { name = $"广州{name}机械有限公司", ignoreSimilar = true });
        var note = new { text = $"{name}机械的王经理说下周四前要报价。", recordedAt = RecordedAt };

        var rep1 = await app.SignInAsync("rep1");
        var seenByRep1 = await PipewrightApp.ReadAsync(await rep1.PostAsJsonAsync("/api/v1/voice-notes/extract", note));
        Assert.Null(seenByRep1["customer"]);
        Assert.Equal("王经理", seenByRep1["contacts"]![0]!["name"]!.GetValue<string>());

        var seenByOwner = await PipewrightApp.ReadAsync(await south.PostAsJsonAsync("/api/v1/voice-notes/extract", note));
        Assert.Equal(created["id"]!.GetValue<Guid>(), seenByOwner["customer"]!["id"]!.GetValue<Guid>());
        Assert.Equal($"{name}机械", seenByOwner["customer"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task New_master_data_is_matched_from_the_next_note_on()
    {
        var admin = await app.AdminAsync();
        var rep = await app.SignInAsync("rep1");
        var (name, rival) = (TradeName(), TradeName());
        var model = $"QX-{Random.Shared.Next(100, 999)}";
        var note = new { text = $"{name}的李工要三台{model.Replace("-", "", StringComparison.Ordinal)}，新竞对{rival}泵业在抢。", recordedAt = RecordedAt };

        var before = await PipewrightApp.ReadAsync(await rep.PostAsJsonAsync("/api/v1/voice-notes/extract", note));
        Assert.Null(before["customer"]);
        Assert.Empty(before["products"]!.AsArray());

        await CompanyApp.CreateCustomerAsync(rep, new { name = $"{name}精密机械有限公司", ignoreSimilar = true });
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/products",
            new { model, name = "卧式离心泵", category = "泵", unit = "台", listPrice = 5000m })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/competitors", new { name = $"{rival}泵业" })).StatusCode);

        var after = await PipewrightApp.ReadAsync(await rep.PostAsJsonAsync("/api/v1/voice-notes/extract", note));
        Assert.Equal($"{name}精密机械有限公司", after["customer"]!["name"]!.GetValue<string>());
        var product = Assert.Single(after["products"]!.AsArray())!;
        Assert.Equal(model, product["model"]!.GetValue<string>());
        Assert.Equal(3m, product["quantity"]!.GetValue<decimal>());
        Assert.Equal($"{rival}泵业", Assert.Single(after["competitors"]!.AsArray())!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_size_and_a_category_word_name_the_one_product_they_share()
    {
        var admin = await app.AdminAsync();
        var size = Random.Shared.Next(300, 900);
        foreach (var (model, name, category) in new[]
                 {
                     ($"Z41H-16C DN{size}", $"DN{size} 法兰闸阀", "闸阀"),
                     ($"Q41F-16C DN{size}", $"DN{size} 法兰球阀", "球阀"),
                 })
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/products",
                new { model, name, category, unit = "台", listPrice = 3000m })).StatusCode);

        var note = new { text = $"客户说DN{size}的闸阀要八台，下周一前报价。", recordedAt = RecordedAt };
        var read = await PipewrightApp.ReadAsync(await (await app.SignInAsync("rep1")).PostAsJsonAsync("/api/v1/voice-notes/extract", note));
        var product = Assert.Single(read["products"]!.AsArray())!;
        Assert.Equal($"Z41H-16C DN{size}", product["model"]!.GetValue<string>());
        Assert.Equal(8m, product["quantity"]!.GetValue<decimal>());
        Assert.Equal($"DN{size}的闸阀", product["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Managers_add_competitors_once_and_everyone_reads_the_list()
    {
        var manager = await app.SignInAsync("eastmanager");
        var name = $"{TradeName()}阀门";
        var response = await manager.PostAsJsonAsync("/api/v1/competitors", new { name, aliases = new[] { "老对手" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await PipewrightApp.ReadAsync(response);
        Assert.Equal("老对手", created["aliases"]![0]!.GetValue<string>());

        var again = await (await app.SignInAsync("gm")).PostAsJsonAsync("/api/v1/competitors", new { name = $" {name} " });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await PipewrightApp.ReadAsync(again);
        Assert.Equal("duplicate", problem["kind"]!.GetValue<string>());
        Assert.Equal("竞争对手已存在", problem["title"]!.GetValue<string>());

        var list = await (await app.SignInAsync("rep1")).GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/competitors?pageSize=200");
        Assert.Contains(list!["items"]!.AsArray(), c => c!["name"]!.GetValue<string>() == name);
    }

    [Fact]
    public async Task Sales_reps_may_not_add_competitors_and_a_name_is_required()
    {
        var rep = await app.SignInAsync("rep1");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsJsonAsync("/api/v1/competitors", new { name = "某某阀门" })).StatusCode);
        var admin = await app.AdminAsync();
        var empty = await admin.PostAsJsonAsync("/api/v1/competitors", new { name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("请填写名称。", (await PipewrightApp.ReadAsync(empty))["errors"]!["name"]![0]!.GetValue<string>());
    }
}
