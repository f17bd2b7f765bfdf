using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Customers;

public sealed class SearchingCustomersTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task Finds_a_customer_by_any_substring_of_name_alias_code_contact_name_or_phone_digits()
    {
        var rep = await app.SignInAsync("rep1");
        var brand = "琨" + PipewrightApp.Unique()[..4].ToUpperInvariant() + "瑀";
        var mobile = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var customer = await CompanyApp.CreateCustomerAsync(rep, new
        {
            name = $"台州{brand}泵阀制造有限公司",
            aliases = new[] { "璟曜泵阀" + brand },
            contacts = new[] { new { name = "欧阳" + brand, mobile, phone = "0576-88123456" } },
        });
        var code = customer["code"]!.GetValue<string>();
        var id = customer["id"]!.GetValue<Guid>();

        foreach (var term in new[] { brand + "泵阀", "泵阀制造", "璟曜泵阀" + brand[..2], code, code[2..9], "欧阳" + brand[..1], mobile[3..10], mobile[^4..] })
        {
            var page = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(term)}&pageSize=200");
            Assert.Contains(page!["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == id);
        }
        var none = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(brand + "不存在")}");
        Assert.Equal(0, none!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_customer_found_by_several_of_its_texts_counts_once()
    {
        // Name, alias and contact all contain the text: several search rows, one customer in the total.
        var rep = await app.SignInAsync("rep1");
        var tag = "翀" + PipewrightApp.Unique()[..5].ToUpperInvariant();
        for (var i = 0; i < 3; i++)
            await CompanyApp.CreateCustomerAsync(rep, new
            {
                name = $"{tag}{i}号{tag}机械有限公司", aliases = new[] { tag + "机械" + i },
                contacts = new[] { new { name = tag + "经理" } },
            });
        var admin = await app.AdminAsync();
        var page = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(tag)}&pageSize=2");
        Assert.Equal(3, page!["total"]!.GetValue<int>());
        Assert.Equal(2, page["items"]!.AsArray().Count);
        var mine = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(tag)}&pageSize=2");
        Assert.Equal(3, mine!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pages_are_cut_in_the_database_with_the_total_alongside()
    {
        var rep = await app.SignInAsync("rep2");
        var tag = "翃" + PipewrightApp.Unique()[..5];
        for (var i = 0; i < 7; i++) await CompanyApp.CreateCustomerAsync(rep, new { name = $"{tag}分页{i}号公司" });

        var first = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(tag)}&page=1&pageSize=3");
        var third = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(tag)}&page=3&pageSize=3");
        Assert.Equal(7, first!["total"]!.GetValue<int>());
        Assert.Equal(3, first["items"]!.AsArray().Count);
        Assert.Single(third!["items"]!.AsArray());
        Assert.Equal(3, third["page"]!.GetValue<int>());
        Assert.Equal(3, third["pageSize"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_plain_search_lists_what_the_same_search_with_a_filter_lists()
    {
        // A search with nothing else filtered runs as a compiled query; with a filter it is composed. Same page, same total.
        var rep = await app.SignInAsync("rep1");
        var other = await app.SignInAsync("rep2");
        var tag = "翛" + PipewrightApp.Unique()[..5].ToUpperInvariant();
        for (var i = 0; i < 5; i++) await CompanyApp.CreateCustomerAsync(rep, new { name = $"{tag}{i}号泵业有限公司", level = "B" });
        for (var i = 0; i < 2; i++) await CompanyApp.CreateCustomerAsync(other, new { name = $"{tag}{i}号阀门有限公司", level = "B" });
        var admin = await app.AdminAsync();
        var search = Uri.EscapeDataString(tag);
        var rep1 = app.Users["rep1"];

        foreach (var page in new[] { 1, 2, 3 })
        {
            var everyone = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={search}&pageSize=3&page={page}");
            var everyoneB = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={search}&pageSize=3&page={page}&level=B");
            Assert.Equal(7, everyone!["total"]!.GetValue<int>());
            Assert.Equal(Ids(everyoneB!), Ids(everyone));
            Assert.Equal(everyoneB!["total"]!.GetValue<int>(), everyone["total"]!.GetValue<int>());

            var mine = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={search}&pageSize=2&page={page}");
            var theirs = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={search}&pageSize=2&page={page}&ownerId={rep1}");
            Assert.Equal(5, mine!["total"]!.GetValue<int>());
            Assert.Equal(Ids(theirs!), Ids(mine));
            Assert.Equal(theirs!["total"]!.GetValue<int>(), mine["total"]!.GetValue<int>());
        }

        static List<Guid> Ids(JsonObject page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
    }

    [Theory]
    [InlineData("pageSize=201")]
    [InlineData("pageSize=0")]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("level=Z")]
    public async Task Bad_list_parameters_are_a_400(string query)
    {
        var rep = await app.SignInAsync("rep1");
        Assert.Equal(HttpStatusCode.BadRequest, (await rep.GetAsync($"/api/v1/customers?{query}")).StatusCode);
    }

    [Fact]
    public async Task The_duplicate_check_shows_candidates_without_contact_details()
    {
        var rep = await app.SignInAsync("rep1");
        var brand = PipewrightApp.Unique("鑫隆");
        await CompanyApp.CreateCustomerAsync(rep, new { name = $"杭州{brand}阀门有限公司", contacts = new[] { new { name = "秘密联系人", mobile = "13700001111" } } });
        var other = await app.SignInAsync("southrep");
        var report = await other.GetFromJsonAsync<JsonObject>($"/api/v1/customers/duplicates?name={Uri.EscapeDataString(brand + "阀门")}");
        var candidate = report!["similar"]!.AsArray().Single()!;
        Assert.Equal($"杭州{brand}阀门有限公司", candidate["name"]!.GetValue<string>());
        Assert.DoesNotContain("13700001111", report.ToJsonString());
        Assert.DoesNotContain("秘密联系人", report.ToJsonString());
    }
}

public sealed class BroadSearchTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task A_search_matching_hundreds_of_customers_pages_and_counts_right_within_each_scope()
    {
        // More matching index rows than CustomerQueries.BroadSearch: the search walks customers in list order.
        var token = "鹍" + PipewrightApp.Unique()[..4].ToUpperInvariant();
        var rep1 = app.Users["rep1"];
        var southRep = app.Users["southrep"];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Pipewright.Common.Data.PipewrightDb>();
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < Pipewright.Customers.CustomerQueries.BroadSearch + 20; i++)
            {
                var customer = new Pipewright.Customers.Customer
                {
                    Name = $"{token}{i:D3}号机械公司", NameKey = $"{token}{i:D3}", CreatedAt = now, UpdatedAt = now,
                    OwnerId = i % 2 == 0 ? rep1 : southRep,
                    Code = Pipewright.Common.Data.CodeSequences.Format("KH", 2026, await Pipewright.Common.Data.CodeSequences.NextAsync(db, "KH", 2026, default)),
                };
                db.Add(customer);
                db.SearchTerms.AddRange(Pipewright.Customers.CustomerQueries.SearchTerms(customer));
            }
            await db.SaveChangesAsync();
        }
        var total = Pipewright.Customers.CustomerQueries.BroadSearch + 20;

        var admin = await app.AdminAsync();
        var first = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(token)}&pageSize=50");
        Assert.Equal(total, first!["total"]!.GetValue<int>());
        Assert.Equal(50, first["items"]!.AsArray().Count);
        var last = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(token)}&pageSize=50&page=11");
        Assert.Equal(total - 500, last!["items"]!.AsArray().Count);
        var codes = first["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToList();
        Assert.Equal(codes.OrderByDescending(c => c, StringComparer.Ordinal), codes);

        var rep = await app.SignInAsync("rep1");
        var mine = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(token)}&pageSize=200");
        Assert.Equal(total / 2, mine!["total"]!.GetValue<int>());
        Assert.All(mine["items"]!.AsArray(), i => Assert.Equal(rep1, i!["ownerId"]!.GetValue<Guid>()));
        // One owner's matches are found in one walk and the page cut from them: the second page follows the first.
        var second = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(token)}&pageSize=200&page=2");
        Assert.Equal(total / 2, second!["total"]!.GetValue<int>());
        var mineCodes = mine["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(i => i!["code"]!.GetValue<string>()).ToList();
        Assert.Equal(total / 2, mineCodes.Distinct().Count());
        Assert.Equal(mineCodes.OrderByDescending(c => c, StringComparer.Ordinal), mineCodes);
        var byOwner = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(token)}&ownerId={southRep}&pageSize=5&page=3");
        Assert.Equal(total / 2, byOwner!["total"]!.GetValue<int>());
        var firstFifteen = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(token)}&ownerId={southRep}&pageSize=15");
        Assert.Equal(firstFifteen!["items"]!.AsArray().Skip(10).Select(i => i!["id"]!.GetValue<Guid>()),
            byOwner["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
        Assert.All(byOwner["items"]!.AsArray(), i => Assert.Equal(southRep, i!["ownerId"]!.GetValue<Guid>()));

        var level = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(token)}&level=A");
        Assert.Equal(0, level!["total"]!.GetValue<int>());
    }
}
