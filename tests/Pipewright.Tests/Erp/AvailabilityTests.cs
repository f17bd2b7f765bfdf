using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Common.Data;
using Pipewright.Tests.Catalog;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Erp;

/// <summary>The built-in ERP: stock on hand and weekly capacity kept in Pipewright.</summary>
public sealed class AvailabilityTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    private async Task<string> ProductWithStockAsync(decimal? onHand, decimal? weeklyCapacity)
    {
        var finance = await app.SignInAsync("finance");
        var model = PipewrightApp.Unique("Q41F-16P DN");
        var created = await finance.PostAsJsonAsync("/api/v1/products", new { model, name = "法兰球阀", category = "球阀", unit = "台", listPrice = 800m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        if (onHand is not null)
        {
            var set = await finance.PutAsJsonAsync($"/api/v1/erp/stock/{Uri.EscapeDataString(model)}", new { onHand, weeklyCapacity });
            Assert.True(set.StatusCode == HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        }
        return model;
    }

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), ChinaTime.Zone).DateTime);

    private static async Task<JsonObject> AskAsync(HttpClient client, string model, decimal quantity, DateOnly? needBy = null) =>
        (await client.GetFromJsonAsync<JsonObject>(
            $"/api/v1/erp/availability?model={Uri.EscapeDataString(model)}&quantity={quantity}" + (needBy is { } d ? $"&needBy={d:yyyy-MM-dd}" : "")))!;

    [Fact]
    public async Task Stock_on_hand_ships_today_and_a_shortfall_waits_whole_weeks_of_capacity()
    {
        var model = await ProductWithStockAsync(onHand: 10, weeklyCapacity: 8);
        var rep = await app.SignInAsync("rep1");

        var covered = await AskAsync(rep, model, 10, Today.AddDays(3));
        Assert.Equal(model, covered["model"]!.GetValue<string>());
        Assert.Equal(10m, covered["available"]!.GetValue<decimal>());
        Assert.Equal(Today.ToString("yyyy-MM-dd"), covered["earliestDate"]!.GetValue<string>());
        Assert.True(covered["canMeet"]!.GetValue<bool>());
        Assert.Equal("builtin", covered["source"]!.GetValue<string>());

        // 30 wanted, 10 on hand: 20 to make at 8 a week is three weeks.
        var shortfall = await AskAsync(rep, model, 30, Today.AddDays(21));
        Assert.Equal(Today.AddDays(21).ToString("yyyy-MM-dd"), shortfall["earliestDate"]!.GetValue<string>());
        Assert.True(shortfall["canMeet"]!.GetValue<bool>());

        var tooSoon = await AskAsync(rep, model, 30, Today.AddDays(20));
        Assert.False(tooSoon["canMeet"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Without_capacity_a_shortfall_can_never_be_met_and_an_unrecorded_model_is_unknown()
    {
        var noCapacity = await ProductWithStockAsync(onHand: 0, weeklyCapacity: 0);
        var rep = await app.SignInAsync("rep2");
        var never = await AskAsync(rep, noCapacity, 1);
        Assert.Null(never["earliestDate"]);
        Assert.False(never["canMeet"]!.GetValue<bool>());

        var unrecorded = await ProductWithStockAsync(onHand: null, weeklyCapacity: null);
        var unknown = await AskAsync(rep, unrecorded, 1);
        Assert.Null(unknown["canMeet"]);
        Assert.Equal("unknownModel", unknown["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_question_without_model_or_with_no_quantity_is_a_400_per_field()
    {
        var rep = await app.SignInAsync("rep1");
        var response = await rep.GetAsync("/api/v1/erp/availability?quantity=0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await PipewrightApp.ReadAsync(response))["errors"]!.AsObject();
        Assert.Equal("请填写型号。", errors["model"]![0]!.GetValue<string>());
        Assert.Equal("数量必须大于 0。", errors["quantity"]![0]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.BadRequest, (await rep.GetAsync("/api/v1/erp/availability?model=X&quantity=1&needBy=明天")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/erp/availability?model=X&quantity=1")).StatusCode);
    }

    [Fact]
    public async Task Stock_levels_are_imported_from_xlsx_and_listed_beside_the_catalog_only_by_their_keepers()
    {
        var model = await ProductWithStockAsync(onHand: null, weeklyCapacity: null);
        var admin = await app.AdminAsync();
        var response = await admin.PostAsync("/api/v1/erp/stock/import", ImportingProductsTests.Upload(new Dictionary<string, object>
        {
            ["库存产能"] = new[]
            {
                new Dictionary<string, object?> { ["型号"] = model.ToLowerInvariant(), ["库存"] = 25, ["周产能"] = 60 },
                new Dictionary<string, object?> { ["型号"] = "NOT-IN-CATALOG", ["库存"] = 1, ["周产能"] = 1 },
                new Dictionary<string, object?> { ["型号"] = model, ["库存"] = -3, ["周产能"] = 1 },
            },
        }));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await PipewrightApp.ReadAsync(response);
        Assert.Equal(1, result["updated"]!.GetValue<int>());
        Assert.Equal([3, 4], result["errors"]!.AsArray().Select(e => e!["row"]!.GetValue<int>()).Order());

        var rep = await app.SignInAsync("rep1");
        var listed = await rep.GetFromJsonAsync<JsonObject>($"/api/v1/erp/stock?search={Uri.EscapeDataString(model)}");
        var row = Assert.Single(listed!["items"]!.AsArray())!;
        Assert.Equal(25m, row["onHand"]!.GetValue<decimal>());
        Assert.Equal(60m, row["weeklyCapacity"]!.GetValue<decimal>());

        Assert.Equal(HttpStatusCode.Forbidden,
            (await rep.PutAsJsonAsync($"/api/v1/erp/stock/{Uri.EscapeDataString(model)}", new { onHand = 1, weeklyCapacity = 1 })).StatusCode);
        var negative = await admin.PutAsJsonAsync($"/api/v1/erp/stock/{Uri.EscapeDataString(model)}", new { onHand = -1, weeklyCapacity = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.PutAsJsonAsync("/api/v1/erp/stock/NO-SUCH-MODEL", new { onHand = 1, weeklyCapacity = 1 })).StatusCode);
    }
}

/// <summary>A Pipewright configured with Erp:Mode=Http, pointed at a fake ERP that runs for the whole class.</summary>
public sealed class HttpErpApp : CompanyApp
{
    public ErpAdapterServer Erp { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Erp = await ErpAdapterServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Erp:Mode"] = "Http", ["Erp:BaseUrl"] = Erp.BaseUrl.ToString(), ["Erp:Token"] = ErpAdapterServer.Token,
        ["Erp:TimeoutSeconds"] = "5", ["Erp:Retries"] = "1",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Erp.DisposeAsync();
    }
}

public sealed class HttpErpEndpointTests(HttpErpApp app) : IClassFixture<HttpErpApp>
{
    [Fact]
    public async Task The_endpoint_asks_the_configured_erp_and_says_unknown_when_it_fails()
    {
        var rep = await app.SignInAsync("rep1");
        var known = await rep.GetFromJsonAsync<JsonObject>("/api/v1/erp/availability?model=Z41H-16C%20DN100&quantity=5&needBy=2026-12-20");
        Assert.Equal("http", known!["source"]!.GetValue<string>());
        Assert.True(known["canMeet"]!.GetValue<bool>());
        Assert.Equal(12m, known["available"]!.GetValue<decimal>());

        app.Erp.Mode = ErpAdapterServer.Behaviour.Error;
        var response = await rep.GetAsync("/api/v1/erp/availability?model=Z41H-16C%20DN100&quantity=6&needBy=2026-12-20");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var unknown = await PipewrightApp.ReadAsync(response);
        Assert.Null(unknown["canMeet"]);
        Assert.Equal("http", unknown["source"]!.GetValue<string>());
        Assert.Equal("unreachable", unknown["reason"]!.GetValue<string>());
        app.Erp.Mode = ErpAdapterServer.Behaviour.Answer;
    }
}
