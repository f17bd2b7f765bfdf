using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Tasks;

public sealed class RoutingTests(TasksApp app) : IClassFixture<TasksApp>
{
    [Fact]
    public async Task Requests_land_on_the_engineer_with_the_specialty_and_the_fewest_open_tasks()
    {
        var (gate, check, valveOnly) = (TasksApp.Category("闸阀"), TasksApp.Category("止回阀"), TasksApp.Category("蝶阀"));
        var busy = await app.EngineerAsync(gate, check);  // two open check-valve tasks below
        var free = await app.EngineerAsync(gate);
        var other = await app.EngineerAsync(valveOnly);
        var rep1 = await app.SignInAsync("rep1");
        var opportunity = await TasksApp.OpportunityAsync(rep1);

        Assert.Equal(busy.Id, (await TasksApp.RequestAsync(rep1, opportunity, check))["assigneeId"]!.GetValue<Guid>());
        Assert.Equal(busy.Id, (await TasksApp.RequestAsync(rep1, opportunity, check))["assigneeId"]!.GetValue<Guid>());

        Assert.Equal(free.Id, (await TasksApp.RequestAsync(rep1, opportunity, gate))["assigneeId"]!.GetValue<Guid>());
        Assert.Equal(other.Id, (await TasksApp.RequestAsync(rep1, opportunity, valveOnly))["assigneeId"]!.GetValue<Guid>());
        Assert.Equal(free.Id, (await TasksApp.RequestAsync(rep1, opportunity, gate))["assigneeId"]!.GetValue<Guid>()); // 1 open vs 2

        // 2 and 2 now: a tie goes round, after the last one this category gave a request to (free).
        var tied = new[] { busy.Id, free.Id }.Order().ToList();
        var expected = tied.FirstOrDefault(id => id.CompareTo(free.Id) > 0, tied[0]);
        Assert.Equal(expected, (await TasksApp.RequestAsync(rep1, opportunity, gate))["assigneeId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Equal_loads_go_round_robin()
    {
        var category = TasksApp.Category("球阀");
        var a = await app.EngineerAsync(category);
        var b = await app.EngineerAsync(category);
        var rep1 = await app.SignInAsync("rep1");
        var opportunity = await TasksApp.OpportunityAsync(rep1);

        var picks = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var created = await TasksApp.RequestAsync(rep1, opportunity, category);
            var assignee = created["assigneeId"]!.GetValue<Guid>();
            picks.Add(assignee);
            // Finish it at once, so that both stay at zero open tasks: only the cursor decides.
            var engineer = await app.SignInAsync(app.Users.Single(u => u.Value == assignee).Key);
            var done = await engineer.PostAsJsonAsync($"/api/v1/tasks/{created["taskId"]}/complete", new { });
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }
        Assert.Equal(picks[0], picks[2]);
        Assert.Equal(picks[1], picks[3]);
        Assert.NotEqual(picks[0], picks[1]);
        Assert.Equal(new[] { a.Id, b.Id }.Order(), picks.Take(2).Order());
    }

    [Fact]
    public async Task People_on_leave_are_skipped_and_no_match_is_a_clear_422()
    {
        var category = TasksApp.Category("调节阀");
        var away = await app.EngineerAsync(category);
        var here = await app.EngineerAsync(category);
        var rep1 = await app.SignInAsync("rep1");
        var opportunity = await TasksApp.OpportunityAsync(rep1);

        // The engineer records their own leave, from yesterday to tomorrow (China dates).
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var engineer = await app.SignInAsync(away.UserName);
        var leave = await engineer.PostAsJsonAsync("/api/v1/leaves", new { userId = away.Id, from = today.AddDays(-1), to = today.AddDays(1), note = "年假" });
        Assert.Equal(HttpStatusCode.Created, leave.StatusCode);
        // A sales rep may not put an engineer on leave.
        var byRep = await rep1.PostAsJsonAsync("/api/v1/leaves", new { userId = here.Id, from = today, to = today });
        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);

        for (var i = 0; i < 3; i++)
            Assert.Equal(here.Id, (await TasksApp.RequestAsync(rep1, opportunity, category))["assigneeId"]!.GetValue<Guid>());

        var nobody = await rep1.PostAsJsonAsync($"/api/v1/opportunities/{opportunity}/tech-requests",
            new { productCategory = TasksApp.Category("安全阀"), description = "需要评估" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nobody.StatusCode);
        Assert.Contains("没有可接单", (await PipewrightApp.ReadAsync(nobody))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_is_a_400_per_field_and_an_opportunity_out_of_scope_is_a_404()
    {
        var rep1 = await app.SignInAsync("rep1");
        var opportunity = await TasksApp.OpportunityAsync(rep1);
        var bad = await rep1.PostAsJsonAsync($"/api/v1/opportunities/{opportunity}/tech-requests", new { productCategory = "", description = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await PipewrightApp.ReadAsync(bad))["errors"]!.AsObject();
        Assert.Contains("productCategory", errors.Select(e => e.Key));
        Assert.Contains("需求说明", errors["description"]![0]!.GetValue<string>());

        var past = await rep1.PostAsJsonAsync($"/api/v1/opportunities/{opportunity}/tech-requests",
            new { productCategory = "闸阀", description = "x", dueAt = app.Clock.GetUtcNow().AddHours(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.NotNull((await PipewrightApp.ReadAsync(past))["errors"]!["dueAt"]);

        var south = await app.SignInAsync("southrep");
        var hidden = await south.PostAsJsonAsync($"/api/v1/opportunities/{opportunity}/tech-requests", new { productCategory = "闸阀", description = "x" });
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Checklist_templates_have_valve_defaults_an_admin_can_edit_and_a_request_keeps_its_snapshot()
    {
        var rep1 = await app.SignInAsync("rep1");
        var defaults = (await rep1.GetFromJsonAsync<JsonArray>("/api/v1/checklists"))!;
        var gate = defaults.Single(c => c!["category"]!.GetValue<string>() == "闸阀")!;
        Assert.Contains("口径 DN 确认", gate["items"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.True(gate["isDefault"]!.GetValue<bool>());

        var category = TasksApp.Category("刀闸阀");
        await app.EngineerAsync(category);
        var byRep = await rep1.PutAsJsonAsync($"/api/v1/checklists/{Uri.EscapeDataString(category)}", new { items = new[] { "口径" } });
        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);
        var admin = await app.AdminAsync();
        var saved = await admin.PutAsJsonAsync($"/api/v1/checklists/{Uri.EscapeDataString(category)}", new { items = new[] { "口径 DN", "浆液浓度", " " } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var empty = await admin.PutAsJsonAsync($"/api/v1/checklists/{Uri.EscapeDataString(category)}", new { items = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var opportunity = await TasksApp.OpportunityAsync(rep1);
        var created = await TasksApp.RequestAsync(rep1, opportunity, category);
        await admin.PutAsJsonAsync($"/api/v1/checklists/{Uri.EscapeDataString(category)}", new { items = new[] { "全部改掉" } });
        var task = (await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/tasks/{created["taskId"]}"))!;
        Assert.Equal(["口径 DN", "浆液浓度"], task["checklistItems"]!.AsArray().Select(i => i!.GetValue<string>()));
    }
}
