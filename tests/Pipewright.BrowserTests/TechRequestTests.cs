using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

/// <summary>王磊 asks for a technical evaluation from the customer's page; 李志强, who leads the engineers, hands it on.</summary>
public sealed class TechRequestTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_salesperson_requests_an_evaluation_and_the_engineering_manager_reassigns_it()
    {
        var wanglei = await app.ApiAsync("wanglei");
        var customer = (await wanglei.GetFromJsonAsync<JsonObject>("api/v1/customers?pageSize=1&page=3"))!["items"]![0]!;
        var customerId = customer["id"]!.GetValue<Guid>();
        var title = "蝶阀改造" + BrowserApp.Unique();
        var opened = await wanglei.PostAsJsonAsync("api/v1/opportunities", new { customerId, title });
        var opportunityId = (await opened.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        await app.RunAsync(nameof(A_salesperson_requests_an_evaluation_and_the_engineering_manager_reassigns_it), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync($"customers/{customerId}");
            await ui.ShowTabAsync("techRequests");
            var panel = ui[$"#tech-requests-{opportunityId}"];
            await panel.Locator(".tech-ask").ClickAsync();
            await panel.Locator(".tech-submit").ClickAsync();
            await Expect(panel.Locator(".field-error, .failure-alert").First).ToBeVisibleAsync(); // nothing filled in
            await panel.Locator(".tech-category").FillAsync("蝶阀");
            await panel.Locator(".tech-description").FillAsync("DN600 对夹蝶阀，确认执行机构与安装空间");
            await panel.Locator(".tech-submit").ClickAsync();
            await Expect(panel.Locator(".tech-assigned")).ToContainTextAsync("已派给");
            await Expect(panel.Locator("li[data-task]")).ToHaveCountAsync(1);
            await ui.ScreenshotAsync("requested");
        });

        var task = (await wanglei.GetFromJsonAsync<JsonObject>($"api/v1/tasks?opportunityId={opportunityId}"))!["items"]![0]!;
        var code = task["code"]!.GetValue<string>();
        var first = task["assigneeName"]!.GetValue<string>();
        Assert.Contains(first, new[] { "吴海涛", "何建平" }); // the two butterfly-valve engineers

        await app.RunAsync(nameof(A_salesperson_requests_an_evaluation_and_the_engineering_manager_reassigns_it) + "-manager", async ui =>
        {
            await ui.SignInAsync("lizhiqiang");
            await ui.OpenAsync("tasks");
            var row = ui[$"#tasks-table tr[data-task='{code}']"];
            await Expect(row.Locator(".assignee")).ToHaveTextAsync(first);
            await row.Locator(".reassign").ClickAsync();
            var other = first == "吴海涛" ? "何建平" : "吴海涛";
            var option = row.Locator(".reassign-to option", new() { HasTextString = other });
            await row.Locator(".reassign-to").SelectOptionAsync((await option.GetAttributeAsync("value"))!);
            await row.Locator(".confirm-reassign").ClickAsync();
            await Expect(row.Locator(".assignee")).ToHaveTextAsync(other);
            await ui.ScreenshotAsync("reassigned");
        });
    }
}
