using System.Net;
using System.Net.Http.Json;
using Pipewright.Tests.Activities;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Pipeline;

/// <summary>The funnel's must-show: through the API alone a deal moves only as its evidence arrives.</summary>
public sealed class FunnelJourneyTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task A_deal_moves_from_first_contact_to_contract_only_as_its_evidence_arrives_and_its_history_has_the_dwell_times()
    {
        var start = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
        app.Clock.Set(start);
        var rep = await app.SignInAsync("rep1");
        var deal = await Funnel.OpenDealAsync(rep, "宁波甬江热电");
        var id = deal["id"]!.GetValue<Guid>();
        Assert.Equal("initial", Funnel.Stage(deal));
        Assert.Equal("线索获取", deal["stage"]!["name"]!.GetValue<string>());

        // Nothing is met yet: a manual advance is refused with the list, and skipping is refused outright.
        var refused = await rep.PostAsync($"/api/v1/opportunities/{id}/advance", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var unmet = (await PipewrightApp.ReadAsync(refused))["unmet"]!.AsArray();
        Assert.Equal(["budget"], unmet.Select(u => u!["key"]!.GetValue<string>()));
        Assert.Equal("预计金额、成交日期与产品类别", unmet[0]!["name"]!.GetValue<string>());
        var skip = await rep.PostAsJsonAsync($"/api/v1/opportunities/{id}/move", new { toStage = "technical" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, skip.StatusCode);
        Assert.Contains("跳过", (await PipewrightApp.ReadAsync(skip))["detail"]!.GetValue<string>());

        // Day 2: the budget fields → 需求确认, automatically.
        rep = await AfterAsync(TimeSpan.FromDays(2));
        deal = await Funnel.CompleteAsync(rep, id, "budget", new { expectedAmount = 386000, expectedCloseDate = "2026-06-30", productCategory = "闸阀" });
        Assert.Equal("needs", Funnel.Stage(deal));

        // Day 5: the needs survey (a bad option first) and the decision maker → 技术交流.
        rep = await AfterAsync(TimeSpan.FromDays(3));
        var bad = await Funnel.PostAsync(rep, id, "needsSurvey", new { application = "蒸汽管线", quantity = "很多", purchaseMode = "抢购" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await PipewrightApp.ReadAsync(bad))["errors"]!.AsObject();
        Assert.Equal(["values.purchaseMode", "values.quantity"], errors.Select(e => e.Key).Order());
        Assert.Contains("采购方式", errors["values.purchaseMode"]![0]!.GetValue<string>());
        deal = await Funnel.CompleteAsync(rep, id, "needsSurvey", Funnel.NeedsSurvey);
        Assert.Equal("needs", Funnel.Stage(deal));
        deal = await Funnel.CompleteAsync(rep, id, "decisionMaker", new { decisionMaker = "设备部 张部长" });
        Assert.Equal("technical", Funnel.Stage(deal));

        // Day 10: the technical match sheet; the site survey cannot be ticked by hand, and a visit without photos does not count.
        rep = await AfterAsync(TimeSpan.FromDays(5));
        deal = await Funnel.CompleteAsync(rep, id, "techMatch", Funnel.TechMatch);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Funnel.PostAsync(rep, id, "siteSurvey", new { })).StatusCode);
        await Funnel.RecordVisitAsync(rep, deal);
        Assert.False(Requirement(await Funnel.GetAsync(rep, id), "siteSurvey")["done"]!.GetValue<bool>());
        var photo = await Funnel.UploadAsync(rep, TestFiles.Jpeg(640, 480), "阀位.jpg", "image/jpeg");
        await Funnel.RecordVisitAsync(rep, deal, photo);
        deal = await Funnel.GetAsync(rep, id);
        var survey = Requirement(deal, "siteSurvey");
        Assert.True(survey["done"]!.GetValue<bool>());
        Assert.Equal(start.AddDays(10), survey["doneAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMinutes(1));
        Assert.Equal("technical", Funnel.Stage(deal));

        // Day 12: the technical evaluation, routed to the engineer of the category, is handed in: it ticks itself.
        rep = await AfterAsync(TimeSpan.FromDays(2));
        var (engineer, category) = await EngineerAsync();
        var request = await rep.PostAsJsonAsync($"/api/v1/opportunities/{id}/tech-requests", new { productCategory = category, description = "DN200 蒸汽管线选型" });
        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
        var task = await PipewrightApp.ReadAsync(request);
        Assert.False(Requirement(await Funnel.GetAsync(rep, id), "techEvaluation")["done"]!.GetValue<bool>());
        var done = await engineer.PostAsJsonAsync($"/api/v1/tasks/{task["taskId"]!.GetValue<Guid>()}/complete", new { note = "选型可行" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        deal = await Funnel.GetAsync(rep, id);
        Assert.True(Requirement(deal, "techEvaluation")["done"]!.GetValue<bool>());
        // Leaving 技术交流 also needs 方案报价's entry: models, margin and the budget screenshot.
        Assert.Equal("technical", Funnel.Stage(deal));

        // Day 14: models from the catalog and a margin estimate, then the budget screenshot → 方案报价.
        rep = await AfterAsync(TimeSpan.FromDays(2));
        var product = await Funnel.AddProductAsync(app, PipewrightApp.Unique("Z41H-16C DN200"));
        deal = await Funnel.CompleteAsync(rep, id, "selection", new { products = new[] { product }, marginEstimate = 0.22 });
        Assert.Equal("technical", Funnel.Stage(deal));
        var screenshot = await Funnel.UploadAsync(rep, TestFiles.Png(400, 300), "预算.png", "image/png");
        deal = await Funnel.CompleteAsync(rep, id, "budgetScreenshot", new { }, [screenshot]);
        Assert.Equal("proposal", Funnel.Stage(deal));

        // Day 20: a quote at list price needs no approval: approved at once, the deal moves to 商务谈判 by itself.
        rep = await AfterAsync(TimeSpan.FromDays(6));
        var quote = await rep.PostAsJsonAsync("/api/v1/quotes", new { opportunityId = id, lines = new[] { new { productId = product, quantity = 120, unitPrice = 3200 } } });
        Assert.Equal(HttpStatusCode.Created, quote.StatusCode);
        var quoteId = (await PipewrightApp.ReadAsync(quote))["id"]!.GetValue<Guid>();
        Assert.Equal("proposal", Funnel.Stage(await Funnel.GetAsync(rep, id)));
        var submitted = await rep.PostAsync($"/api/v1/quotes/{quoteId}/submit", null);
        Assert.Equal("approved", (await PipewrightApp.ReadAsync(submitted))["status"]!.GetValue<string>());
        deal = await Funnel.GetAsync(rep, id);
        Assert.True(Requirement(deal, "approvedQuote")["done"]!.GetValue<bool>());
        Assert.Equal("negotiation", Funnel.Stage(deal));

        // Day 30: the contract terms → 合同签订, which wins the deal; a won deal moves no more.
        rep = await AfterAsync(TimeSpan.FromDays(10));
        deal = await Funnel.CompleteAsync(rep, id, "contractTerms", new { paymentTerms = true, deliveryTerms = true, contractReviewed = true });
        Assert.Equal("contract", Funnel.Stage(deal));
        Assert.Equal("won", deal["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await rep.PostAsync($"/api/v1/opportunities/{id}/advance", null)).StatusCode);

        var history = (await Funnel.GetAsync(rep, id))["stageHistory"]!.AsArray();
        Assert.Equal(["initial", "needs", "technical", "proposal", "negotiation", "contract"], history.Select(h => h!["stageKey"]!.GetValue<string>()));
        Assert.Equal(["created", "automatic", "automatic", "automatic", "automatic", "automatic"], history.Select(h => h!["enteredHow"]!.GetValue<string>()));
        Assert.Equal([2.0, 3.0, 9.0, 6.0, 10.0], history.Take(5).Select(h => Math.Round(h!["dwellDays"]!.GetValue<double>())));
        for (var i = 0; i < 5; i++)
            Assert.Equal(history[i]!["leftAt"]!.GetValue<DateTimeOffset>(), history[i + 1]!["enteredAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(history[5]!["leftAt"]);
        Assert.Equal(start, history[0]!["enteredAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMinutes(1));
        Assert.Equal(start.AddDays(30), history[5]!["enteredAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMinutes(1));
    }

    /// <summary>An engineer whose only specialty is a category of this test's own, signed in: routing has one choice.</summary>
    private async Task<(HttpClient Engineer, string Category)> EngineerAsync()
    {
        var category = PipewrightApp.Unique("闸阀-");
        var userName = PipewrightApp.Unique("eng");
        var admin = await app.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName, displayName = "工程师", password = PipewrightApp.Password, roles = new[] { "Engineer" }, specialties = new[] { category },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await app.SignInAsync(userName), category);
    }

    private async Task<HttpClient> AfterAsync(TimeSpan time)
    {
        app.Clock.Advance(time);
        return await app.SignInAsync("rep1");
    }

    private static System.Text.Json.Nodes.JsonNode Requirement(System.Text.Json.Nodes.JsonObject deal, string key) =>
        deal["requirements"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == key)!;
}
