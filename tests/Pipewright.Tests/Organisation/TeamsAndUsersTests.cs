using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Organisation;

public sealed class TeamsAndUsersTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task Teams_form_a_tree_that_cannot_loop()
    {
        var admin = await app.AdminAsync();
        var region = await CompanyApp.CreateTeamAsync(admin, "华北区", null);
        var group = await CompanyApp.CreateTeamAsync(admin, "北京组", region);
        var teams = await admin.GetFromJsonAsync<JsonArray>("/api/v1/teams");
        Assert.Contains(teams!, t => t!["id"]!.GetValue<Guid>() == group && t["parentId"]!.GetValue<Guid>() == region);

        var loop = await admin.PutAsJsonAsync($"/api/v1/teams/{region}", new { name = "华北区", parentId = group });
        Assert.Equal(HttpStatusCode.BadRequest, loop.StatusCode);
        Assert.True((await PipewrightApp.ReadAsync(loop))["errors"]!.AsObject().ContainsKey("parentId"));
        var unknown = await admin.PostAsJsonAsync("/api/v1/teams", new { name = "孤儿组", parentId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Only_an_administrator_manages_teams_and_users()
    {
        var manager = await app.SignInAsync("eastmanager");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/v1/teams", new { name = "私设团队" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/v1/users",
            new { userName = "sneaky", displayName = "x", password = "Passw0rd-2026", roles = new[] { "Admin" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/v1/users/{app.Users["rep1"]}/deactivate",
            new { handoverToUserId = app.Users["rep2"] })).StatusCode);
    }

    [Fact]
    public async Task Creating_users_checks_roles_names_and_passwords()
    {
        var admin = await app.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "engineer2", displayName = "吴海涛", password = PipewrightApp.Password, roles = new[] { "Engineer" },
            specialties = new[] { "球阀", "蝶阀" }, mobile = "13800138000", email = "wu@example.cn",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await PipewrightApp.ReadAsync(created);
        Assert.Equal(["球阀", "蝶阀"], user["specialties"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("+8613800138000", user["mobile"]!.GetValue<string>());

        var duplicate = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "engineer2", displayName = "重名", password = PipewrightApp.Password, roles = new[] { "Engineer" } });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var badRole = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "x1", displayName = "x", password = PipewrightApp.Password, roles = new[] { "Boss" } });
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        var shortPassword = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "x2", displayName = "x", password = "short", roles = new[] { "SalesRep" } });
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.True((await PipewrightApp.ReadAsync(shortPassword))["errors"]!.AsObject().ContainsKey("password"));
        var badName = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "有 空格", displayName = "x", password = PipewrightApp.Password, roles = new[] { "SalesRep" } });
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        var noTeam = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "x3", displayName = "x", password = PipewrightApp.Password, roles = new[] { "SalesRep" }, teamId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, noTeam.StatusCode);
    }

    [Fact]
    public async Task A_role_change_applies_to_the_next_request_without_signing_in_again()
    {
        var admin = await app.AdminAsync();
        var id = await app.CreateUserAsync(admin, "promoted", "晋升者", "SalesRep", app.South);
        var client = await app.SignInAsync("promoted");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit")).StatusCode);
        var update = await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { displayName = "晋升者", roles = new[] { "GeneralManager" }, teamId = app.South });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task Deactivation_needs_an_active_successor_other_than_the_leaver()
    {
        var admin = await app.AdminAsync();
        var id = await app.CreateUserAsync(admin, "leaver2", "离职二", "SalesRep", app.Ningbo);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/users/{id}/deactivate", new { handoverToUserId = id })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/users/{id}/deactivate", new { handoverToUserId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/users/{id}/deactivate", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/v1/users/{Guid.NewGuid()}/deactivate", new { handoverToUserId = id })).StatusCode);
    }

    [Fact]
    public async Task A_renamed_owner_shows_under_the_new_name_in_customer_lists_at_once()
    {
        var admin = await app.AdminAsync();
        var id = await app.CreateUserAsync(admin, "renamed", "旧名字", "SalesRep", app.Ningbo);
        var rep = await app.SignInAsync("renamed");
        var customer = await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("改名测试") });
        var search = $"/api/v1/customers?search={Uri.EscapeDataString(customer["name"]!.GetValue<string>())}";
        Assert.Equal("旧名字", (await rep.GetFromJsonAsync<JsonObject>(search))!["items"]![0]!["ownerName"]!.GetValue<string>());

        var update = await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { displayName = "新名字", roles = new[] { "SalesRep" }, teamId = app.Ningbo });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("新名字", (await rep.GetFromJsonAsync<JsonObject>(search))!["items"]![0]!["ownerName"]!.GetValue<string>());
    }
}
