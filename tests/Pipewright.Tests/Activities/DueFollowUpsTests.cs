using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Activities;

/// <summary>Moves the clock: a company of its own.</summary>
public sealed class DueFollowUpsTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_next_step_is_due_from_its_date_in_China_time_until_a_later_follow_up_takes_care_of_it()
    {
        // 23:30 in Ningbo on 10 March is still 15:30 UTC: "today" is China's date.
        app.Clock.Set(new DateTimeOffset(2026, 3, 10, 23, 30, 0, China));
        var rep1 = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(rep1, new { name = PipewrightApp.Unique("宁海永固阀门") });
        var later = await CompanyApp.CreateCustomerAsync(rep1, new { name = PipewrightApp.Unique("三门海利泵业") });
        await RecordAsync(rep1, customer["id"]!, "送样品", "2026-03-10");
        await RecordAsync(rep1, later["id"]!, "约技术交流", "2026-03-11");

        var due = await DueAsync(rep1);
        Assert.Equal(["送样品"], due.Select(d => d!["nextStep"]!.GetValue<string>()));
        Assert.Equal(0, due[0]!["daysOverdue"]!.GetValue<int>());
        Assert.Empty(await DueAsync(await app.SignInAsync("rep2")));

        app.Clock.Set(new DateTimeOffset(2026, 3, 12, 8, 0, 0, China));
        rep1 = await app.SignInAsync("rep1");
        due = await DueAsync(rep1);
        Assert.Equal(["送样品", "约技术交流"], due.Select(d => d!["nextStep"]!.GetValue<string>()));
        Assert.Equal(2, due[0]!["daysOverdue"]!.GetValue<int>());

        // The follow-up that delivers the samples closes the step (the activity observers run with the save).
        await RecordAsync(rep1, customer["id"]!, null, null);
        Assert.Equal(["约技术交流"], (await DueAsync(rep1)).Select(d => d!["nextStep"]!.GetValue<string>()));
        var timeline = await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customer["id"]}/activities");
        Assert.NotNull(timeline!["items"]![1]!["nextStepDoneAt"]);
    }

    private static async Task RecordAsync(HttpClient client, JsonNode customerId, string? nextStep, string? nextDate)
    {
        var response = await client.PostAsJsonAsync("/api/v1/activities",
            new { customerId, kind = "call", content = "电话跟进", nextStep, nextDate });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonArray> DueAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/v1/activities/due"))!["items"]!.AsArray();
}
