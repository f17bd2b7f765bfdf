using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Customers;

public sealed class EditingCustomersTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task The_second_of_two_concurrent_edits_gets_a_conflict_and_nothing_is_overwritten()
    {
        var rep = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("并发编辑"), address = "原地址" });
        var id = customer["id"]!.GetValue<Guid>();
        var version = customer["version"]!.GetValue<int>();
        var name = customer["name"]!.GetValue<string>();

        var first = await rep.PutAsJsonAsync($"/api/v1/customers/{id}", new { name, address = "第一个人的地址", version });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await rep.PutAsJsonAsync($"/api/v1/customers/{id}", new { name, address = "第二个人的地址", version });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("concurrency", (await PipewrightApp.ReadAsync(second))["kind"]!.GetValue<string>());

        var stored = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{id}");
        Assert.Equal("第一个人的地址", stored!["address"]!.GetValue<string>());
        Assert.Equal(version + 1, stored["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Parallel_saves_of_the_same_version_let_exactly_one_through()
    {
        var rep = await app.SignInAsync("rep2");
        var customer = await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("抢先保存") });
        var id = customer["id"]!.GetValue<Guid>();
        var name = customer["name"]!.GetValue<string>();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            rep.PutAsJsonAsync($"/api/v1/customers/{id}", new { name, address = $"地址{i}", version = 0 })));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Changing_the_credit_code_to_another_customers_is_refused()
    {
        var rep = await app.SignInAsync("rep1");
        var code = Pipewright.Customers.Rules.CreditCode.Generate(Random.Shared);
        await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("占用代码"), creditCode = code });
        var other = await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("想改代码") });
        var response = await rep.PutAsJsonAsync($"/api/v1/customers/{other["id"]}",
            new { name = other["name"]!.GetValue<string>(), creditCode = code, version = 0, ignoreSimilar = true });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("duplicate", (await PipewrightApp.ReadAsync(response))["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Contacts_are_stored_with_phone_numbers_in_E164()
    {
        var rep = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("联系人测试") });
        var id = customer["id"]!.GetValue<Guid>();
        var response = await rep.PostAsJsonAsync($"/api/v1/customers/{id}/contacts", new
        {
            name = "刘洋", title = "采购经理", mobile = "139 1234 5678", phone = "0574-87654321转123", email = "liu@example.cn", wechat = "liuyang_nb",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var contact = await PipewrightApp.ReadAsync(response);
        Assert.Equal("+8613912345678", contact["mobile"]!.GetValue<string>());
        Assert.StartsWith("+8657487654321", contact["phone"]!.GetValue<string>());

        var detail = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{id}");
        Assert.Equal("刘洋", detail!["contacts"]![0]!["name"]!.GetValue<string>());

        var bad = await rep.PostAsJsonAsync($"/api/v1/customers/{id}/contacts", new { name = "错号", mobile = "1391234567" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await PipewrightApp.ReadAsync(bad))["errors"]!.AsObject().ContainsKey("mobile"));
    }

    [Fact]
    public async Task Every_change_is_in_the_audit_trail_with_who_when_and_old_to_new()
    {
        var rep = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("审计"), level = "C" });
        var id = customer["id"]!.GetValue<Guid>();
        var update = await rep.PutAsJsonAsync($"/api/v1/customers/{id}",
            new { name = customer["name"]!.GetValue<string>(), level = "A", version = 0 });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        await rep.PostAsJsonAsync($"/api/v1/customers/{id}/contacts", new { name = "审计联系人" });

        var trail = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/audit?entityType=Customer&entityId={id}");
        var items = trail!["items"]!.AsArray();
        Assert.Equal(3, trail["total"]!.GetValue<int>());
        var levelChange = items.Single(i => i!["action"]!.GetValue<string>() == "updated" && i["entityType"]!.GetValue<string>() == "Customer")!;
        Assert.Equal("rep1", levelChange["userName"]!.GetValue<string>());
        var change = levelChange["changes"]!.AsArray().Single(c => c!["field"]!.GetValue<string>() == "Level")!;
        Assert.Equal("C", change["old"]!.GetValue<string>());
        Assert.Equal("A", change["new"]!.GetValue<string>());
        Assert.Contains(items, i => i!["entityType"]!.GetValue<string>() == "Contact" && i["action"]!.GetValue<string>() == "created");
    }

    [Fact]
    public async Task Only_management_may_read_the_whole_audit_trail()
    {
        var rep = await app.SignInAsync("rep1");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync("/api/v1/audit")).StatusCode);
        var gm = await app.SignInAsync("gm");
        Assert.Equal(HttpStatusCode.OK, (await gm.GetAsync("/api/v1/audit?entityType=Team")).StatusCode);
    }
}
