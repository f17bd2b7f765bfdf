using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Leads;

internal static class LeadsTestHelpers
{
    public static async Task<JsonObject> CreateFormAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/lead-forms", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await PipewrightApp.ReadAsync(response);
    }

    public static async Task<Guid> SubmitAsync(HttpClient anonymous, string formKey, object body)
    {
        var response = await anonymous.PostAsJsonAsync($"/api/v1/public/forms/{formKey}/submissions", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await PipewrightApp.ReadAsync(response))["leadId"]!.GetValue<Guid>();
    }

    public static async Task<JsonObject> LeadAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/leads/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await PipewrightApp.ReadAsync(response);
    }

    public static async Task<List<Guid>> InboxAsync(HttpClient client, string? status = null)
    {
        var page = await client.GetFromJsonAsync<JsonObject>($"/api/v1/leads?pageSize=200{(status is null ? "" : "&status=" + status)}");
        return page!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
    }

    /// <summary>A Chinese mobile number no other test uses.</summary>
    public static string Mobile() => "139" + Random.Shared.Next(10_000_000, 99_999_999);

    public static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await PipewrightApp.ReadAsync(response);
        return body["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());
    }
}
