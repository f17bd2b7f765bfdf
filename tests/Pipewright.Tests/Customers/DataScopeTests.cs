using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Customers;

public sealed class DataScopeTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task A_sales_rep_asking_for_another_reps_customer_gets_404()
    {
        var owner = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(owner, new { name = PipewrightApp.Unique("私有客户") });
        var id = customer["id"]!.GetValue<Guid>();

        var colleague = await app.SignInAsync("rep2");
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/api/v1/customers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.PutAsJsonAsync($"/api/v1/customers/{id}",
            new { name = "抢走", version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.PostAsJsonAsync($"/api/v1/customers/{id}/contacts",
            new { name = "张三" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/api/v1/audit?entityType=Customer&entityId={id}")).StatusCode);
        var list = await colleague.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(customer["name"]!.GetValue<string>())}");
        Assert.Equal(0, list!["total"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/customers/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_regional_manager_sees_the_customers_of_their_team_tree_and_no_others()
    {
        var ningboRep = await app.SignInAsync("rep2");
        var inRegion = await CompanyApp.CreateCustomerAsync(ningboRep, new { name = PipewrightApp.Unique("华东客户") });
        var southRep = await app.SignInAsync("southrep");
        var outside = await CompanyApp.CreateCustomerAsync(southRep, new { name = PipewrightApp.Unique("华南客户") });

        var manager = await app.SignInAsync("eastmanager");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/customers/{inRegion["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/customers/{outside["id"]}")).StatusCode);
    }

    [Theory]
    [InlineData("finance")]
    [InlineData("gm")]
    public async Task Finance_and_the_general_manager_see_every_customer(string userName)
    {
        var southRep = await app.SignInAsync("southrep");
        var customer = await CompanyApp.CreateCustomerAsync(southRep, new { name = PipewrightApp.Unique("全局可见") });
        var client = await app.SignInAsync(userName);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/customers/{customer["id"]}")).StatusCode);
    }

    [Fact]
    public async Task An_engineer_sees_no_customers_until_a_task_gives_them_one()
    {
        var rep = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("工程师看不到") });
        var engineer = await app.SignInAsync("engineer");
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync($"/api/v1/customers/{customer["id"]}")).StatusCode);
    }

    [Fact]
    public async Task A_sales_rep_cannot_give_a_customer_to_someone_outside_their_scope()
    {
        var rep = await app.SignInAsync("rep1");
        var response = await rep.PostAsJsonAsync("/api/v1/customers",
            new { name = PipewrightApp.Unique("转给别人"), ownerId = app.Users["southrep"] });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        var manager = await app.SignInAsync("eastmanager");
        var assigned = await CompanyApp.CreateCustomerAsync(manager, new { name = PipewrightApp.Unique("分配给组员"), ownerId = app.Users["rep1"] });
        Assert.Equal(app.Users["rep1"], assigned["ownerId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_calls_without_a_token_are_401()
    {
        var rep = await app.SignInAsync("rep1");
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/api/v1/customers/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync("/api/v1/customers/not-a-guid")).StatusCode);

        var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync("/api/v1/customers");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "forged-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/customers")).StatusCode);
    }
}
