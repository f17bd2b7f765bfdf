using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Common.Data;
using Pipewright.Pipeline;
using Pipewright.Tests.Activities;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Pipeline;

public sealed class MovingDealsTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    private static readonly object Budget = new { expectedAmount = 120000, expectedCloseDate = "2026-09-30", productCategory = "球阀" };

    [Fact]
    public async Task A_deal_moves_back_only_with_a_reason_and_then_waits_for_a_person_to_carry_it_forward()
    {
        var rep = await app.SignInAsync("rep1");
        var deal = await Funnel.OpenDealAsync(rep, "慈溪恒力化工", Budget);
        var id = deal["id"]!.GetValue<Guid>();
        Assert.Equal("needs", Funnel.Stage(deal));

        var noReason = await rep.PostAsJsonAsync($"/api/v1/opportunities/{id}/move", new { toStage = "initial" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", (await PipewrightApp.ReadAsync(noReason))["errors"]!.AsObject().Select(e => e.Key));

        var back = await rep.PostAsJsonAsync($"/api/v1/opportunities/{id}/move", new { toStage = "initial", reason = "客户预算重新申报" });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        deal = await PipewrightApp.ReadAsync(back);
        Assert.Equal("initial", Funnel.Stage(deal));
        var last = deal["stageHistory"]!.AsArray()[^1]!;
        Assert.Equal("movedBack", last["enteredHow"]!.GetValue<string>());
        Assert.Equal("客户预算重新申报", last["reason"]!.GetValue<string>());

        // Its budget still meets the step, yet new values do not push it on by themselves …
        deal = await Funnel.CompleteAsync(rep, id, "budget", new { expectedAmount = 98000 });
        Assert.Equal("initial", Funnel.Stage(deal));
        // … a person does.
        var forward = await rep.PostAsJsonAsync($"/api/v1/opportunities/{id}/advance", new { version = deal["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, forward.StatusCode);
        deal = await PipewrightApp.ReadAsync(forward);
        Assert.Equal("needs", Funnel.Stage(deal));
        Assert.Equal("manual", deal["stageHistory"]!.AsArray()[^1]!["enteredHow"]!.GetValue<string>());

        // Each stay keeps what the funnel report reads of the history around it: the deal's previous entry into the
        // same stage, and the stages it entered from then on — kept up as later stays are saved.
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        var stays = await db.StageVisits.AsNoTracking().Where(v => v.OpportunityId == id).OrderBy(v => v.EnteredAt).ToListAsync();
        Assert.Equal(["initial", "needs", "initial", "needs"], stays.Select(v => v.StageKey));
        Assert.Equal([null, null, stays[0].EnteredAt, stays[1].EnteredAt], stays.Select(v => v.PreviousEntryAt));
        static string[] Since(StageVisit v) => [.. v.EnteredSince.Split(',', StringSplitOptions.RemoveEmptyEntries).Order()];
        Assert.Equal(["initial", "needs"], Since(stays[0]));
        Assert.Equal(["initial", "needs"], Since(stays[1]));
        Assert.Equal(["initial", "needs"], Since(stays[2]));
        Assert.Equal(["needs"], Since(stays[3]));
        Assert.All(stays, v => Assert.Matches("^,([a-z]+,)+$", v.EnteredSince));
        // … and the deal as it is now: the budget changed to 98,000 after the first two stays were saved.
        var ownerId = deal["ownerId"]!.GetValue<Guid>();
        Assert.All(stays, v => Assert.Equal((ownerId, 98000m, "球阀"), (v.DealOwnerId, v.DealAmount!.Value.Yuan, v.DealCategory)));
    }

    [Fact]
    public async Task A_lost_deal_needs_a_reason_from_the_list_keeps_the_competitor_and_moves_no_more()
    {
        var rep = await app.SignInAsync("rep1");
        var id = (await Funnel.OpenDealAsync(rep, "余姚明辉泵业"))["id"]!.GetValue<Guid>();

        var noReason = await rep.PostAsJsonAsync($"/api/v1/opportunities/{id}/close", new { outcome = "lost" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("lostReason", (await PipewrightApp.ReadAsync(noReason))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest,
            (await rep.PostAsJsonAsync($"/api/v1/opportunities/{id}/close", new { outcome = "lost", lostReason = "心情不好" })).StatusCode);

        var lost = await rep.PostAsJsonAsync($"/api/v1/opportunities/{id}/close", new { outcome = "lost", lostReason = "价格过高", competitor = "苏州纽威" });
        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        var deal = await PipewrightApp.ReadAsync(lost);
        Assert.Equal("lost", deal["status"]!.GetValue<string>());
        Assert.Equal("价格过高", deal["lostReason"]!.GetValue<string>());
        Assert.Equal("苏州纽威", deal["competitor"]!.GetValue<string>());
        Assert.Equal("lost", deal["stageHistory"]!.AsArray()[^1]!["leftHow"]!.GetValue<string>());

        var move = await rep.PostAsJsonAsync($"/api/v1/opportunities/{id}/move", new { toStage = "needs" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, move.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Funnel.PostAsync(rep, id, "budget", Budget)).StatusCode);
    }

    [Fact]
    public async Task Deals_outside_ones_scope_are_not_found_for_any_change()
    {
        var rep = await app.SignInAsync("rep1");
        var id = (await Funnel.OpenDealAsync(rep, "宁海东方管业"))["id"]!.GetValue<Guid>();
        var south = await app.SignInAsync("southrep");

        Assert.Equal(HttpStatusCode.NotFound, (await south.GetAsync($"/api/v1/opportunities/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Funnel.PostAsync(south, id, "budget", Budget)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await south.PostAsync($"/api/v1/opportunities/{id}/advance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await south.PostAsJsonAsync($"/api/v1/opportunities/{id}/move", new { toStage = "needs" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await south.PostAsJsonAsync($"/api/v1/opportunities/{id}/close", new { outcome = "lost", lostReason = "失联" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("eastmanager")).GetAsync($"/api/v1/opportunities/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_change_made_on_a_stale_version_is_a_conflict()
    {
        var rep = await app.SignInAsync("rep1");
        var deal = await Funnel.OpenDealAsync(rep, "奉化宏达机械");
        var id = deal["id"]!.GetValue<Guid>();
        var read = deal["version"]!.GetValue<int>();
        await Funnel.CompleteAsync(rep, id, "budget", new { expectedAmount = 50000 });

        var stale = await Funnel.PostAsync(rep, id, "budget", new { expectedCloseDate = "2026-12-31" }, version: read);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await rep.PostAsJsonAsync($"/api/v1/opportunities/{id}/move", new { toStage = "needs", version = read })).StatusCode);
    }

    [Fact]
    public async Task Form_values_are_checked_per_field_and_files_must_be_ones_own_or_the_customers()
    {
        var rep = await app.SignInAsync("rep1");
        var id = (await Funnel.OpenDealAsync(rep, "北仑港机"))["id"]!.GetValue<Guid>();
        var othersPhoto = await Funnel.UploadAsync(await app.SignInAsync("rep2"), TestFiles.Jpeg(64, 64), "别人的.jpg", "image/jpeg");
        var document = await Funnel.UploadAsync(rep, TestFiles.Docx(), "参数.docx", "application/octet-stream");

        var response = await Funnel.PostAsync(rep, id, "techMatch", new
        {
            lineRate = 12, medium = "水", pressure = "高", connection = "法兰", materials = new[] { "黄金" }, explosionProof = "yes", sitePhoto = othersPhoto,
            colour = "红",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await PipewrightApp.ReadAsync(response))["errors"]!.AsObject();
        Assert.Equal(["values.colour", "values.explosionProof", "values.materials", "values.pressure", "values.sitePhoto"], errors.Select(e => e.Key).Order());

        var notAPhoto = await Funnel.PostAsync(rep, id, "techMatch", new { lineRate = 12, medium = "水", pressure = 1.0, sitePhoto = document });
        Assert.Contains("照片", (await PipewrightApp.ReadAsync(notAPhoto))["errors"]!["values.sitePhoto"]![0]!.GetValue<string>());

        var missing = await Funnel.PostAsync(rep, id, "techMatch", new { medium = "水" });
        Assert.Contains("产线节拍", (await PipewrightApp.ReadAsync(missing))["errors"]!["values.lineRate"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task The_board_counts_and_sums_each_column_within_the_callers_scope()
    {
        var category = PipewrightApp.Unique("蝶阀");
        var rep1 = await app.SignInAsync("rep1");
        var rep2 = await app.SignInAsync("rep2");
        await Funnel.OpenDealAsync(rep1, "镇海炼化", new { expectedAmount = 100000, productCategory = category });
        await Funnel.OpenDealAsync(rep2, "象山海运", new { expectedAmount = 200000.5m, productCategory = category });
        await Funnel.OpenDealAsync(rep1, "宁波钢铁", new { expectedAmount = 300000, expectedCloseDate = "2026-10-01", productCategory = category });
        await Funnel.OpenDealAsync(await app.SignInAsync("southrep"), "佛山顺德", new { expectedAmount = 999999, productCategory = category });

        var board = await BoardAsync(await app.SignInAsync("eastmanager"), $"productCategory={category}");
        var columns = board["columns"]!.AsArray();
        Assert.Equal(["initial", "needs", "technical", "proposal", "negotiation"], columns.Select(c => c!["stageKey"]!.GetValue<string>()));
        Assert.Equal([2, 1, 0, 0, 0], columns.Select(c => c!["count"]!.GetValue<int>()));
        Assert.Equal(300000.5m, columns[0]!["amount"]!.GetValue<decimal>());
        Assert.Equal(300000m, columns[1]!["amount"]!.GetValue<decimal>());
        var card = columns[1]!["cards"]!.AsArray().Single()!;
        Assert.StartsWith("宁波钢铁", card["customerName"]!.GetValue<string>());
        Assert.Equal("王磊", card["ownerName"]!.GetValue<string>());
        Assert.False(card["isRotting"]!.GetValue<bool>());

        var mine = await BoardAsync(rep2, $"productCategory={category}");
        Assert.Equal([1, 0], mine["columns"]!.AsArray().Take(2).Select(c => c!["count"]!.GetValue<int>()));
        var south = await BoardAsync(await app.SignInAsync("gm"), $"productCategory={category}&teamId={app.South}");
        Assert.Equal(999999m, south["columns"]!.AsArray()[0]!["amount"]!.GetValue<decimal>());
        var eastTeam = await BoardAsync(await app.SignInAsync("gm"), $"productCategory={category}&teamId={app.East}&perColumn=1");
        Assert.Equal(2, eastTeam["columns"]!.AsArray()[0]!["count"]!.GetValue<int>());
        Assert.Single(eastTeam["columns"]!.AsArray()[0]!["cards"]!.AsArray());
    }

    [Fact]
    public async Task The_list_filters_by_stage_owner_and_status()
    {
        var rep = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(rep, new { name = PipewrightApp.Unique("鄞州电力") });
        var customerId = customer["id"]!.GetValue<Guid>();
        foreach (var title in new[] { "甲", "乙" })
            await rep.PostAsJsonAsync("/api/v1/opportunities", new { customerId, title, expectedAmount = 1, expectedCloseDate = "2026-08-01", productCategory = "闸阀" });
        await rep.PostAsJsonAsync("/api/v1/opportunities", new { customerId, title = "丙" });

        var list = await PipewrightApp.ReadAsync(await rep.GetAsync($"/api/v1/opportunities?customerId={customerId}&stage=needs&status=open&ownerId={app.Users["rep1"]}"));
        Assert.Equal(2, list["total"]!.GetValue<int>());
        Assert.All(list["items"]!.AsArray(), i => Assert.Equal("needs", i!["stage"]!["key"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, (await rep.GetAsync("/api/v1/opportunities?status=maybe")).StatusCode);
        var others = await PipewrightApp.ReadAsync(await (await app.SignInAsync("southrep")).GetAsync($"/api/v1/opportunities?customerId={customerId}"));
        Assert.Equal(0, others["total"]!.GetValue<int>());
    }

    private static async Task<JsonObject> BoardAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/opportunities/board?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await PipewrightApp.ReadAsync(response);
    }
}
