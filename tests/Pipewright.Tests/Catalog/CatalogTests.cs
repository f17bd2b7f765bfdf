using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Catalog;
using Pipewright.Common.Data;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Catalog;

public sealed class CatalogTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    private static object Valve(string model, decimal listPrice = 1680m, decimal? unitCost = 1090m, decimal? floorPrice = 1420m, object[]? options = null) =>
        new { model, name = "法兰闸阀", category = "闸阀", unit = "台", listPrice, unitCost, floorPrice, options };

    private static async Task<JsonObject> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/products", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await PipewrightApp.ReadAsync(response);
    }

    [Fact]
    public async Task Finance_creates_a_product_with_options_and_reads_it_back_with_costs()
    {
        var finance = await app.SignInAsync("finance");
        var model = PipewrightApp.Unique("Z41H-16C DN");
        var created = await CreateAsync(finance, Valve(model, options:
        [
            new { group = "材质", value = "CF8 不锈钢", priceDelta = 620m, costDelta = 410m },
            new { group = "材质", value = "CF8M 316不锈钢", priceDelta = 980m, costDelta = 700m },
            new { group = "压力等级", value = "PN25", priceDelta = 150m, costDelta = 90m },
        ]));
        Assert.Equal(model, created["model"]!.GetValue<string>());
        Assert.Equal(1090m, created["unitCost"]!.GetValue<decimal>());

        var stored = await finance.GetFromJsonAsync<JsonObject>($"/api/v1/products/{created["id"]}");
        Assert.Equal(1680m, stored!["listPrice"]!.GetValue<decimal>());
        Assert.Equal(1420m, stored["floorPrice"]!.GetValue<decimal>());
        var options = stored["options"]!.AsArray();
        Assert.Equal(3, options.Count);
        Assert.Contains(options, o => o!["value"]!.GetValue<string>() == "PN25" && o["costDelta"]!.GetValue<decimal>() == 90m);
    }

    [Fact]
    public async Task A_second_product_with_the_same_model_written_differently_is_a_conflict()
    {
        var admin = await app.AdminAsync();
        var suffix = PipewrightApp.Unique();
        await CreateAsync(admin, Valve($"Q41F-16P DN50-{suffix}"));
        var response = await admin.PostAsJsonAsync("/api/v1/products", Valve($"q41f-16p  dn50-{suffix.ToUpperInvariant()}"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await PipewrightApp.ReadAsync(response);
        Assert.Equal("duplicate", problem["kind"]!.GetValue<string>());
        Assert.Equal("型号已存在", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_prices_are_refused_field_by_field_in_the_callers_language()
    {
        var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/products",
            new { model = PipewrightApp.Unique("BAD"), name = "坏价格", category = "闸阀", unit = "台", listPrice = 0m, unitCost = -5m });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await PipewrightApp.ReadAsync(response))["errors"]!.AsObject();
        Assert.Equal("目录价必须大于 0。", errors["listPrice"]![0]!.GetValue<string>());
        Assert.Equal("单位成本不能为负数。", errors["unitCost"]![0]!.GetValue<string>());

        var english = await app.AdminAsync("en-US");
        var floor = await english.PostAsJsonAsync("/api/v1/products", Valve(PipewrightApp.Unique("FLOOR"), listPrice: 100m, floorPrice: 120m));
        Assert.Equal(HttpStatusCode.BadRequest, floor.StatusCode);
        Assert.Equal("The floor price cannot be above the list price.",
            (await PipewrightApp.ReadAsync(floor))["errors"]!["floorPrice"]![0]!.GetValue<string>());

        var noModel = await admin.PostAsJsonAsync("/api/v1/products", new { name = "无型号", category = "闸阀", unit = "台", listPrice = 10m });
        Assert.Equal("请填写型号。", (await PipewrightApp.ReadAsync(noModel))["errors"]!["model"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rep_reads_the_catalog_without_costs_and_cannot_change_it()
    {
        var admin = await app.AdminAsync();
        var created = await CreateAsync(admin, Valve(PipewrightApp.Unique("D371X-16 DN"),
            options: [new { group = "驱动", value = "电动", priceDelta = 2100m, costDelta = 1500m }]));
        var rep = await app.SignInAsync("rep1");

        var seen = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/products/{created["id"]}");
        Assert.Equal(1680m, seen!["listPrice"]!.GetValue<decimal>());
        Assert.Null(seen["unitCost"]);
        Assert.Null(seen["floorPrice"]);
        Assert.Null(seen["options"]![0]!["costDelta"]);
        Assert.Equal(2100m, seen["options"]![0]!["priceDelta"]!.GetValue<decimal>());

        var manager = await app.SignInAsync("eastmanager");
        Assert.Equal(1090m, (await manager.GetFromJsonAsync<JsonObject>($"/api/v1/products/{created["id"]}"))!["unitCost"]!.GetValue<decimal>());

        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsJsonAsync("/api/v1/products", Valve(PipewrightApp.Unique("REP")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PutAsJsonAsync($"/api/v1/products/{created["id"]}",
            Valve(created["model"]!.GetValue<string>(), listPrice: 2000m))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsync($"/api/v1/products/{created["id"]}/deactivate", null)).StatusCode);
        var gm = await app.SignInAsync("gm");
        Assert.Equal(HttpStatusCode.Forbidden, (await gm.PostAsJsonAsync("/api/v1/products", Valve(PipewrightApp.Unique("GM")))).StatusCode);
    }

    [Fact]
    public async Task Updates_keep_option_ids_check_the_version_and_are_audited()
    {
        var finance = await app.SignInAsync("finance");
        var model = PipewrightApp.Unique("J41H-25 DN");
        var created = await CreateAsync(finance, Valve(model, options:
        [
            new { group = "材质", value = "WCB 碳钢", priceDelta = 0m, costDelta = 0m },
            new { group = "材质", value = "CF8 不锈钢", priceDelta = 600m, costDelta = 400m },
        ]));
        var id = created["id"]!.GetValue<Guid>();
        var keptId = created["options"]!.AsArray().Single(o => o!["value"]!.GetValue<string>() == "CF8 不锈钢")!["id"]!.GetValue<Guid>();

        var update = new
        {
            model, name = "截止阀（新款）", category = "截止阀", unit = "台", listPrice = 1800m, unitCost = 1150m, floorPrice = 1500m,
            version = created["version"]!.GetValue<int>(),
            options = new[] { new { group = "材质", value = "CF8 不锈钢", priceDelta = 650m, costDelta = 420m } },
        };
        var response = await finance.PutAsJsonAsync($"/api/v1/products/{id}", update);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await PipewrightApp.ReadAsync(response);
        Assert.Equal(1800m, updated["listPrice"]!.GetValue<decimal>());
        var option = Assert.Single(updated["options"]!.AsArray());
        Assert.Equal(keptId, option!["id"]!.GetValue<Guid>());
        Assert.Equal(650m, option["priceDelta"]!.GetValue<decimal>());

        var stale = await finance.PutAsJsonAsync($"/api/v1/products/{id}", update);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var audit = await finance.GetFromJsonAsync<JsonObject>($"/api/v1/audit?entityType=Product&entityId={id}");
        Assert.Contains("1,800.00", audit!.ToJsonString());
    }

    [Fact]
    public async Task A_withdrawn_model_leaves_the_quoting_list_and_cannot_be_priced()
    {
        var admin = await app.AdminAsync();
        var model = PipewrightApp.Unique("H44H-16C DN");
        var created = await CreateAsync(admin, Valve(model));
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/products/{id}/deactivate", null)).StatusCode);

        var rep = await app.SignInAsync("rep1");
        var list = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/products?search={Uri.EscapeDataString(model)}");
        Assert.Equal(0, list!["total"]!.GetValue<int>());
        var withInactive = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/products?search={Uri.EscapeDataString(model)}&includeInactive=true");
        Assert.False(withInactive!["items"]![0]!["isActive"]!.GetValue<bool>());

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        var price = await db.PriceAsync(id, [], CancellationToken.None);
        Assert.Equal(422, price.Failure?.Status);
    }

    [Fact]
    public async Task Catalog_prices_add_the_chosen_options_one_per_group()
    {
        var admin = await app.AdminAsync();
        var created = await CreateAsync(admin, Valve(PipewrightApp.Unique("Z41H-40 DN"), listPrice: 2000m, unitCost: 1300m, floorPrice: 1700m, options:
        [
            new { group = "材质", value = "CF8", priceDelta = 600m, costDelta = 400m },
            new { group = "材质", value = "CF8M", priceDelta = 1000m, costDelta = 700m },
            new { group = "压力等级", value = "PN40", priceDelta = 300m, costDelta = 200m },
        ]));
        var id = created["id"]!.GetValue<Guid>();
        Guid Option(string value) => created["options"]!.AsArray().Single(o => o!["value"]!.GetValue<string>() == value)!["id"]!.GetValue<Guid>();

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        var price = await db.PriceAsync(id, [Option("CF8M"), Option("PN40")], CancellationToken.None);
        Assert.True(price.Succeeded);
        Assert.Equal(3300m, price.Value!.ListPrice.Yuan);
        Assert.Equal(2200m, price.Value.UnitCost!.Value.Yuan);
        Assert.Equal(3000m, price.Value.FloorPrice!.Value.Yuan);

        var twoMaterials = await db.PriceAsync(id, [Option("CF8"), Option("CF8M")], CancellationToken.None);
        Assert.Equal(400, twoMaterials.Failure?.Status);
        var unknown = await db.PriceAsync(Guid.NewGuid(), [], CancellationToken.None);
        Assert.Equal(400, unknown.Failure?.Status);
    }

    [Fact]
    public async Task Search_finds_models_however_they_are_typed_and_pages_in_the_database()
    {
        var admin = await app.AdminAsync();
        var series = PipewrightApp.Unique("S");
        foreach (var dn in new[] { 50, 65, 80, 100, 125 })
            await CreateAsync(admin, new { model = $"{series}-16C DN{dn}", name = $"搜索测试阀 DN{dn}", category = "闸阀", unit = "台", listPrice = 100m + dn });
        var rep = await app.SignInAsync("rep2");

        var page = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/products?search={series.ToLowerInvariant()}-16c&pageSize=2&page=2");
        Assert.Equal(5, page!["total"]!.GetValue<int>());
        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.Equal(2, page["page"]!.GetValue<int>());

        var spaced = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/products?search={Uri.EscapeDataString(series + "-16C  dn100")}");
        Assert.Equal($"{series}-16C DN100", Assert.Single(spaced!["items"]!.AsArray())!["model"]!.GetValue<string>());

        var byName = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/products?search={Uri.EscapeDataString("搜索测试阀 DN125")}");
        Assert.Equal(1, byName!["total"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.BadRequest, (await rep.GetAsync("/api/v1/products?pageSize=500")).StatusCode);
    }
}
