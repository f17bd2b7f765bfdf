using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.PublicPool;

/// <summary>The pool's rules change here, so these tests have a company of their own.</summary>
public sealed class PoolRulesTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task Rules_start_from_the_defaults_and_only_an_administrator_changes_them_with_an_audit_trail()
    {
        var rep = await app.SignInAsync("rep1");
        var rules = (await rep.GetFromJsonAsync<JsonObject>("/api/v1/pool/rules"))!;
        Assert.Equal(30, rules["levels"]!.AsArray().Single(l => (string)l!["level"]! == "C")!["daysWithoutFollowUp"]!.GetValue<int>());
        Assert.True(rules["exemptWonCustomers"]!.GetValue<bool>());
        Assert.Equal(3, rules["reminderDaysBefore"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PutAsJsonAsync("/api/v1/pool/rules", rules)).StatusCode);

        var admin = await app.AdminAsync();
        rules["dailyClaimQuota"] = 0;
        rules["levels"]![0]!["daysWithoutFollowUp"] = 2;
        var invalid = await admin.PutAsJsonAsync("/api/v1/pool/rules", rules);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await PipewrightApp.ReadAsync(invalid))["errors"]!.AsObject();
        Assert.Contains("每日领取上限", errors["dailyClaimQuota"]![0]!.GetValue<string>());

        rules["dailyClaimQuota"] = 5;
        var reminderTooLate = await admin.PutAsJsonAsync("/api/v1/pool/rules", rules);
        Assert.Equal(HttpStatusCode.BadRequest, reminderTooLate.StatusCode);
        Assert.True((await PipewrightApp.ReadAsync(reminderTooLate))["errors"]!.AsObject().ContainsKey("reminderDaysBefore"));

        rules["levels"]![0]!["daysWithoutFollowUp"] = 90;
        rules["levels"]![2]!["daysWithoutOpportunity"] = null;
        var saved = await admin.PutAsJsonAsync("/api/v1/pool/rules", rules);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var again = (await rep.GetFromJsonAsync<JsonObject>("/api/v1/pool/rules"))!;
        Assert.Equal(90, again["levels"]![0]!["daysWithoutFollowUp"]!.GetValue<int>());
        Assert.Null(again["levels"]![2]!["daysWithoutOpportunity"]);

        // A save from a stale form is refused rather than silently overwriting the newer rules.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync("/api/v1/pool/rules", rules)).StatusCode);
        var audit = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit?entityType=PoolRules"))!;
        Assert.NotEmpty(audit["items"]!.AsArray());
    }

    [Fact]
    public async Task The_cap_refuses_a_claim_and_unmasked_phones_show_when_masking_is_off()
    {
        var admin = await app.AdminAsync();
        var rules = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/pool/rules"))!;
        rules["maxCustomersPerOwner"] = 1;
        rules["maskPhonesInPool"] = false;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/pool/rules", rules)).StatusCode);

        var (_, holderName) = await app.NewRepAsync("cap");
        var holder = await app.SignInAsync(holderName);
        await PoolTesting.NewCustomerAsync(holder);
        var pooled = await PoolTesting.NewCustomerAsync(admin, mobile: "13900139000");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/customers/{pooled}/release", new { })).StatusCode);

        var seen = (await holder.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{pooled}"))!;
        Assert.Equal("+8613900139000", seen["contacts"]![0]!["mobile"]!.GetValue<string>());
        var refused = await holder.PostAsync($"/api/v1/customers/{pooled}/claim", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("上限（1 个）", (await PipewrightApp.ReadAsync(refused))["detail"]!.GetValue<string>());
    }
}
