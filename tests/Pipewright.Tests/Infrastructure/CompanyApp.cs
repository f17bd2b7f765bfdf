using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pipewright.Tests.Infrastructure;

/// <summary>
/// A test host with a small company made through the API: 华东区 → 宁波组, 华南区, two reps in 宁波组,
/// a regional manager of 华东区, a rep in 华南区, finance, a general manager and an engineer.
/// </summary>
public class CompanyApp : PipewrightApp
{
    public Guid East { get; private set; }
    public Guid Ningbo { get; private set; }
    public Guid South { get; private set; }
    public Dictionary<string, Guid> Users { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = await AdminAsync();
        East = await CreateTeamAsync(admin, "华东区", null);
        Ningbo = await CreateTeamAsync(admin, "宁波组", East);
        South = await CreateTeamAsync(admin, "华南区", null);
        await CreateUserAsync(admin, "rep1", "王磊", "SalesRep", Ningbo);
        await CreateUserAsync(admin, "rep2", "李娜", "SalesRep", Ningbo);
        await CreateUserAsync(admin, "eastmanager", "陈静", "RegionalManager", East);
        await CreateUserAsync(admin, "southrep", "黄伟", "SalesRep", South);
        await CreateUserAsync(admin, "finance", "赵敏", "Finance", null);
        await CreateUserAsync(admin, "gm", "周建国", "GeneralManager", null);
        await CreateUserAsync(admin, "engineer", "李志强", "Engineer", null);
    }

    public static async Task<Guid> CreateTeamAsync(HttpClient admin, string name, Guid? parentId)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/teams", new { name, parentId });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await ReadAsync(response))["id"]!.GetValue<Guid>();
    }

    public async Task<Guid> CreateUserAsync(HttpClient admin, string userName, string displayName, string role, Guid? teamId)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/users",
            new { userName, displayName, password = Password, roles = new[] { role }, teamId });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var id = (await ReadAsync(response))["id"]!.GetValue<Guid>();
        Users[userName] = id;
        return id;
    }

    /// <summary>Creates a customer as the given client; its JSON.</summary>
    public static async Task<JsonObject> CreateCustomerAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/customers", body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await ReadAsync(response);
    }
}
