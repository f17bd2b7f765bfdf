using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Pipeline;

/// <summary>Changes the funnel of its own host, so that the other classes keep the default one.</summary>
public sealed class ExtendingThePipelineTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task An_added_stage_with_a_form_holds_deals_until_the_form_is_complete_and_cannot_be_removed_while_it_holds_them()
    {
        var admin = await app.AdminAsync();
        var pipeline = await PipewrightApp.ReadAsync(await admin.GetAsync("/api/v1/pipeline"));
        pipeline["stages"]!.AsArray().Insert(1, new JsonObject
        {
            ["key"] = "trial", ["name"] = "样品试用", ["probability"] = 0.15, ["dwellDays"] = 30,
            ["requirements"] = new JsonArray(new JsonObject
            {
                ["key"] = "trialReport", ["name"] = "试用报告", ["kind"] = "form", ["appliesOn"] = "exit",
                ["fields"] = new JsonArray(
                    new JsonObject { ["key"] = "result", ["label"] = "试用结论", ["type"] = "select", ["required"] = true, ["options"] = new JsonArray("合格", "不合格") },
                    new JsonObject { ["key"] = "hours", ["label"] = "运行小时", ["type"] = "number", ["required"] = false }),
            }),
        });
        var saved = await admin.PutAsJsonAsync("/api/v1/pipeline", pipeline);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var version = (await PipewrightApp.ReadAsync(saved))["version"]!.GetValue<int>();

        var rep = await app.SignInAsync("rep1");
        var deal = await Funnel.OpenDealAsync(rep, "舟山船舶", new { expectedAmount = 80000, expectedCloseDate = "2026-11-30", productCategory = "止回阀" });
        var id = deal["id"]!.GetValue<Guid>();
        Assert.Equal("trial", Funnel.Stage(deal));
        Assert.Equal("样品试用", deal["stage"]!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await Funnel.PostAsync(rep, id, "trialReport", new { result = "还行" })).StatusCode);
        deal = await Funnel.CompleteAsync(rep, id, "trialReport", new { result = "合格", hours = 720 });
        Assert.Equal("needs", Funnel.Stage(deal));
        Assert.Equal("合格", deal["requirements"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == "trialReport")!["values"]!["result"]!.GetValue<string>());

        var stuck = await Funnel.OpenDealAsync(rep, "岱山渔业", new { expectedAmount = 10000, expectedCloseDate = "2026-11-30", productCategory = "止回阀" });
        Assert.Equal("trial", Funnel.Stage(stuck));
        var withoutTrial = await PipewrightApp.ReadAsync(await admin.GetAsync("/api/v1/pipeline"));
        withoutTrial["stages"]!.AsArray().RemoveAt(1);
        var refused = await admin.PutAsJsonAsync("/api/v1/pipeline", withoutTrial);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("样品试用 (1)", (await PipewrightApp.ReadAsync(refused))["detail"]!.GetValue<string>());

        withoutTrial["version"] = version - 1;
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync("/api/v1/pipeline", withoutTrial)).StatusCode);
    }
}
