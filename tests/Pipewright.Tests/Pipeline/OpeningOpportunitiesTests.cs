using System.Net;
using System.Net.Http.Json;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Pipeline;

public sealed class OpeningOpportunitiesTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task A_new_deal_gets_an_SJ_code_starts_in_the_first_stage_and_is_hidden_from_other_reps()
    {
        var rep1 = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(rep1, new { name = PipewrightApp.Unique("宁波博远阀门") });

        var response = await rep1.PostAsJsonAsync("/api/v1/opportunities",
            new { customerId = customer["id"]!.GetValue<Guid>(), title = "DN200 闸阀 120 台", expectedAmount = 385000.5m });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var opportunity = await PipewrightApp.ReadAsync(response);
        Assert.Matches(@"^SJ\d{4}\d{5}$", opportunity["code"]!.GetValue<string>());
        Assert.Equal("initial", opportunity["stage"]!["key"]!.GetValue<string>());
        Assert.Equal("线索获取", opportunity["stage"]!["name"]!.GetValue<string>());
        Assert.Equal("open", opportunity["status"]!.GetValue<string>());
        Assert.Equal(385000.5m, opportunity["expectedAmount"]!.GetValue<decimal>());

        var id = opportunity["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await rep1.GetAsync($"/api/v1/opportunities/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("rep2")).GetAsync($"/api/v1/opportunities/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("eastmanager")).GetAsync($"/api/v1/opportunities/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_deal_on_a_customer_outside_ones_scope_is_refused()
    {
        var southRep = await app.SignInAsync("southrep");
        var customer = await CompanyApp.CreateCustomerAsync(southRep, new { name = PipewrightApp.Unique("广州华南泵业") });

        var response = await (await app.SignInAsync("rep1")).PostAsJsonAsync("/api/v1/opportunities",
            new { customerId = customer["id"]!.GetValue<Guid>(), title = "试探" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("customerId", (await PipewrightApp.ReadAsync(response))["errors"]!.AsObject().Select(e => e.Key));
    }
}
