using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Customers.Rules;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Customers;

public sealed class CreatingCustomersTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    private static string NewCreditCode() => CreditCode.Generate(Random.Shared);

    [Fact]
    public async Task Creates_a_customer_with_a_KH_code_owned_by_its_creator()
    {
        var rep = await app.SignInAsync("rep1");
        var name = "宁波" + PipewrightApp.Unique("测试阀门") + "有限公司";
        var created = await CompanyApp.CreateCustomerAsync(rep, new
        {
            name, creditCode = NewCreditCode(), aliases = new[] { "测试阀门" }, level = "A", isKey = true,
            industry = "石油化工", region = "浙江省宁波市", address = "宁波市北仑区新碶街道1号",
        });
        Assert.Matches($"^KH{TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Pipewright.Common.Data.ChinaTime.Zone).Year}\\d{{5}}$", created["code"]!.GetValue<string>());
        Assert.Equal(name, created["name"]!.GetValue<string>());
        Assert.Equal(app.Users["rep1"], created["ownerId"]!.GetValue<Guid>());
        Assert.Equal("A", created["level"]!.GetValue<string>());
        Assert.True(created["isKey"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Codes_are_unique_and_increase()
    {
        var rep = await app.SignInAsync("rep2");
        var first = await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("甲公司") });
        var second = await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("乙公司") });
        Assert.True(string.CompareOrdinal(second["code"]!.GetValue<string>(), first["code"]!.GetValue<string>()) > 0);
    }

    [Theory]
    [InlineData("91350100M000100Y4", "creditCode")]      // 17 characters
    [InlineData("91350100M000100Y43X", "creditCode")]    // 19 characters
    [InlineData("9135010OM000100Y43", "creditCode")]     // letter O is not in the alphabet
    [InlineData("91ABCDEFM000100Y43", "creditCode")]     // division must be digits
    public async Task Refuses_a_malformed_credit_code_with_400_on_the_field(string code, string field)
    {
        var rep = await app.SignInAsync("rep1");
        var response = await rep.PostAsJsonAsync("/api/v1/customers", new { name = PipewrightApp.Unique("格式错误"), creditCode = code });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await PipewrightApp.ReadAsync(response);
        Assert.Contains("格式不正确", problem["errors"]![field]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_a_wrong_check_character_saying_which_one_it_should_be()
    {
        var rep = await app.SignInAsync("rep1");
        var response = await rep.PostAsJsonAsync("/api/v1/customers", new { name = PipewrightApp.Unique("校验错误"), creditCode = "91350100M000100Y4Z" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await PipewrightApp.ReadAsync(response))["errors"]!["creditCode"]![0]!.GetValue<string>();
        Assert.Contains("第 18 位", message);
        Assert.Contains("3", message);
    }

    [Fact]
    public async Task Only_an_administrator_may_accept_a_code_whose_check_character_does_not_compute()
    {
        var rep = await app.SignInAsync("rep1");
        var bad = "91350100M000100Y4Z";
        var refused = await rep.PostAsJsonAsync("/api/v1/customers", new { name = PipewrightApp.Unique("执照"), creditCode = bad, acceptCheckMismatch = true });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var admin = await app.AdminAsync();
        var accepted = await admin.PostAsJsonAsync("/api/v1/customers", new { name = PipewrightApp.Unique("执照"), creditCode = bad, acceptCheckMismatch = true });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Refuses_a_second_customer_with_the_same_credit_code_even_when_told_to_ignore_similar()
    {
        var rep = await app.SignInAsync("rep1");
        var code = NewCreditCode();
        var first = await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("原公司"), creditCode = code });

        var other = await app.SignInAsync("southrep");
        var response = await other.PostAsJsonAsync("/api/v1/customers",
            new { name = PipewrightApp.Unique("另一个名字"), creditCode = code.ToLowerInvariant(), ignoreSimilar = true });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await PipewrightApp.ReadAsync(response);
        Assert.Equal("duplicate", problem["kind"]!.GetValue<string>());
        var duplicate = problem["duplicates"]!.AsArray().Single()!;
        Assert.Equal(first["id"]!.GetValue<Guid>(), duplicate["id"]!.GetValue<Guid>());
        Assert.Equal(first["code"]!.GetValue<string>(), duplicate["code"]!.GetValue<string>());
        Assert.Null(duplicate["contacts"]);
    }

    [Fact]
    public async Task Warns_about_a_similar_name_and_saves_when_the_user_confirms()
    {
        var rep = await app.SignInAsync("rep1");
        var brand = PipewrightApp.Unique("恒达");
        await CompanyApp.CreateCustomerAsync(rep, new { name = $"宁波{brand}机械有限公司" });

        var other = await app.SignInAsync("southrep");
        var similar = await other.PostAsJsonAsync("/api/v1/customers", new { name = $"{brand}机械（宁波）有限公司" });
        Assert.Equal(HttpStatusCode.Conflict, similar.StatusCode);
        var problem = await PipewrightApp.ReadAsync(similar);
        Assert.Equal("similar", problem["kind"]!.GetValue<string>());
        Assert.Single(problem["duplicates"]!.AsArray());

        var confirmed = await other.PostAsJsonAsync("/api/v1/customers", new { name = $"{brand}机械（宁波）有限公司", ignoreSimilar = true });
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
    }

    [Fact]
    public async Task Warns_when_a_contact_phone_already_belongs_to_another_customer()
    {
        var rep = await app.SignInAsync("rep1");
        var mobile = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("甲方"), contacts = new[] { new { name = "张三", mobile } } });
        var response = await rep.PostAsJsonAsync("/api/v1/customers",
            new { name = PipewrightApp.Unique("乙方"), contacts = new[] { new { name = "张三", mobile = "+86 " + mobile } } });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await PipewrightApp.ReadAsync(response);
        Assert.Equal("similar", problem["kind"]!.GetValue<string>());
        Assert.Equal("phone", problem["duplicates"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_malformed_field_is_a_400_naming_that_field_and_nothing_is_saved()
    {
        var rep = await app.SignInAsync("rep1");
        var before = await CountAsync(rep);
        var response = await rep.PostAsJsonAsync("/api/v1/customers", new
        {
            name = new string('长', 101),
            address = new string('路', 201),
            industry = new string('业', 51),
            level = "D",
            aliases = Enumerable.Range(0, 11).Select(i => $"别名{i}").ToArray(),
            location = new { lat = 91.0, lng = 121.0, system = "mars" },
            contacts = new[] { new { name = "", email = "not-an-email" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await PipewrightApp.ReadAsync(response))["errors"]!.AsObject();
        foreach (var field in new[] { "name", "address", "industry", "level", "aliases", "location.lat", "location.system", "contacts[0].name", "contacts[0].email" })
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {errors.ToJsonString()}");
        Assert.Equal(before, await CountAsync(rep));
    }

    [Fact]
    public async Task An_invalid_phone_number_is_a_400_on_that_contact()
    {
        var rep = await app.SignInAsync("rep1");
        var response = await rep.PostAsJsonAsync("/api/v1/customers",
            new { name = PipewrightApp.Unique("电话错误"), contacts = new[] { new { name = "王五", mobile = "12345" } } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await PipewrightApp.ReadAsync(response))["errors"]!.AsObject().ContainsKey("contacts[0].mobile"));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_not_a_500()
    {
        var rep = await app.SignInAsync("rep1");
        var response = await rep.PostAsync("/api/v1/customers", new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("输入有误", (await PipewrightApp.ReadAsync(response))["title"]!.GetValue<string>());

        var wrongType = await rep.PostAsync("/api/v1/customers", new StringContent("{\"name\": \"x公司\", \"isKey\": \"maybe\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
    }

    [Fact]
    public async Task Errors_speak_english_when_asked()
    {
        var rep = await app.SignInAsync("rep1", language: "en-US");
        var response = await rep.PostAsJsonAsync("/api/v1/customers", new { name = PipewrightApp.Unique("x"), creditCode = "123" });
        var problem = await PipewrightApp.ReadAsync(response);
        Assert.Equal("Invalid input", problem["title"]!.GetValue<string>());
        Assert.Contains("malformed", problem["errors"]!["creditCode"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Stores_a_gcj02_location_with_its_wgs84_equivalent()
    {
        var rep = await app.SignInAsync("rep1");
        var created = await CompanyApp.CreateCustomerAsync(rep, new
        {
            name = PipewrightApp.Unique("定位"), location = new { lat = 31.17530398364597, lng = 121.531541859215, system = "gcj02" },
        });
        var location = created["location"]!;
        Assert.Equal("gcj02", location["system"]!.GetValue<string>());
        Assert.Equal(31.1774276, location["wgsLat"]!.GetValue<double>(), 6);
        Assert.Equal(121.5272106, location["wgsLng"]!.GetValue<double>(), 6);
    }

    [Fact]
    public async Task Fifty_concurrent_identical_creates_make_one_customer_and_49_conflicts()
    {
        var rep = await app.SignInAsync("rep1");
        var body = new { name = PipewrightApp.Unique("并发测试") + "有限公司", creditCode = NewCreditCode() };
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => rep.PostAsJsonAsync("/api/v1/customers", body)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));

        var admin = await app.AdminAsync();
        var list = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(body.name)}");
        Assert.Equal(1, list!["total"]!.GetValue<int>());
    }

    private static async Task<int> CountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/v1/customers?pageSize=1"))!["total"]!.GetValue<int>();
}
