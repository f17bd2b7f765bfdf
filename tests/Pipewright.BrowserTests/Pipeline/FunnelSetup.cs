using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.BrowserTests.Infrastructure;
using SkiaSharp;

namespace Pipewright.BrowserTests.Pipeline;

/// <summary>Deals arranged through the API around a scenario, as the salesperson would have built them up.</summary>
internal static class FunnelSetup
{
    /// <summary>A new deal of the caller's on a new customer; with amount, date and category it is past 线索获取 at once.</summary>
    public static async Task<JsonObject> OpenDealAsync(HttpClient client, string title)
    {
        var customer = await BrowserApp.CreateCustomerAsync(client, new { name = $"宁波{BrowserApp.UniqueChineseWord(4)}阀门有限公司" });
        var response = await client.PostAsJsonAsync("api/v1/opportunities", new
        {
            customerId = customer["id"]!.GetValue<Guid>(), title, expectedAmount = 268000, expectedCloseDate = "2026-12-31", productCategory = "闸阀",
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>
    /// Takes a deal through 需求确认 and meets every exit of 技术交流: a site visit with a photo, the technical match,
    /// and a technical evaluation that the engineer it was routed to completes.
    /// </summary>
    public static async Task MeetTechnicalExitsAsync(BrowserApp app, HttpClient client, JsonObject deal)
    {
        var id = deal["id"]!.GetValue<Guid>();
        await CompleteAsync(client, id, "needsSurvey", new { application = "热电厂蒸汽管线改造", quantity = 120, purchaseMode = "比价" });
        await CompleteAsync(client, id, "decisionMaker", new { decisionMaker = "林海峰" });

        using var form = new MultipartFormDataContent();
        var photo = new ByteArrayContent(Photo());
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(photo, "file", "现场.png");
        var upload = await client.PostAsync("api/v1/attachments", form);
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var photoId = (await upload.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var visit = await client.PostAsJsonAsync("api/v1/activities", new
        {
            customerId = deal["customerId"]!.GetValue<Guid>(), opportunityId = id, kind = "visit", content = "现场勘测：DN200 蒸汽管线，拍了阀位照片",
            attachmentIds = new[] { photoId },
        });
        Assert.True(visit.IsSuccessStatusCode, await visit.Content.ReadAsStringAsync());
        var technical = await CompleteAsync(client, id, "techMatch", new { lineRate = 12, medium = "蒸汽", pressure = 1.6 });
        Assert.Equal("technical", technical["stage"]!["key"]!.GetValue<string>());

        var request = await client.PostAsJsonAsync($"api/v1/opportunities/{id}/tech-requests", new { productCategory = "闸阀", description = "DN200 蒸汽管线选型确认" });
        Assert.True(request.IsSuccessStatusCode, await request.Content.ReadAsStringAsync());
        var task = (await request.Content.ReadFromJsonAsync<JsonObject>())!;
        var assignee = await client.GetFromJsonAsync<JsonObject>($"api/v1/users/{task["assigneeId"]!.GetValue<Guid>()}");
        var engineer = await app.ApiAsync(assignee!["userName"]!.GetValue<string>());
        var done = await engineer.PostAsJsonAsync($"api/v1/tasks/{task["taskId"]!.GetValue<Guid>()}/complete", new { note = "选型可行" });
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
    }

    public static async Task<JsonObject> CompleteAsync(HttpClient client, Guid id, string requirement, object values)
    {
        var response = await client.PostAsJsonAsync($"api/v1/opportunities/{id}/requirements/{requirement}", new { values });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static byte[] Photo()
    {
        using var bitmap = new SKBitmap(120, 90);
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(SKColors.SteelBlue);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
