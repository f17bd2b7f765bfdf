using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;
using static Pipewright.Tests.Leads.LeadsTestHelpers;

namespace Pipewright.Tests.Leads;

public sealed class WorkingLeadsTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    private async Task<Guid> NewLeadForAsync(string owner, string? company = null, string? mobile = null)
    {
        var form = await CreateFormAsync(await app.SignInAsync(owner), new { name = "官网询价", channel = "website" });
        return await SubmitAsync(app.Anonymous(), form["formKey"]!.GetValue<string>(),
            new { companyName = company ?? PipewrightApp.Unique("杭州测试机械"), contactName = "客户", mobile = mobile ?? Mobile() });
    }

    [Fact]
    public async Task The_inbox_moves_a_lead_through_its_statuses_and_disqualifying_needs_a_reason()
    {
        var rep1 = await app.SignInAsync("rep1");
        var id = await NewLeadForAsync("rep1");

        var contacted = await rep1.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status = "contacted" });
        Assert.Equal(HttpStatusCode.OK, contacted.StatusCode);
        Assert.Contains(id, await InboxAsync(rep1, "contacted"));
        Assert.DoesNotContain(id, await InboxAsync(rep1, "new"));

        var noReason = await ErrorsAsync(await rep1.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status = "disqualified" }));
        Assert.Equal("作废线索请填写原因。", noReason["reason"][0]);
        var badStatus = await ErrorsAsync(await rep1.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status = "won" }));
        Assert.True(badStatus.ContainsKey("status"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await rep1.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status = "converted" })).StatusCode);

        var disqualified = await PipewrightApp.ReadAsync(await rep1.PostAsJsonAsync($"/api/v1/leads/{id}/status",
            new { status = "disqualified", reason = "同行询价" }));
        Assert.Equal("disqualified", disqualified["status"]!.GetValue<string>());
        Assert.Equal("同行询价", disqualified["disqualifyReason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await rep1.PostAsJsonAsync($"/api/v1/leads/{id}/convert", new { })).StatusCode);

        var counts = await rep1.GetFromJsonAsync<JsonArray>("/api/v1/leads/counts");
        Assert.True(counts!.Single(c => c!["status"]!.GetValue<string>() == "disqualified")!["count"]!.GetValue<int>() >= 1);

        var history = await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/audit?entityType=Lead&entityId={id}");
        Assert.Contains(history!["items"]!.AsArray(), i => i!["changes"]!.AsArray().Any(c => c!["field"]!.GetValue<string>() == "Status"));
    }

    [Fact]
    public async Task Converting_twice_is_refused_and_names_what_the_lead_became()
    {
        var rep1 = await app.SignInAsync("rep1");
        var id = await NewLeadForAsync("rep1");
        var first = await PipewrightApp.ReadAsync(await rep1.PostAsJsonAsync($"/api/v1/leads/{id}/convert", new { }));

        var second = await rep1.PostAsJsonAsync($"/api/v1/leads/{id}/convert", new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        var problem = await PipewrightApp.ReadAsync(second);
        Assert.Equal(first["customerId"]!.GetValue<Guid>(), problem["customerId"]!.GetValue<Guid>());
        Assert.Equal(first["opportunityId"]!.GetValue<Guid>(), problem["opportunityId"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await rep1.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status = "new" })).StatusCode);
    }

    [Fact]
    public async Task Leads_are_seen_within_ones_data_scope_and_managers_reassign_them()
    {
        var id = await NewLeadForAsync("rep1");
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("southrep")).GetAsync($"/api/v1/leads/{id}")).StatusCode);
        Assert.DoesNotContain(id, await InboxAsync(await app.SignInAsync("southrep")));
        Assert.Contains(id, await InboxAsync(await app.SignInAsync("finance")));
        Assert.Contains(id, await InboxAsync(await app.SignInAsync("eastmanager")));
        Assert.Equal(HttpStatusCode.NotFound,
            (await (await app.SignInAsync("southrep")).PostAsJsonAsync($"/api/v1/leads/{id}/convert", new { })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden,
            (await (await app.SignInAsync("rep1")).PostAsJsonAsync($"/api/v1/leads/{id}/assign", new { ownerId = app.Users["rep2"] })).StatusCode);
        var manager = await app.SignInAsync("eastmanager");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await manager.PostAsJsonAsync($"/api/v1/leads/{id}/assign", new { ownerId = app.Users["southrep"] })).StatusCode);
        var moved = await manager.PostAsJsonAsync($"/api/v1/leads/{id}/assign", new { ownerId = app.Users["rep2"] });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains(id, await InboxAsync(await app.SignInAsync("rep2")));
        Assert.DoesNotContain(id, await InboxAsync(await app.SignInAsync("rep1")));

        var bad = await manager.GetAsync("/api/v1/leads?status=won&pageSize=500");
        var errors = await ErrorsAsync(bad);
        Assert.True(errors.ContainsKey("status") && errors.ContainsKey("pageSize"));
    }

    [Fact]
    public async Task The_first_response_is_the_owners_first_follow_up_or_marking_the_lead_contacted()
    {
        var rep1 = await app.SignInAsync("rep1");
        var mobile = Mobile();
        var customer = await CompanyApp.CreateCustomerAsync(rep1, new
        {
            name = PipewrightApp.Unique("台州跟进测试泵业"), contacts = new[] { new { name = "吴工", mobile } },
        });
        var customerId = customer["id"]!.GetValue<Guid>();
        var id = await NewLeadForAsync("rep1", mobile: mobile);
        var created = (await LeadAsync(rep1, id))["createdAt"]!.GetValue<DateTimeOffset>();

        app.Clock.Advance(TimeSpan.FromMinutes(90));
        await RecordFollowUpAsync(customerId, "eastmanager"); // not the owner: no response
        Assert.Null((await LeadAsync(rep1, id))["firstRespondedAt"]);

        await RecordFollowUpAsync(customerId, "rep1");
        rep1 = await app.SignInAsync("rep1");
        var lead = await LeadAsync(rep1, id);
        Assert.Equal(90, lead["firstResponseMinutes"]!.GetValue<int>(), tolerance: 1);
        Assert.True(lead["firstRespondedAt"]!.GetValue<DateTimeOffset>() > created);

        // Marking it contacted later does not move the first response.
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await rep1.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status = "contacted" });
        Assert.Equal(90, (await LeadAsync(rep1, id))["firstResponseMinutes"]!.GetValue<int>(), tolerance: 1);

        // Without a follow-up, the owner marking the lead contacted is the response; a manager doing it is not.
        var other = await NewLeadForAsync("rep1");
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await (await app.SignInAsync("eastmanager")).PostAsJsonAsync($"/api/v1/leads/{other}/status", new { status = "contacted" });
        Assert.Null((await LeadAsync(rep1, other))["firstRespondedAt"]);
        await (await app.SignInAsync("rep1")).PostAsJsonAsync($"/api/v1/leads/{other}/status", new { status = "qualified" });
        Assert.Equal(20, (await LeadAsync(await app.SignInAsync("rep1"), other))["firstResponseMinutes"]!.GetValue<int>(), tolerance: 1);
    }

    [Fact]
    public async Task A_departing_reps_open_leads_go_to_the_successor()
    {
        var admin = await app.AdminAsync();
        var leaverId = await app.CreateUserAsync(admin, PipewrightApp.Unique("leaver"), "离职销售", "SalesRep", app.Ningbo);
        var leaverName = app.Users.Single(u => u.Value == leaverId).Key;
        var open = await NewLeadForAsync(leaverName);
        var closed = await NewLeadForAsync(leaverName);
        await (await app.SignInAsync(leaverName)).PostAsJsonAsync($"/api/v1/leads/{closed}/status", new { status = "disqualified", reason = "无效" });

        var response = await admin.PostAsJsonAsync($"/api/v1/users/{leaverId}/deactivate", new { handoverToUserId = app.Users["rep2"] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await PipewrightApp.ReadAsync(response))["leads"]!.GetValue<int>());
        var rep2 = await app.SignInAsync("rep2");
        Assert.Equal(app.Users["rep2"], (await LeadAsync(rep2, open))["ownerId"]!.GetValue<Guid>());
        Assert.Equal(leaverId, (await LeadAsync(await app.SignInAsync("eastmanager"), closed))["ownerId"]!.GetValue<Guid>());
    }

    private async Task RecordFollowUpAsync(Guid customerId, string userName)
    {
        var response = await (await app.SignInAsync(userName)).PostAsJsonAsync("/api/v1/activities",
            new { customerId, kind = "call", content = "电话沟通需求" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
