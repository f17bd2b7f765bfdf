using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Tasks;

/// <summary>
/// The test company plus an engineering department (技术部, managed by 吴工) whose engineers each test creates
/// with its own unique product categories, so routing counts never mix between tests.
/// The reminder/escalation job is off: tests run the sweep themselves after moving the clock.
/// </summary>
public sealed class TasksApp : CompanyApp
{
    public Guid Engineering { get; private set; }

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Tasks:SweepEnabled"] = "false" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = await AdminAsync();
        var manager = await CreateUserAsync(admin, "engmanager", "吴工", "Engineer", null);
        var response = await admin.PostAsJsonAsync("/api/v1/teams", new { name = "技术部", managerId = manager });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Engineering = (await ReadAsync(response))["id"]!.GetValue<Guid>();
    }

    /// <summary>An engineer of 技术部 with the given specialties; their user name.</summary>
    public async Task<(string UserName, Guid Id)> EngineerAsync(params string[] specialties)
    {
        var admin = await AdminAsync();
        var userName = Unique("eng");
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName, displayName = "工程师" + userName[^4..], password = Password, roles = new[] { "Engineer" }, teamId = Engineering, specialties,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await ReadAsync(response))["id"]!.GetValue<Guid>();
        Users[userName] = id;
        return (userName, id);
    }

    /// <summary>A customer and an open opportunity of the given rep; the opportunity's id.</summary>
    public static async Task<Guid> OpportunityAsync(HttpClient rep)
    {
        var customer = await CreateCustomerAsync(rep, new { name = Unique("宁波阀门用户") + "有限公司" });
        var response = await rep.PostAsJsonAsync("/api/v1/opportunities", new { customerId = customer["id"]!.GetValue<Guid>(), title = "管网改造阀门" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ReadAsync(response))["id"]!.GetValue<Guid>();
    }

    public static async Task<JsonObject> RequestAsync(HttpClient rep, Guid opportunityId, string category, DateTimeOffset? dueAt = null)
    {
        var response = await rep.PostAsJsonAsync($"/api/v1/opportunities/{opportunityId}/tech-requests",
            new { productCategory = category, description = "DN200 PN16 热水管线，请确认选型", dueAt });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await ReadAsync(response);
    }

    public static string Category(string name) => name + Unique("-");
}
