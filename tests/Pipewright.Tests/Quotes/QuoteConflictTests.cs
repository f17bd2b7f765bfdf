using System.Net;
using Pipewright.Tests.Infrastructure;
using static Pipewright.Tests.Quotes.QuoteTestData;

namespace Pipewright.Tests.Quotes;

public sealed class QuoteConflictTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task A_second_salespersons_quote_for_the_same_customer_and_model_is_refused_naming_the_other_quote_until_a_manager_allows_both()
    {
        var firm = PipewrightApp.Unique("恒达机械");
        var rep1 = await app.SignInAsync("rep1");
        var southRep = await app.SignInAsync("southrep");
        var product = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        var other = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        var (_, firstDeal, _) = await DealAsync(rep1, $"宁波{firm}有限公司");
        var first = await QuoteAsync(rep1, firstDeal, product.Id, 10, 950m);
        var firstCode = first["code"]!.GetValue<string>();

        // The same firm written another way (same name key), another salesperson, the same model.
        var (_, secondDeal, _) = await DealAsync(southRep, $"{firm}（宁波）有限公司");
        var second = await QuoteAsync(southRep, secondDeal, product.Id, 10, 950m);
        var (status, problem) = await PostAsync(southRep, $"/api/v1/quotes/{second["id"]}/submit");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains(firstCode, problem["detail"]!.GetValue<string>());
        var conflict = problem["conflicts"]!.AsArray().Single()!;
        Assert.Equal(first["id"]!.GetValue<Guid>(), conflict["quoteId"]!.GetValue<Guid>());
        Assert.Equal(firstCode, conflict["code"]!.GetValue<string>());
        Assert.Equal(app.Users["rep1"], conflict["ownerId"]!.GetValue<Guid>());
        Assert.Equal(product.Model, conflict["model"]!.GetValue<string>());
        Assert.Equal("draft", (await GetAsync(southRep, $"/api/v1/quotes/{second["id"]}"))["status"]!.GetValue<string>());

        // rep1's regional manager is told, once per pair.
        var manager = await app.SignInAsync("eastmanager");
        Assert.Single((await GetAsync(manager, "/api/v1/notifications"))["items"]!.AsArray(),
            n => n!["kind"]!.GetValue<string>() == "quote-conflict" && n["title"]!.GetValue<string>().Contains(firm));
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(southRep, $"/api/v1/quotes/{second["id"]}/submit")).Status);
        Assert.Single((await GetAsync(manager, "/api/v1/notifications"))["items"]!.AsArray(),
            n => n!["kind"]!.GetValue<string>() == "quote-conflict" && n["title"]!.GetValue<string>().Contains(firm));

        // Another model for the same customer is no conflict.
        var third = await QuoteAsync(southRep, secondDeal, other.Id, 10, 950m);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(southRep, $"/api/v1/quotes/{third["id"]}/submit")).Status);

        var conflictId = conflict["conflictId"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(southRep, $"/api/v1/quotes/conflicts/{conflictId}/resolve", new { resolution = "allowBoth" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(manager, $"/api/v1/quotes/conflicts/{conflictId}/resolve", new { resolution = "maybe" })).Status);
        var (resolved, _) = await PostAsync(manager, $"/api/v1/quotes/conflicts/{conflictId}/resolve", new { resolution = "allowBoth" });
        Assert.Equal(HttpStatusCode.OK, resolved);

        var (after, body) = await PostAsync(southRep, $"/api/v1/quotes/{second["id"]}/submit");
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Equal("approved", body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Assigning_the_customer_lets_the_winner_submit_and_keeps_refusing_the_other()
    {
        var firm = PipewrightApp.Unique("华鑫泵阀");
        var rep1 = await app.SignInAsync("rep1");
        var southRep = await app.SignInAsync("southrep");
        var product = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        var (_, firstDeal, _) = await DealAsync(rep1, $"{firm}有限公司");
        var first = await QuoteAsync(rep1, firstDeal, product.Id, 2, 990m);
        var (secondCustomer, secondDeal, _) = await DealAsync(southRep, $"{firm}股份有限公司");
        var second = await QuoteAsync(southRep, secondDeal, product.Id, 2, 990m);
        var conflictId = (await PostAsync(southRep, $"/api/v1/quotes/{second["id"]}/submit")).Body["conflicts"]![0]!["conflictId"]!.GetValue<Guid>();

        var gm = await app.SignInAsync("gm");
        var (status, _) = await PostAsync(gm, $"/api/v1/quotes/conflicts/{conflictId}/resolve", new { resolution = "assignCustomer", ownerId = app.Users["rep1"] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(app.Users["rep1"], (await GetAsync(gm, $"/api/v1/customers/{secondCustomer}"))["ownerId"]!.GetValue<Guid>());

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(rep1, $"/api/v1/quotes/{first["id"]}/submit")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(southRep, $"/api/v1/quotes/{second["id"]}/submit")).Status);
    }

    [Fact]
    public async Task The_managers_list_names_both_quotes_and_keeps_the_resolution_with_its_note()
    {
        var firm = PipewrightApp.Unique("瑞祥流体");
        var rep1 = await app.SignInAsync("rep1");
        var southRep = await app.SignInAsync("southrep");
        var product = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        var (firstCustomer, firstDeal, firstName) = await DealAsync(rep1, $"{firm}有限公司");
        var first = await QuoteAsync(rep1, firstDeal, product.Id, 3, 980m);
        var (secondCustomer, secondDeal, secondName) = await DealAsync(southRep, $"{firm}股份有限公司");
        var second = await QuoteAsync(southRep, secondDeal, product.Id, 3, 980m);
        var conflictId = (await PostAsync(southRep, $"/api/v1/quotes/{second["id"]}/submit")).Body["conflicts"]![0]!["conflictId"]!.GetValue<Guid>();

        var manager = await app.SignInAsync("eastmanager");
        var open = (await GetAsync(manager, "/api/v1/quotes/conflicts?status=open&pageSize=200"))["items"]!.AsArray();
        var listed = open.Single(c => c!["id"]!.GetValue<Guid>() == conflictId)!;
        Assert.Equal(second["id"]!.GetValue<Guid>(), listed["quoteId"]!.GetValue<Guid>());
        Assert.Equal(second["code"]!.GetValue<string>(), listed["quoteCode"]!.GetValue<string>());
        Assert.Equal(first["id"]!.GetValue<Guid>(), listed["otherQuoteId"]!.GetValue<Guid>());
        Assert.Equal(first["code"]!.GetValue<string>(), listed["otherQuoteCode"]!.GetValue<string>());
        Assert.Equal(secondCustomer, listed["customerId"]!.GetValue<Guid>());
        Assert.Equal(secondName, listed["customerName"]!.GetValue<string>());
        Assert.Equal(firstCustomer, listed["otherCustomerId"]!.GetValue<Guid>());
        Assert.Equal(firstName, listed["otherCustomerName"]!.GetValue<string>());
        Assert.Equal("open", listed["status"]!.GetValue<string>());
        Assert.DoesNotContain((await GetAsync(manager, "/api/v1/quotes/conflicts?status=resolved&pageSize=200"))["items"]!.AsArray(),
            c => c!["id"]!.GetValue<Guid>() == conflictId);

        var (tooLong, problem) = await PostAsync(manager, $"/api/v1/quotes/conflicts/{conflictId}/resolve",
            new { resolution = "allowBoth", note = new string('长', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.NotNull(problem["errors"]!["note"]);

        var (status, resolved) = await PostAsync(manager, $"/api/v1/quotes/conflicts/{conflictId}/resolve",
            new { resolution = "assignCustomer", ownerId = app.Users["rep1"], note = "先报价且已拜访三次" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("assigned", resolved["status"]!.GetValue<string>());
        Assert.Equal("先报价且已拜访三次", resolved["note"]!.GetValue<string>());
        Assert.Equal(app.Users["eastmanager"], resolved["resolvedById"]!.GetValue<Guid>());
        Assert.False(string.IsNullOrEmpty(resolved["winnerName"]!.GetValue<string>()));

        // Both salespeople are told the outcome, with the note, linked to their own quote.
        foreach (var (owner, quoteId) in new[] { (southRep, second["id"]!.GetValue<Guid>()), (rep1, first["id"]!.GetValue<Guid>()) })
        {
            var notice = (await GetAsync(owner, "/api/v1/notifications"))["items"]!.AsArray()
                .Single(n => n!["title"]!.GetValue<string>() == $"撞单已处理：{secondName}")!;
            Assert.Contains("先报价且已拜访三次", notice["body"]!.GetValue<string>());
            Assert.Contains(resolved["winnerName"]!.GetValue<string>(), notice["body"]!.GetValue<string>());
            Assert.Equal($"/quotes/{quoteId}", notice["link"]!.GetValue<string>());
        }

        Assert.DoesNotContain((await GetAsync(manager, "/api/v1/quotes/conflicts?status=open&pageSize=200"))["items"]!.AsArray(),
            c => c!["id"]!.GetValue<Guid>() == conflictId);
        var settled = (await GetAsync(manager, "/api/v1/quotes/conflicts?status=resolved&pageSize=200"))["items"]!.AsArray()
            .Single(c => c!["id"]!.GetValue<Guid>() == conflictId)!;
        Assert.Equal("先报价且已拜访三次", settled["note"]!.GetValue<string>());
        Assert.Equal(resolved["resolvedByName"]!.GetValue<string>(), settled["resolvedByName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await PostAsync(manager, $"/api/v1/quotes/conflicts/{conflictId}/resolve", new { resolution = "allowBoth" })).Status);
    }

    [Fact]
    public async Task A_salesperson_may_not_list_conflicts_and_a_bad_status_filter_is_a_400()
    {
        var rep1 = await app.SignInAsync("rep1");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep1.GetAsync("/api/v1/quotes/conflicts")).StatusCode);
        var manager = await app.SignInAsync("eastmanager");
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/v1/quotes/conflicts?status=closed")).StatusCode);
    }
}
