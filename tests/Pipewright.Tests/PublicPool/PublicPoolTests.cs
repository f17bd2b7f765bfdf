using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Ownership;
using Pipewright.Customers;
using Pipewright.Pipeline;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.PublicPool;

/// <summary>
/// The pool under the default rules (C: 30 days without a follow-up, reminder 3 days before), with the clock
/// moved. Each test makes its own reps, so that one test's quota or customers do not decide another's.
/// </summary>
public sealed class PublicPoolTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task A_C_level_customer_is_warned_once_at_27_days_and_returns_to_the_pool_at_30()
    {
        var (repId, repName) = await app.NewRepAsync("warn");
        var customerId = await PoolTesting.NewCustomerAsync(await app.SignInAsync(repName));

        app.Clock.Advance(26 * Day);
        await app.RunRulesAsync();
        var rep = await app.SignInAsync(repName);
        Assert.Empty(await PoolTesting.NotificationsAsync(rep));

        app.Clock.Advance(Day);
        var first = await app.RunRulesAsync();
        var second = await app.RunRulesAsync();
        Assert.True(first.Warned >= 1);
        Assert.Equal(0, second.Warned);
        rep = await app.SignInAsync(repName);
        var warning = Assert.Single(await PoolTesting.NotificationsAsync(rep));
        Assert.Equal("pool-warning", warning!["kind"]!.GetValue<string>());
        Assert.Contains("3 天", warning["body"]!.GetValue<string>());
        var customer = (await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customerId}"))!;
        Assert.NotNull(customer["poolReturnOn"]);
        var listed = (await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers?ownerId={repId}"))!["items"]!.AsArray();
        Assert.NotNull(Assert.Single(listed)!["poolReturnOn"]);

        app.Clock.Advance(2 * Day);
        await app.RunRulesAsync();
        await using (var db = await app.Db())
            Assert.Equal(repId, (await db.Customers.SingleAsync(c => c.Id == customerId)).OwnerId);

        app.Clock.Advance(Day);
        var returned = await app.RunRulesAsync();
        Assert.True(returned.Returned >= 1);
        Assert.Equal(0, (await app.RunRulesAsync()).Returned);
        rep = await app.SignInAsync(repName);
        customer = (await rep.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customerId}"))!;
        Assert.Null(customer["ownerId"]);
        Assert.Equal(repId, customer["previousOwnerId"]!.GetValue<Guid>());
        var notifications = await PoolTesting.NotificationsAsync(rep);
        Assert.Equal("pool-returned", notifications[0]!["kind"]!.GetValue<string>());
        var history = (await rep.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{customerId}/ownership"))!;
        Assert.Equal(["returnedByRule", "created"], history.Select(h => h!["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_follow_up_restarts_the_period_and_a_won_customer_is_exempt()
    {
        var (repId, repName) = await app.NewRepAsync("follow");
        var rep = await app.SignInAsync(repName);
        var followed = await PoolTesting.NewCustomerAsync(rep);
        var won = await PoolTesting.NewCustomerAsync(rep);
        var idle = await PoolTesting.NewCustomerAsync(rep);
        var deal = await rep.PostAsJsonAsync("/api/v1/opportunities", new { customerId = won, title = "DN100 球阀年度采购" });
        Assert.Equal(HttpStatusCode.Created, deal.StatusCode);
        await using (var db = await app.Db())
        {
            // Closing deals is the pipeline's own work, not yet served: mark it won directly.
            var opportunity = await db.Opportunities.SingleAsync(o => o.CustomerId == won);
            opportunity.Status = OpportunityStatus.Won;
            await db.SaveChangesAsync();
        }

        app.Clock.Advance(20 * Day);
        await app.FollowUpAsync(followed, repId);
        // A colleague's note does not count as the owner following up.
        await app.FollowUpAsync(idle, app.Users["eastmanager"]);
        app.Clock.Advance(15 * Day);
        await app.RunRulesAsync();

        await using (var db = await app.Db())
        {
            var owners = await db.Customers.Where(c => c.Id == followed || c.Id == won || c.Id == idle)
                .ToDictionaryAsync(c => c.Id, c => c.OwnerId);
            Assert.Equal(repId, owners[followed]);
            Assert.Equal(repId, owners[won]);
            Assert.Null(owners[idle]);
            Assert.Null((await db.Customers.SingleAsync(c => c.Id == followed)).PoolReturnOn);
        }

        app.Clock.Advance(12 * Day); // 27 days after the follow-up
        await app.RunRulesAsync();
        await using (var db = await app.Db())
            Assert.NotNull((await db.Customers.SingleAsync(c => c.Id == followed)).PoolReturnOn);
    }

    [Fact]
    public async Task A_successor_gets_a_full_period_from_the_day_of_the_handover()
    {
        var (leaverId, leaverName) = await app.NewRepAsync("leaver");
        var customerId = await PoolTesting.NewCustomerAsync(await app.SignInAsync(leaverName));
        app.Clock.Advance(25 * Day);
        var (successorId, _) = await app.NewRepAsync("heir");
        var admin = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/users/{leaverId}/deactivate", new { handoverToUserId = successorId })).StatusCode);

        app.Clock.Advance(10 * Day); // 35 days after creation, 10 after the handover
        await app.RunRulesAsync();
        await using var db = await app.Db();
        var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
        Assert.Equal(successorId, customer.OwnerId);
        Assert.Null(customer.PoolReturnOn);
    }

    [Fact]
    public async Task Contact_phones_are_masked_in_the_pool_and_shown_after_claiming()
    {
        var (_, ownerName) = await app.NewRepAsync("mask");
        var owner = await app.SignInAsync(ownerName);
        var customerId = await PoolTesting.NewCustomerAsync(owner, mobile: "13800138000");
        var released = await owner.PostAsJsonAsync($"/api/v1/customers/{customerId}/release", new { reason = "客户已转向其他供应商" });
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);

        var (claimerId, claimerName) = await app.NewRepAsync("claim");
        var claimer = await app.SignInAsync(claimerName);
        var pooled = (await claimer.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customerId}"))!;
        Assert.Equal("138****8000", pooled["contacts"]![0]!["mobile"]!.GetValue<string>());
        var pool = (await claimer.GetFromJsonAsync<JsonObject>($"/api/v1/customers?pool=true&search={Uri.EscapeDataString(pooled["name"]!.GetValue<string>())}"))!;
        Assert.Equal(customerId, Assert.Single(pool["items"]!.AsArray())!["id"]!.GetValue<Guid>());

        var engineer = await app.SignInAsync("engineer");
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync($"/api/v1/customers/{customerId}")).StatusCode);
        Assert.Empty((await engineer.GetFromJsonAsync<JsonObject>("/api/v1/customers?pool=true"))!["items"]!.AsArray());

        var claimed = await claimer.PostAsync($"/api/v1/customers/{customerId}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var mine = (await claimer.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customerId}"))!;
        Assert.Equal(claimerId, mine["ownerId"]!.GetValue<Guid>());
        Assert.Equal("+8613800138000", mine["contacts"]![0]!["mobile"]!.GetValue<string>());
        var history = (await claimer.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{customerId}/ownership"))!;
        Assert.Equal(["claimed", "released", "created"], history.Select(h => h!["reason"]!.GetValue<string>()));
        Assert.Equal("客户已转向其他供应商", history[1]!["note"]!.GetValue<string>());
        // The owner of a moment ago no longer sees it: it is someone else's customer now.
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/v1/customers/{customerId}")).StatusCode);
    }

    [Fact]
    public async Task Two_reps_claiming_at_once_get_one_winner()
    {
        var admin = await app.AdminAsync();
        var customerId = await PoolTesting.NewCustomerAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/customers/{customerId}/release", new { })).StatusCode);
        var first = await app.SignInAsync((await app.NewRepAsync("race")).UserName);
        var second = await app.SignInAsync((await app.NewRepAsync("race")).UserName);

        var answers = await Task.WhenAll(
            first.PostAsync($"/api/v1/customers/{customerId}/claim", null),
            second.PostAsync($"/api/v1/customers/{customerId}/claim", null));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        await using var db = await app.Db();
        Assert.Equal(1, await db.OwnershipChanges.CountAsync(o => o.EntityId == customerId && o.Reason == OwnershipReason.Claimed));
    }

    [Fact]
    public async Task The_daily_quota_and_the_previous_owners_cooldown_refuse_claims_with_a_reason()
    {
        var admin = await app.AdminAsync();
        var pooled = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var id = await PoolTesting.NewCustomerAsync(admin);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/customers/{id}/release", new { })).StatusCode);
            pooled.Add(id);
        }
        var (_, name) = await app.NewRepAsync("quota");
        var rep = await app.SignInAsync(name);
        foreach (var id in pooled.Take(5))
            Assert.Equal(HttpStatusCode.OK, (await rep.PostAsync($"/api/v1/customers/{id}/claim", null)).StatusCode);
        var standing = (await rep.GetFromJsonAsync<JsonObject>("/api/v1/pool/standing"))!;
        Assert.Equal(5, standing["claimedToday"]!.GetValue<int>());
        var refused = await rep.PostAsync($"/api/v1/customers/{pooled[5]}/claim", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("今日领取已达上限（5 个）", (await PipewrightApp.ReadAsync(refused))["detail"]!.GetValue<string>());

        // Giving a customer back does not let one take it again at once: a fresh period would be a loophole.
        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsJsonAsync($"/api/v1/customers/{pooled[0]}/release", new { })).StatusCode);
        app.Clock.Advance(Day);
        rep = await app.SignInAsync(name);
        var cooldown = await rep.PostAsync($"/api/v1/customers/{pooled[0]}/claim", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cooldown.StatusCode);
        Assert.Contains("之后才能重新领取", (await PipewrightApp.ReadAsync(cooldown))["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsync($"/api/v1/customers/{pooled[5]}/claim", null)).StatusCode);

        var english = await app.SignInAsync(name, language: "en-US");
        var englishRefusal = await english.PostAsync($"/api/v1/customers/{pooled[0]}/claim", null);
        Assert.Contains("claim it again from", (await PipewrightApp.ReadAsync(englishRefusal))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_the_owner_or_a_manager_over_them_releases_a_customer()
    {
        var (ownerId, ownerName) = await app.NewRepAsync("own");
        var customerId = await PoolTesting.NewCustomerAsync(await app.SignInAsync(ownerName));

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("rep2")).PostAsJsonAsync($"/api/v1/customers/{customerId}/release", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("southrep")).PostAsJsonAsync($"/api/v1/customers/{customerId}/release", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("finance")).PostAsJsonAsync($"/api/v1/customers/{customerId}/release", new { })).StatusCode);
        var tooLong = await (await app.SignInAsync("eastmanager")).PostAsJsonAsync($"/api/v1/customers/{customerId}/release", new { reason = new string('长', 201) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        var manager = await app.SignInAsync("eastmanager");
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/v1/customers/{customerId}/release", new { reason = "长期无进展" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await manager.PostAsJsonAsync($"/api/v1/customers/{customerId}/release", new { })).StatusCode);
        var owner = await app.SignInAsync(ownerName);
        var told = Assert.Single(await PoolTesting.NotificationsAsync(owner));
        Assert.Contains("长期无进展", told!["body"]!.GetValue<string>());

        var pool = (await owner.GetFromJsonAsync<JsonObject>("/api/v1/pool/customers?pageSize=200"))!["items"]!.AsArray();
        var item = pool.Single(i => i!["id"]!.GetValue<Guid>() == customerId)!;
        Assert.Equal(ownerId, item["previousOwnerId"]!.GetValue<Guid>());
        Assert.Equal("released", item["poolReason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("engineer")).GetAsync("/api/v1/pool/customers")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_runs_the_rules_on_demand()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("rep1")).PostAsync("/api/v1/pool/run", null)).StatusCode);
        var summary = await (await app.AdminAsync()).PostAsync("/api/v1/pool/run", null);
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        var body = await PipewrightApp.ReadAsync(summary);
        Assert.NotNull(body["warned"]);
        Assert.NotNull(body["returned"]);
    }
}
