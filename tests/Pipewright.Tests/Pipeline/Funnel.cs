using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Catalog;
using Pipewright.Common;
using Pipewright.Common.Data;
using Pipewright.Tests.Activities;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Pipeline;

/// <summary>What the funnel tests do through the API: open deals, post requirement values, record evidence.</summary>
internal static class Funnel
{
    public static async Task<JsonObject> OpenDealAsync(HttpClient client, string customerName, object? extra = null)
    {
        var customer = await CompanyApp.CreateCustomerAsync(client, new { name = PipewrightApp.Unique(customerName) });
        var body = JsonSerializerNode(extra);
        body["customerId"] = customer["id"]!.GetValue<Guid>();
        body["title"] ??= "DN200 闸阀 120 台";
        var response = await client.PostAsJsonAsync("/api/v1/opportunities", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await PipewrightApp.ReadAsync(response);
    }

    private static JsonObject JsonSerializerNode(object? extra) =>
        extra is null ? [] : System.Text.Json.JsonSerializer.SerializeToNode(extra, System.Text.Json.JsonSerializerOptions.Web)!.AsObject();

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid id, string requirement, object values, Guid[]? attachmentIds = null, int? version = null) =>
        client.PostAsJsonAsync($"/api/v1/opportunities/{id}/requirements/{requirement}", new { values, attachmentIds, version });

    /// <summary>Posts values that must be accepted; the deal afterwards.</summary>
    public static async Task<JsonObject> CompleteAsync(HttpClient client, Guid id, string requirement, object values, Guid[]? attachmentIds = null)
    {
        var response = await PostAsync(client, id, requirement, values, attachmentIds);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await PipewrightApp.ReadAsync(response);
    }

    public static async Task<JsonObject> GetAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/opportunities/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PipewrightApp.ReadAsync(response);
    }

    public static string Stage(JsonObject deal) => deal["stage"]!["key"]!.GetValue<string>();

    public static async Task<Guid> UploadAsync(HttpClient client, byte[] content, string fileName, string contentType)
    {
        var response = await client.PostAsync("/api/v1/attachments", TestFiles.Form(content, fileName, contentType));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await PipewrightApp.ReadAsync(response))["id"]!.GetValue<Guid>();
    }

    public static async Task RecordVisitAsync(HttpClient client, JsonObject deal, params Guid[] attachmentIds)
    {
        var response = await client.PostAsJsonAsync("/api/v1/activities", new
        {
            customerId = deal["customerId"]!.GetValue<Guid>(), opportunityId = deal["id"]!.GetValue<Guid>(), kind = "visit",
            content = "现场勘测：产线 DN200 管道，蒸汽介质，拍了阀位照片", attachmentIds,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A catalog model, written straight to the database (the catalog's API is another module's work).</summary>
    public static async Task<Guid> AddProductAsync(PipewrightApp app, string model)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        var product = new Product
        {
            Model = model, ModelKey = Product.KeyOf(model), Name = "闸阀", Category = "闸阀", ListPrice = Money.FromYuan(3200m),
            CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
        };
        db.Add(product);
        await db.SaveChangesAsync();
        return product.Id;
    }

    public static object TechMatch => new
    {
        lineRate = 12, medium = "蒸汽", pressure = 1.6, temperature = 220, connection = "法兰", materials = new[] { "WCB 碳钢" }, explosionProof = false,
    };

    public static object NeedsSurvey => new { application = "热电厂蒸汽管线改造", quantity = 120, purchaseMode = "比价", neededBy = "2026-06-30" };
}
