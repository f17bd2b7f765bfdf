using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Catalog;
using Pipewright.Common;
using Pipewright.Common.Data;
using Pipewright.Erp;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Quotes;

/// <summary>Catalog products and stock made directly in the database (the catalog API lives in another module), deals and quotes through the API.</summary>
public static class QuoteTestData
{
    public static async Task<PipewrightDb> DbAsync(PipewrightApp app) =>
        await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();

    public static async Task<Product> ProductAsync(PipewrightApp app, decimal listPrice, decimal? unitCost = null, decimal? floorPrice = null,
        bool active = true, string? model = null, params (string Group, string Value, decimal Price, decimal Cost)[] options)
    {
        await using var db = await DbAsync(app);
        model ??= PipewrightApp.Unique("Z41H-16C DN");
        var product = new Product
        {
            Model = model, ModelKey = Product.KeyOf(model), Name = "法兰闸阀", Category = "闸阀", Unit = "台",
            ListPrice = Money.FromYuan(listPrice), UnitCost = unitCost is { } c ? Money.FromYuan(c) : null,
            FloorPrice = floorPrice is { } f ? Money.FromYuan(f) : null, IsActive = active,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        product.Options = [.. options.Select(o => new ProductOption
            { ProductId = product.Id, Group = o.Group, Value = o.Value, PriceDelta = Money.FromYuan(o.Price), CostDelta = Money.FromYuan(o.Cost) })];
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product;
    }

    public static async Task StockAsync(PipewrightApp app, string model, decimal onHand, decimal weeklyCapacity)
    {
        await using var db = await DbAsync(app);
        db.StockLevels.Add(new StockLevel { ModelKey = Product.KeyOf(model), OnHand = onHand, WeeklyCapacity = weeklyCapacity, UpdatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    /// <summary>A new customer and an open deal on it, owned by the client's user.</summary>
    public static async Task<(Guid CustomerId, Guid OpportunityId, string CustomerName)> DealAsync(HttpClient client, string? name = null, string? creditCode = null)
    {
        name ??= PipewrightApp.Unique("宁波博远阀门") + "有限公司";
        var customer = await CompanyApp.CreateCustomerAsync(client, new { name, creditCode, ignoreSimilar = true });
        var customerId = customer["id"]!.GetValue<Guid>();
        var response = await client.PostAsJsonAsync("/api/v1/opportunities", new { customerId, title = "DN100 闸阀改造" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (customerId, (await PipewrightApp.ReadAsync(response))["id"]!.GetValue<Guid>(), name);
    }

    public static async Task<JsonObject> QuoteAsync(HttpClient client, Guid opportunityId, Guid productId, decimal quantity, decimal unitPrice,
        DateOnly? promisedDeliveryDate = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/quotes",
            new { opportunityId, lines = new[] { new { productId, quantity, unitPrice } }, promisedDeliveryDate });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await PipewrightApp.ReadAsync(response);
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string path, object? body = null)
    {
        var response = await client.PostAsJsonAsync(path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    public static async Task<JsonArray> InboxAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/approvals?status=pending");
        response.EnsureSuccessStatusCode();
        return (await PipewrightApp.ReadAsync(response))["items"]!.AsArray();
    }

    public static async Task<JsonObject> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await PipewrightApp.ReadAsync(response);
    }
}
