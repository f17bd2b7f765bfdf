using System.Net;
using System.Net.Http.Json;
using Pipewright.Tests.Infrastructure;
using static Pipewright.Tests.Quotes.QuoteTestData;

namespace Pipewright.Tests.Quotes;

/// <summary>The default policy of the field: a line below 85% of list → regional manager → finance → general manager.</summary>
public sealed class QuoteApprovalTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task A_quote_at_80_percent_goes_to_the_regional_manager_then_finance_then_the_general_manager_each_in_turn()
    {
        var rep1 = await app.SignInAsync("rep1");
        var product = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        var (_, opportunityId, _) = await DealAsync(rep1);
        var quote = await QuoteAsync(rep1, opportunityId, product.Id, 10, 800m);
        Assert.Equal("draft", quote["status"]!.GetValue<string>());
        Assert.Matches(@"^BJ\d{4}\d{5}$", quote["code"]!.GetValue<string>());
        Assert.Equal(0.2m, quote["lines"]![0]!["discountRate"]!.GetValue<decimal>());
        Assert.Equal(1000m, quote["lines"]![0]!["listPrice"]!.GetValue<decimal>());
        var quoteId = quote["id"]!.GetValue<Guid>();

        var (status, submitted) = await PostAsync(rep1, $"/api/v1/quotes/{quoteId}/submit");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pendingApproval", submitted["status"]!.GetValue<string>());
        var steps = submitted["approval"]!["steps"]!.AsArray();
        Assert.Equal(["RegionalManager", "Finance", "GeneralManager"], steps.Select(s => s!["role"]!.GetValue<string>()));
        Assert.Equal(app.Users["eastmanager"], steps[0]!["approverId"]!.GetValue<Guid>());
        Assert.Equal(["active", "waiting", "waiting"], steps.Select(s => s!["status"]!.GetValue<string>()));
        var approvalId = submitted["approval"]!["id"]!.GetValue<Guid>();

        var manager = await app.SignInAsync("eastmanager");
        var finance = await app.SignInAsync("finance");
        var gm = await app.SignInAsync("gm");
        Assert.Contains(await InboxAsync(manager), i => i!["id"]!.GetValue<Guid>() == approvalId);
        Assert.DoesNotContain(await InboxAsync(finance), i => i!["id"]!.GetValue<Guid>() == approvalId);
        Assert.DoesNotContain(await InboxAsync(gm), i => i!["id"]!.GetValue<Guid>() == approvalId);
        // Not their turn yet: finance cannot jump the queue.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(finance, $"/api/v1/approvals/{approvalId}/decision", new { decision = "approve" })).Status);

        // Locked while pending.
        var edit = await rep1.PutAsJsonAsync($"/api/v1/quotes/{quoteId}", new { opportunityId, lines = new[] { new { productId = product.Id, quantity = 10, unitPrice = 900 } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, edit.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(manager, $"/api/v1/approvals/{approvalId}/decision", new { decision = "approve", comment = "大客户，同意" })).Status);
        Assert.DoesNotContain(await InboxAsync(manager), i => i!["id"]!.GetValue<Guid>() == approvalId);
        Assert.Contains(await InboxAsync(finance), i => i!["id"]!.GetValue<Guid>() == approvalId);
        Assert.DoesNotContain(await InboxAsync(gm), i => i!["id"]!.GetValue<Guid>() == approvalId);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(finance, $"/api/v1/approvals/{approvalId}/decision", new { decision = "approve" })).Status);
        Assert.Contains(await InboxAsync(gm), i => i!["id"]!.GetValue<Guid>() == approvalId);
        Assert.Equal("pendingApproval", (await GetAsync(rep1, $"/api/v1/quotes/{quoteId}"))["status"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(gm, $"/api/v1/approvals/{approvalId}/decision", new { decision = "approve" })).Status);
        var approved = await GetAsync(rep1, $"/api/v1/quotes/{quoteId}");
        Assert.Equal("approved", approved["status"]!.GetValue<string>());

        // History with timings for the approval-hours report.
        var history = await GetAsync(rep1, $"/api/v1/approvals/{approvalId}");
        Assert.Equal("approved", history["status"]!.GetValue<string>());
        Assert.NotNull(history["decidedAt"]);
        Assert.All(history["steps"]!.AsArray(), s =>
        {
            Assert.Equal("approved", s!["status"]!.GetValue<string>());
            Assert.NotNull(s["activatedAt"]);
            Assert.NotNull(s["tasks"]![0]!["decidedAt"]);
        });
        Assert.Equal("大客户，同意", history["steps"]![0]!["tasks"]![0]!["comment"]!.GetValue<string>());

        var notices = await GetAsync(rep1, "/api/v1/notifications");
        Assert.Contains(notices["items"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "quote-approved");
    }

    [Fact]
    public async Task A_quote_at_90_percent_is_approved_at_once()
    {
        var rep1 = await app.SignInAsync("rep1");
        var product = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        var (_, opportunityId, _) = await DealAsync(rep1);
        var quote = await QuoteAsync(rep1, opportunityId, product.Id, 5, 900m);

        var (status, submitted) = await PostAsync(rep1, $"/api/v1/quotes/{quote["id"]}/submit");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("approved", submitted["status"]!.GetValue<string>());
        Assert.Null(submitted["approval"]);
    }

    [Fact]
    public async Task A_rejection_returns_the_quote_to_the_submitter_with_the_comment_and_it_can_be_reworked()
    {
        var rep1 = await app.SignInAsync("rep1");
        var product = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        var (_, opportunityId, _) = await DealAsync(rep1);
        var quote = await QuoteAsync(rep1, opportunityId, product.Id, 10, 800m);
        var quoteId = quote["id"]!.GetValue<Guid>();
        var approvalId = (await PostAsync(rep1, $"/api/v1/quotes/{quoteId}/submit")).Body["approval"]!["id"]!.GetValue<Guid>();

        var manager = await app.SignInAsync("eastmanager");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(manager, $"/api/v1/approvals/{approvalId}/decision", new { decision = "reject", comment = "折扣太大，最多给到 88 折" })).Status);

        var rejected = await GetAsync(rep1, $"/api/v1/quotes/{quoteId}");
        Assert.Equal("rejected", rejected["status"]!.GetValue<string>());
        Assert.Equal("折扣太大，最多给到 88 折", rejected["returnComment"]!.GetValue<string>());
        Assert.DoesNotContain(await InboxAsync(await app.SignInAsync("finance")), i => i!["id"]!.GetValue<Guid>() == approvalId);
        var notices = await GetAsync(rep1, "/api/v1/notifications");
        Assert.Contains(notices["items"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "quote-rejected" && n["body"]!.GetValue<string>().Contains("88 折"));

        var edit = await rep1.PutAsJsonAsync($"/api/v1/quotes/{quoteId}", new { opportunityId, lines = new[] { new { productId = product.Id, quantity = 10, unitPrice = 880 } } });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal("draft", (await PipewrightApp.ReadAsync(edit))["status"]!.GetValue<string>());
        Assert.Equal("approved", (await PostAsync(rep1, $"/api/v1/quotes/{quoteId}/submit")).Body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_submitter_may_recall_a_pending_quote_and_edit_it_again()
    {
        var rep1 = await app.SignInAsync("rep1");
        var product = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        var (_, opportunityId, _) = await DealAsync(rep1);
        var quote = await QuoteAsync(rep1, opportunityId, product.Id, 10, 800m);
        var quoteId = quote["id"]!.GetValue<Guid>();
        var approvalId = (await PostAsync(rep1, $"/api/v1/quotes/{quoteId}/submit")).Body["approval"]!["id"]!.GetValue<Guid>();

        var (status, recalled) = await PostAsync(rep1, $"/api/v1/quotes/{quoteId}/recall");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("draft", recalled["status"]!.GetValue<string>());
        Assert.DoesNotContain(await InboxAsync(await app.SignInAsync("eastmanager")), i => i!["id"]!.GetValue<Guid>() == approvalId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(rep1, $"/api/v1/quotes/{quoteId}/recall")).Status);
        var edit = await rep1.PutAsJsonAsync($"/api/v1/quotes/{quoteId}", new { opportunityId, lines = new[] { new { productId = product.Id, quantity = 8, unitPrice = 800 } } });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
    }

    [Fact]
    public async Task A_quote_on_a_deal_the_caller_cannot_see_is_404_and_bad_lines_are_400_per_field()
    {
        var southRep = await app.SignInAsync("southrep");
        var product = await ProductAsync(app, listPrice: 1000m);
        var withdrawn = await ProductAsync(app, listPrice: 1000m, active: false);
        var (_, opportunityId, _) = await DealAsync(southRep);
        var rep1 = await app.SignInAsync("rep1");

        var hidden = await rep1.PostAsJsonAsync("/api/v1/quotes", new { opportunityId, lines = new[] { new { productId = product.Id, quantity = 1, unitPrice = 900 } } });
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        var bad = await southRep.PostAsJsonAsync("/api/v1/quotes", new
        {
            opportunityId,
            lines = new object[] { new { productId = product.Id, quantity = 0, unitPrice = 900 }, new { productId = withdrawn.Id, quantity = 1, unitPrice = 900 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await PipewrightApp.ReadAsync(bad))["errors"]!.AsObject();
        Assert.Contains("lines[0].quantity", errors.Select(e => e.Key));
        Assert.Contains("数量", errors["lines[0].quantity"]![0]!.GetValue<string>());

        var inactive = await southRep.PostAsJsonAsync("/api/v1/quotes", new { opportunityId, lines = new[] { new { productId = withdrawn.Id, quantity = 1, unitPrice = 900 } } });
        Assert.Equal(HttpStatusCode.BadRequest, inactive.StatusCode);
        Assert.Contains("停用", (await PipewrightApp.ReadAsync(inactive))["errors"]!["lines[0].productId"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Margins_are_computed_to_the_fen_with_options_freight_installation_and_VAT()
    {
        var rep1 = await app.SignInAsync("rep1");
        var product = await ProductAsync(app, listPrice: 1000m, unitCost: 600m, floorPrice: null, active: true, model: null,
            ("材质", "CF8M 不锈钢", 200m, 120m), ("材质", "WCB 碳钢", 0m, 0m));
        var (_, opportunityId, _) = await DealAsync(rep1);
        var response = await rep1.PostAsJsonAsync("/api/v1/quotes", new
        {
            opportunityId,
            lines = new[] { new { productId = product.Id, quantity = 3m, unitPrice = 1130m, optionIds = new[] { product.Options[0].Id } } },
            freight = 150m, installation = 99.99m, taxRate = 0.13m,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var quote = await PipewrightApp.ReadAsync(response);
        var line = quote["lines"]![0]!;
        // List 1000 + 200 = 1200; cost 600 + 120 = 720 a unit. Amount 3390.00, without VAT 3000.00; line margin 3000 − 2160 = 840.
        Assert.Equal(1200m, line["listPrice"]!.GetValue<decimal>());
        Assert.Equal(3390m, line["amount"]!.GetValue<decimal>());
        Assert.Equal(2160m, line["cost"]!.GetValue<decimal>());
        Assert.Equal(840m, line["grossMargin"]!.GetValue<decimal>());
        Assert.Equal(0.28m, line["grossMarginRate"]!.GetValue<decimal>());
        Assert.Equal(0.0583m, line["discountRate"]!.GetValue<decimal>());
        var totals = quote["totals"]!;
        Assert.Equal(3390m, totals["amount"]!.GetValue<decimal>());
        Assert.Equal(2409.99m, totals["cost"]!.GetValue<decimal>());
        Assert.Equal(590.01m, totals["grossMargin"]!.GetValue<decimal>());
        Assert.Equal(0.1967m, totals["grossMarginRate"]!.GetValue<decimal>());

        var twoOfOneGroup = await rep1.PostAsJsonAsync("/api/v1/quotes", new
        {
            opportunityId,
            lines = new[] { new { productId = product.Id, quantity = 1m, unitPrice = 1000m, optionIds = new[] { product.Options[0].Id, product.Options[1].Id } } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, twoOfOneGroup.StatusCode);
    }

    [Fact]
    public async Task A_revision_copies_to_a_new_version_and_keeps_the_old_one_read_only()
    {
        var rep1 = await app.SignInAsync("rep1");
        var product = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        var (_, opportunityId, _) = await DealAsync(rep1);
        var first = await QuoteAsync(rep1, opportunityId, product.Id, 5, 950m);
        var firstId = first["id"]!.GetValue<Guid>();
        Assert.Equal("approved", (await PostAsync(rep1, $"/api/v1/quotes/{firstId}/submit")).Body["status"]!.GetValue<string>());

        var (status, second) = await PostAsync(rep1, $"/api/v1/quotes/{firstId}/revisions");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(2, second["revision"]!.GetValue<int>());
        Assert.Equal(first["code"]!.GetValue<string>(), second["code"]!.GetValue<string>());
        Assert.Equal("draft", second["status"]!.GetValue<string>());
        Assert.Equal(2, second["revisions"]!.AsArray().Count);

        var old = await GetAsync(rep1, $"/api/v1/quotes/{firstId}");
        Assert.False(old["isCurrent"]!.GetValue<bool>());
        Assert.Equal("approved", old["status"]!.GetValue<string>());
        var edit = await rep1.PutAsJsonAsync($"/api/v1/quotes/{firstId}", new { opportunityId, lines = new[] { new { productId = product.Id, quantity = 5, unitPrice = 900 } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, edit.StatusCode);
        var secondEdit = await rep1.PutAsJsonAsync($"/api/v1/quotes/{second["id"]}", new { opportunityId, lines = new[] { new { productId = product.Id, quantity = 6, unitPrice = 950 } } });
        Assert.Equal(HttpStatusCode.OK, secondEdit.StatusCode);
    }
}
