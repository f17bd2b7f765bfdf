using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Organisation;

public sealed class SignInTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task The_bootstrap_admin_gets_a_bearer_token_with_its_expiry()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = PipewrightApp.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await PipewrightApp.ReadAsync(response);
        Assert.Equal("Bearer", token["tokenType"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(token["accessToken"]!.GetValue<string>()));
        Assert.True(token["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddHours(1));
    }

    [Theory]
    [InlineData("admin", "wrong-password")]
    [InlineData("nobody", "whatever-password")]
    public async Task A_wrong_user_name_or_password_is_a_401(string userName, string password)
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("用户名或密码不正确。", (await PipewrightApp.ReadAsync(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_fields_are_a_400()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await PipewrightApp.ReadAsync(response))["errors"]!.AsObject().ContainsKey("password"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var admin = await app.AdminAsync();
        await app.CreateUserAsync(admin, "lockme", "锁定测试", "SalesRep", null);
        var anonymous = app.Anonymous();
        for (var i = 0; i < 5; i++)
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "lockme", password = "wrong-" + i });
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "lockme", password = PipewrightApp.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("锁定", (await PipewrightApp.ReadAsync(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deactivated_user_can_no_longer_sign_in_and_their_token_stops_working()
    {
        var admin = await app.AdminAsync();
        var leaverId = await app.CreateUserAsync(admin, "leaver", "离职者", "SalesRep", app.Ningbo);
        var leaver = await app.SignInAsync("leaver");
        var customer = await CompanyApp.CreateCustomerAsync(leaver, new { name = PipewrightApp.Unique("离职者的客户") });

        var response = await admin.PostAsJsonAsync($"/api/v1/users/{leaverId}/deactivate", new { handoverToUserId = app.Users["rep2"] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var counts = await PipewrightApp.ReadAsync(response);
        Assert.Equal(1, counts["customers"]!.GetValue<int>());
        foreach (var key in new[] { "opportunities", "quotes", "tasks", "leads" }) Assert.NotNull(counts[key]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await leaver.GetAsync("/api/v1/customers")).StatusCode);
        var again = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName = "leaver", password = PipewrightApp.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);

        var successor = await app.SignInAsync("rep2");
        var moved = await successor.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customer["id"]}");
        Assert.Equal(app.Users["rep2"], moved!["ownerId"]!.GetValue<Guid>());
        var history = await successor.GetFromJsonAsync<JsonObject>($"/api/v1/audit?entityType=Customer&entityId={customer["id"]}");
        Assert.Contains(history!["items"]!.AsArray(), i => i!["changes"]!.AsArray().Any(c => c!["field"]!.GetValue<string>() == "OwnerId"));
    }
}

/// <summary>A host whose sign-in limit is low enough to reach in a test.</summary>
public sealed class RateLimitedApp : PipewrightApp
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimits:SignInPerMinute"] = "3",
    };
}

public sealed class SignInRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_client_are_a_429()
    {
        var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = "nope-nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
