using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pipewright.Tests.Infrastructure;
using Pipewright.Tests.PublicPool;

namespace Pipewright.Tests.Organisation;

public sealed partial class HandoverTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task Deactivating_hands_everything_over_in_one_step_keeps_history_tells_the_successor_and_signs_the_leaver_out()
    {
        var admin = await app.AdminAsync();
        var (leaverId, leaverName) = await app.NewRepAsync("leaver");
        var leaver = await app.SignInAsync(leaverName);
        var browser = await CookieSignInAsync(leaverName);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/customers")).StatusCode);
        var first = await PoolTesting.NewCustomerAsync(leaver);
        var second = await PoolTesting.NewCustomerAsync(leaver);
        Assert.Equal(HttpStatusCode.Created, (await leaver.PostAsJsonAsync("/api/v1/opportunities", new { customerId = first, title = "蝶阀替换项目" })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("eastmanager")).GetAsync($"/api/v1/users/{leaverId}/handover-preview")).StatusCode);
        var preview = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{leaverId}/handover-preview"))!;
        Assert.Equal(2, preview["customers"]!.GetValue<int>());
        Assert.Equal(1, preview["opportunities"]!.GetValue<int>());

        var (successorId, successorName) = await app.NewRepAsync("successor");
        var response = await admin.PostAsJsonAsync($"/api/v1/users/{leaverId}/deactivate", new { handoverToUserId = successorId });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var counts = await PipewrightApp.ReadAsync(response);
        Assert.Equal(new Dictionary<string, int> { ["customers"] = 2, ["opportunities"] = 1, ["quotes"] = 0, ["tasks"] = 0, ["leads"] = 0 },
            counts.ToDictionary(c => c.Key, c => c.Value!.GetValue<int>()));

        // Signed out everywhere: the token and the browser's cookie fail on their next request.
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaver.GetAsync("/api/v1/users/me")).StatusCode);
        var page = await browser.GetAsync("/customers");
        Assert.Contains("/login", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.False((await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName = leaverName, password = PipewrightApp.Password })).IsSuccessStatusCode);

        var successor = await app.SignInAsync(successorName);
        var customer = (await successor.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{first}"))!;
        Assert.Equal(successorId, customer["ownerId"]!.GetValue<Guid>());
        var history = (await successor.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{second}/ownership"))!;
        Assert.Equal("handover", history[0]!["reason"]!.GetValue<string>());
        Assert.Equal(leaverId, history[0]!["fromUserId"]!.GetValue<Guid>());
        Assert.Equal(successorId, history[0]!["toUserId"]!.GetValue<Guid>());

        // The funnel follows the deal to its new owner: the successor's own numbers now hold it, the leaver's do not.
        var funnel = (await successor.GetFromJsonAsync<JsonObject>("/api/v1/reports/funnel"))!;
        Assert.Equal(1, funnel["stages"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "initial")!["count"]!.GetValue<int>());
        var leaversFunnel = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/reports/funnel?ownerId={leaverId}"))!;
        Assert.All(leaversFunnel["stages"]!.AsArray(), s => Assert.Equal(0, s!["count"]!.GetValue<int>()));

        var notice = Assert.Single(await PoolTesting.NotificationsAsync(successor));
        Assert.Equal("handover", notice!["kind"]!.GetValue<string>());
        Assert.Contains("客户 2 个、商机 1 个", notice["body"]!.GetValue<string>());
        Assert.Equal(1, (await successor.GetFromJsonAsync<JsonObject>("/api/v1/notifications/unread-count"))!["unread"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_successor_must_be_someone_else_who_is_still_active()
    {
        var admin = await app.AdminAsync();
        var (leaverId, _) = await app.NewRepAsync("leaver");
        var (goneId, _) = await app.NewRepAsync("gone");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/users/{goneId}/deactivate", new { handoverToUserId = app.Users["rep1"] })).StatusCode);

        var toInactive = await admin.PostAsJsonAsync($"/api/v1/users/{leaverId}/deactivate", new { handoverToUserId = goneId });
        Assert.Equal(HttpStatusCode.BadRequest, toInactive.StatusCode);
        Assert.Contains("交接人", (await PipewrightApp.ReadAsync(toInactive))["errors"]!["handoverToUserId"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/users/{leaverId}/deactivate", new { handoverToUserId = leaverId })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostAsJsonAsync($"/api/v1/users/{goneId}/deactivate", new { handoverToUserId = app.Users["rep1"] })).StatusCode);
    }

    /// <summary>Signs in through the login form, as a browser does: a client holding the auth cookie.</summary>
    private async Task<HttpClient> CookieSignInAsync(string userName)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var form = await client.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = userName, ["password"] = PipewrightApp.Password, ["returnUrl"] = "/",
        }));
        Assert.DoesNotContain("/login", response.RequestMessage!.RequestUri!.AbsolutePath);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
