using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Pipeline;

public sealed class ConfiguringThePipelineTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task Everyone_reads_the_default_funnel_only_an_administrator_changes_it()
    {
        var rep = await app.SignInAsync("rep1");
        var pipeline = await PipewrightApp.ReadAsync(await rep.GetAsync("/api/v1/pipeline"));
        var stages = pipeline["stages"]!.AsArray();
        Assert.Equal(["线索获取", "需求确认", "技术交流", "方案报价", "商务谈判", "合同签订"], stages.Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal([1, 2, 3, 4, 5, 6], stages.Select(s => s!["order"]!.GetValue<int>()));
        Assert.True(stages[^1]!["isWon"]!.GetValue<bool>());
        var technical = stages[2]!["requirements"]!.AsArray();
        Assert.Equal(["activity", "form", "task"], technical.Select(r => r!["kind"]!.GetValue<string>()));
        Assert.Contains(technical[1]!["fields"]!.AsArray(), f => f!["label"]!.GetValue<string>().StartsWith("产线节拍") && f["required"]!.GetValue<bool>());
        Assert.Contains("失联", pipeline["lostReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(pipeline["allowSkip"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PutAsJsonAsync("/api/v1/pipeline", pipeline)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("eastmanager")).PutAsJsonAsync("/api/v1/pipeline", pipeline)).StatusCode);
    }

    [Fact]
    public async Task A_funnel_that_does_not_hang_together_is_refused_field_by_field()
    {
        var admin = await app.AdminAsync();
        var pipeline = await PipewrightApp.ReadAsync(await admin.GetAsync("/api/v1/pipeline"));
        var stages = pipeline["stages"]!.AsArray();
        stages[1]!["key"] = "initial";
        stages[2]!["requirements"]!.AsArray().Add(new JsonObject { ["key"] = "esign", ["name"] = "电子签章", ["kind"] = "esign", ["appliesOn"] = "exit" });
        stages[3]!["requirements"]!.AsArray().Add(new JsonObject
        {
            ["key"] = "sample", ["name"] = "样品", ["kind"] = "form", ["appliesOn"] = "exit",
            ["fields"] = new JsonArray(new JsonObject { ["key"] = "grade", ["label"] = "等级", ["type"] = "select", ["required"] = true }),
        });
        stages[5]!["isWon"] = false;

        var response = await admin.PutAsJsonAsync("/api/v1/pipeline", pipeline);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await PipewrightApp.ReadAsync(response))["errors"]!.AsObject();
        Assert.Contains("stages[1].key", errors.Select(e => e.Key));
        Assert.Contains("stages[2].requirements[3].kind", errors.Select(e => e.Key));
        Assert.Contains("stages[3].requirements[3].fields[0].options", errors.Select(e => e.Key));
        Assert.Contains("赢单阶段", errors["stages"]![0]!.GetValue<string>());
        Assert.Contains("esign", errors["stages[2].requirements[3].kind"]![0]!.GetValue<string>());
    }
}
