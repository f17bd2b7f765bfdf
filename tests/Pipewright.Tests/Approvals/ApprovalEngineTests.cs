using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Approvals.Reminders;
using Pipewright.Tests.Infrastructure;
using static Pipewright.Tests.Quotes.QuoteTestData;

namespace Pipewright.Tests.Approvals;

/// <summary>The engine under policies an administrator sets (each test sets its own; tests of a class run one at a time).</summary>
public sealed class ApprovalEngineTests(ApprovalEngineTests.App app) : IClassFixture<ApprovalEngineTests.App>
{
    public sealed class App : CompanyApp
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await CreateUserAsync(await AdminAsync(), "finance2", "钱芳", "Finance", null);
        }
    }

    private async Task SetPoliciesAsync(params object[] policies)
    {
        var response = await (await app.AdminAsync()).PutAsJsonAsync("/api/v1/approval-policies", new { policies });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static object Always(params object[] steps) =>
        new { name = "全部报价", conditions = new[] { new { kind = "totalAbove", threshold = 0m } }, steps };

    private async Task<(Guid QuoteId, Guid ApprovalId, HttpClient Rep)> SubmitAsync(decimal unitPrice = 950m)
    {
        var rep1 = await app.SignInAsync("rep1");
        var product = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        var (_, opportunityId, _) = await DealAsync(rep1);
        var quote = await QuoteAsync(rep1, opportunityId, product.Id, 3, unitPrice);
        var (status, body) = await PostAsync(rep1, $"/api/v1/quotes/{quote["id"]}/submit");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pendingApproval", body["status"]!.GetValue<string>());
        return (quote["id"]!.GetValue<Guid>(), body["approval"]!["id"]!.GetValue<Guid>(), rep1);
    }

    private async Task<bool> InInboxAsync(string user, Guid approvalId) =>
        (await InboxAsync(await app.SignInAsync(user))).Any(i => i!["id"]!.GetValue<Guid>() == approvalId);

    private async Task DecideAsync(string user, Guid approvalId, string decision = "approve")
    {
        var (status, body) = await PostAsync(await app.SignInAsync(user), $"/api/v1/approvals/{approvalId}/decision", new { decision });
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
    }

    private async Task<string> QuoteStatusAsync(HttpClient rep, Guid quoteId) =>
        (await GetAsync(rep, $"/api/v1/quotes/{quoteId}"))["status"]!.GetValue<string>();

    [Fact]
    public async Task A_countersign_step_needs_everyone_and_a_person_who_already_approved_is_not_asked_again()
    {
        await SetPoliciesAsync(Always(
            new { approverKind = "relativeRegionalManager", mode = "one" },
            new { approverKind = "role", role = "Finance", mode = "all" },
            new { approverKind = "user", userId = app.Users["eastmanager"], mode = "one" }));
        var (quoteId, approvalId, rep) = await SubmitAsync();

        await DecideAsync("eastmanager", approvalId);
        Assert.True(await InInboxAsync("finance", approvalId));
        Assert.True(await InInboxAsync("finance2", approvalId));
        await DecideAsync("finance", approvalId);
        Assert.True(await InInboxAsync("finance2", approvalId));
        Assert.Equal("pendingApproval", await QuoteStatusAsync(rep, quoteId));
        await DecideAsync("finance2", approvalId);

        // The last step names eastmanager, who approved at the first: skipped, and the quote is approved.
        Assert.False(await InInboxAsync("eastmanager", approvalId));
        Assert.Equal("approved", await QuoteStatusAsync(rep, quoteId));
        var history = await GetAsync(rep, $"/api/v1/approvals/{approvalId}");
        Assert.Equal("skipped", history["steps"]![2]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_any_one_step_is_done_with_the_first_approval_and_leaves_the_others_inbox()
    {
        await SetPoliciesAsync(Always(new { approverKind = "role", role = "Finance", mode = "any" }));
        var (quoteId, approvalId, rep) = await SubmitAsync();
        Assert.True(await InInboxAsync("finance", approvalId));
        Assert.True(await InInboxAsync("finance2", approvalId));

        await DecideAsync("finance2", approvalId);
        Assert.False(await InInboxAsync("finance", approvalId));
        Assert.Equal("approved", await QuoteStatusAsync(rep, quoteId));
    }

    [Fact]
    public async Task An_approver_away_delegates_and_the_task_goes_to_the_delegate_on_their_behalf()
    {
        await SetPoliciesAsync(Always(new { approverKind = "role", role = "GeneralManager", mode = "one" }));
        var gm = await app.SignInAsync("gm");
        var delegation = await gm.PostAsJsonAsync("/api/v1/approvals/delegations",
            new { delegateId = app.Users["finance2"], until = app.Clock.GetUtcNow().AddDays(3) });
        Assert.Equal(HttpStatusCode.Created, delegation.StatusCode);

        var (quoteId, approvalId, rep) = await SubmitAsync();
        Assert.False(await InInboxAsync("gm", approvalId));
        var item = (await InboxAsync(await app.SignInAsync("finance2"))).Single(i => i!["id"]!.GetValue<Guid>() == approvalId)!;
        Assert.Equal(app.Users["gm"], item["onBehalfOfId"]!.GetValue<Guid>());
        await DecideAsync("finance2", approvalId);
        Assert.Equal("approved", await QuoteStatusAsync(rep, quoteId));

        var task = (await GetAsync(rep, $"/api/v1/approvals/{approvalId}"))["steps"]![0]!["tasks"]![0]!;
        Assert.Equal(app.Users["gm"], task["approverId"]!.GetValue<Guid>());
        Assert.Equal(app.Users["finance2"], task["assigneeId"]!.GetValue<Guid>());
        var delegationId = (await PipewrightApp.ReadAsync(delegation))["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await gm.DeleteAsync($"/api/v1/approvals/delegations/{delegationId}")).StatusCode);
    }

    [Fact]
    public async Task A_rejection_can_go_back_to_the_previous_step_instead_of_the_submitter()
    {
        await SetPoliciesAsync(Always(
            new { approverKind = "relativeRegionalManager", mode = "one" },
            new { approverKind = "role", role = "GeneralManager", mode = "one", rejectToPreviousStep = true }));
        var (quoteId, approvalId, rep) = await SubmitAsync();
        await DecideAsync("eastmanager", approvalId);
        await DecideAsync("gm", approvalId, "reject");

        Assert.True(await InInboxAsync("eastmanager", approvalId));
        Assert.Equal("pendingApproval", await QuoteStatusAsync(rep, quoteId));
        await DecideAsync("eastmanager", approvalId);
        await DecideAsync("gm", approvalId);
        Assert.Equal("approved", await QuoteStatusAsync(rep, quoteId));
    }

    [Fact]
    public async Task A_promised_date_the_ERP_cannot_meet_needs_approval_and_an_unknown_answer_blocks_nothing()
    {
        await SetPoliciesAsync(new { name = "交期不满足", conditions = new[] { new { kind = "deliveryUnmet" } }, steps = new[] { new { approverKind = "role", role = "GeneralManager", mode = "one" } } });
        var rep1 = await app.SignInAsync("rep1");
        var product = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        await StockAsync(app, product.Model, onHand: 0, weeklyCapacity: 10);
        var (_, opportunityId, _) = await DealAsync(rep1);
        // The app's today, not the machine's: other tests of this class move the app's clock on by hours.
        var promised = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Pipewright.Common.Data.ChinaTime.Zone).DateTime).AddDays(7);

        var quote = await QuoteAsync(rep1, opportunityId, product.Id, 30, 1000m, promised);
        var line = quote["lines"]![0]!;
        Assert.False(line["canMeet"]!.GetValue<bool>());
        Assert.Equal(promised.AddDays(14), DateOnly.Parse(line["earliestShipDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        var (_, submitted) = await PostAsync(rep1, $"/api/v1/quotes/{quote["id"]}/submit");
        Assert.Equal("pendingApproval", submitted["status"]!.GetValue<string>());
        Assert.Equal("GeneralManager", submitted["approval"]!["steps"]![0]!["role"]!.GetValue<string>());

        // No stock row: the ERP cannot say; the quote is not held up.
        var unknown = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        var other = await QuoteAsync(rep1, opportunityId, unknown.Id, 30, 1000m, promised);
        Assert.Null(other["lines"]![0]!["canMeet"]);
        Assert.Equal("approved", (await PostAsync(rep1, $"/api/v1/quotes/{other["id"]}/submit")).Body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Approvers_are_reminded_once_when_a_step_is_nearly_due_and_once_when_overdue()
    {
        await SetPoliciesAsync(Always(new { approverKind = "relativeRegionalManager", mode = "one", dueHours = 4 }));
        var (_, approvalId, _) = await SubmitAsync();
        var job = app.Services.GetRequiredService<ApprovalReminderJob>();
        async Task<int> RemindersAsync() => (await GetAsync(await app.SignInAsync("eastmanager"), "/api/v1/notifications?pageSize=200"))["items"]!
            .AsArray().Count(n => n!["kind"]!.GetValue<string>() == "approval-reminder" && n["title"]!.GetValue<string>().Contains("BJ"));

        var before = await RemindersAsync();
        app.Clock.Advance(TimeSpan.FromHours(3.5));
        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);
        Assert.Equal(before + 1, await RemindersAsync());
        app.Clock.Advance(TimeSpan.FromHours(1));
        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);
        Assert.Equal(before + 2, await RemindersAsync());
        Assert.True((await InboxAsync(await app.SignInAsync("eastmanager"))).Single(i => i!["id"]!.GetValue<Guid>() == approvalId)!["overdue"]!.GetValue<bool>());
        await DecideAsync("eastmanager", approvalId);
    }

    [Fact]
    public async Task Only_an_administrator_changes_policies_and_bad_ones_are_400_per_field()
    {
        var gm = await app.SignInAsync("gm");
        Assert.Equal(HttpStatusCode.OK, (await gm.GetAsync("/api/v1/approval-policies")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gm.PutAsJsonAsync("/api/v1/approval-policies", new { policies = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("rep1")).GetAsync("/api/v1/approval-policies")).StatusCode);

        var bad = await (await app.AdminAsync()).PutAsJsonAsync("/api/v1/approval-policies", new
        {
            policies = new[] { new { name = "错", conditions = new[] { new { kind = "marginRateBelow" } }, steps = new[] { new { approverKind = "role", role = "Boss" } } } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await PipewrightApp.ReadAsync(bad))["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("policies[0].conditions[0].threshold", errors);
        Assert.Contains("policies[0].steps[0].role", errors);
    }
}
