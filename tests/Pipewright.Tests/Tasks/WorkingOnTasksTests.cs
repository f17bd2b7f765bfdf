using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Tasks.Escalation;
using Pipewright.Tests.Activities;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Tasks;

public sealed class WorkingOnTasksTests(TasksApp app) : IClassFixture<TasksApp>
{
    /// <summary>The first bytes of the recordings browsers make: WebM (Chrome), MP4 (Safari), Ogg (Firefox), and WAV.</summary>
    private static readonly byte[] Webm = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81, 0x04];
    private static readonly byte[] M4a = [0, 0, 0, 0x1C, .. "ftypM4A "u8, 0, 0, 0, 0, .. "M4A isommp42"u8];
    private static readonly byte[] Ogg = [.. "OggS"u8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4];
    private static readonly byte[] Wav = [.. "RIFF"u8, 36, 0, 0, 0, .. "WAVEfmt "u8, 16, 0, 0, 0];

    private async Task<(JsonObject Created, HttpClient Engineer, HttpClient Rep)> AssignedAsync(DateTimeOffset? dueAt = null)
    {
        var category = TasksApp.Category("闸阀");
        var engineer = await app.EngineerAsync(category);
        var rep1 = await app.SignInAsync("rep1");
        var opportunity = await TasksApp.OpportunityAsync(rep1);
        var created = await TasksApp.RequestAsync(rep1, opportunity, category, dueAt);
        created["opportunityId"] = opportunity;
        return (created, await app.SignInAsync(engineer.UserName), rep1);
    }

    private static async Task<Guid> UploadAsync(HttpClient client, byte[] content, string name, string type)
    {
        var response = await client.PostAsync("/api/v1/attachments", TestFiles.Form(content, name, type));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await PipewrightApp.ReadAsync(response))["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task Voice_notes_from_every_browser_are_accepted_as_audio()
    {
        var rep1 = await app.SignInAsync("rep1");
        foreach (var (bytes, name, type) in new[] { (Webm, "note.webm", "audio/webm"), (M4a, "note.m4a", "audio/mp4"), (Ogg, "note.ogg", "audio/ogg"), (Wav, "note.wav", "audio/wav") })
        {
            var response = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form(bytes, name, "application/octet-stream"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var body = await PipewrightApp.ReadAsync(response);
            Assert.Equal(type, body["contentType"]!.GetValue<string>());
            Assert.Equal(name, body["fileName"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_retried_upload_with_the_same_idempotency_key_stores_the_file_once()
    {
        var rep1 = await app.SignInAsync("rep1");
        var key = Guid.NewGuid().ToString();
        async Task<JsonObject> UploadAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/attachments") { Content = TestFiles.Form(Webm, "语音.webm", "audio/webm") };
            request.Headers.Add("Idempotency-Key", key);
            var response = await rep1.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await PipewrightApp.ReadAsync(response);
        }
        Assert.Equal((await UploadAsync())["id"]!.GetValue<Guid>(), (await UploadAsync())["id"]!.GetValue<Guid>());

        var tooLong = new HttpRequestMessage(HttpMethod.Post, "/api/v1/attachments") { Content = TestFiles.Form(Webm, "a.webm", "audio/webm") };
        tooLong.Headers.Add("Idempotency-Key", new string('k', 65));
        Assert.Equal(HttpStatusCode.BadRequest, (await rep1.SendAsync(tooLong)).StatusCode);
    }

    [Fact]
    public async Task The_engineer_completes_with_ticked_items_a_photo_and_a_voice_note_and_the_requester_sees_it()
    {
        var (created, engineer, rep1) = await AssignedAsync();
        var id = created["taskId"]!.GetValue<Guid>();
        var mine = (await engineer.GetFromJsonAsync<JsonObject>("/api/v1/tasks?assignee=me&status=open"))!;
        var listed = Assert.Single(mine["items"]!.AsArray());
        Assert.Equal(id, listed!["id"]!.GetValue<Guid>());
        var items = listed["checklistItems"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();
        Assert.Contains("压力等级 PN/Class", items);

        var photo = await UploadAsync(engineer, TestFiles.Jpeg(64, 48), "现场.jpg", "image/jpeg");
        var voice = await UploadAsync(engineer, Webm, "语音.webm", "audio/webm");
        var unknown = await engineer.PostAsJsonAsync($"/api/v1/tasks/{id}/complete", new { checkedItems = new[] { "不存在的项" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var othersFile = await UploadAsync(rep1, TestFiles.Jpeg(8, 8), "x.jpg", "image/jpeg");
        var stolen = await engineer.PostAsJsonAsync($"/api/v1/tasks/{id}/complete", new { attachmentIds = new[] { othersFile } });
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.NotNull((await PipewrightApp.ReadAsync(stolen))["errors"]!["attachmentIds"]);

        var done = await engineer.PostAsJsonAsync($"/api/v1/tasks/{id}/complete",
            new { checkedItems = items.Take(2), note = "现场为热水管线，建议金属硬密封", attachmentIds = new[] { photo, voice } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        var onOpportunity = (await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/tasks?opportunityId={created["opportunityId"]!.GetValue<Guid>()}"))!;
        var task = Assert.Single(onOpportunity["items"]!.AsArray())!;
        Assert.Equal("done", task["status"]!.GetValue<string>());
        var detail = (await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/tasks/{id}"))!;
        Assert.Equal(items.Take(2), detail["checkedItems"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(["image/jpeg", "audio/webm"], detail["attachments"]!.AsArray().Select(a => a!["contentType"]!.GetValue<string>()));
        Assert.Equal("现场为热水管线，建议金属硬密封", detail["note"]!.GetValue<string>());
        // The requester may now play the voice note (it belongs to the customer's records).
        Assert.Equal(HttpStatusCode.OK, (await rep1.GetAsync($"/api/v1/attachments/{voice}")).StatusCode);

        var again = await engineer.PostAsJsonAsync($"/api/v1/tasks/{id}/complete", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_returns_the_first_answer_without_completing_twice()
    {
        var (created, engineer, _) = await AssignedAsync();
        var id = created["taskId"]!.GetValue<Guid>();
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> CompleteAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{id}/complete") { Content = JsonContent.Create(new { note = "一次" }) };
            request.Headers.Add("Idempotency-Key", key);
            return await engineer.SendAsync(request);
        }

        var first = await CompleteAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await CompleteAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        var (a, b) = (await PipewrightApp.ReadAsync(first), await PipewrightApp.ReadAsync(second));
        Assert.Equal(a["completedAt"]!.ToString(), b["completedAt"]!.ToString());
        Assert.Equal(a["version"]!.GetValue<int>(), b["version"]!.GetValue<int>());

        var history = (await (await app.AdminAsync()).GetFromJsonAsync<JsonObject>($"/api/v1/audit?entityType=TechTask&entityId={id}"))!;
        Assert.Equal(1, history["items"]!.AsArray().Count(e => e!["entityType"]!.GetValue<string>() == "TechTask" && e["action"]!.GetValue<string>() == "updated"));
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PostAsJsonAsync($"/api/v1/tasks/{id}/complete", new { })).StatusCode);
    }

    [Fact]
    public async Task Metrics_record_the_first_action_the_completion_and_whether_it_was_on_time()
    {
        var (created, engineer, _) = await AssignedAsync(app.Clock.GetUtcNow().AddHours(2));
        var id = created["taskId"]!.GetValue<Guid>();
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var started = await engineer.PostAsync($"/api/v1/tasks/{id}/start", null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal("inProgress", (await PipewrightApp.ReadAsync(started))["status"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromMinutes(60));
        await engineer.PostAsync($"/api/v1/tasks/{id}/start", null); // a second start changes nothing
        var done = await PipewrightApp.ReadAsync(await engineer.PostAsJsonAsync($"/api/v1/tasks/{id}/complete", new { }));
        Assert.Equal(30, done["responseMinutes"]!.GetValue<int>());
        Assert.Equal(90, done["completionMinutes"]!.GetValue<int>());
        Assert.True(done["onTime"]!.GetValue<bool>());

        var (late, _, _) = await AssignedAsync(app.Clock.GetUtcNow().AddHours(1));
        app.Clock.Advance(TimeSpan.FromHours(3));
        var lateEngineer = await app.SignInAsync(app.Users.Single(u => u.Value == late["assigneeId"]!.GetValue<Guid>()).Key);
        var lateDone = await PipewrightApp.ReadAsync(await lateEngineer.PostAsJsonAsync($"/api/v1/tasks/{late["taskId"]}/complete", new { }));
        Assert.False(lateDone["onTime"]!.GetValue<bool>());
        Assert.Equal(180, lateDone["responseMinutes"]!.GetValue<int>());
    }

    [Fact]
    public async Task Only_the_engineering_manager_reassigns_and_others_see_nothing_out_of_scope()
    {
        var category = TasksApp.Category("截止阀");
        var first = await app.EngineerAsync(category);
        var second = await app.EngineerAsync(TasksApp.Category("别的"));
        var rep1 = await app.SignInAsync("rep1");
        var opportunity = await TasksApp.OpportunityAsync(rep1);
        var created = await TasksApp.RequestAsync(rep1, opportunity, category);
        var id = created["taskId"]!.GetValue<Guid>();
        Assert.Equal(first.Id, created["assigneeId"]!.GetValue<Guid>());

        var southrep = await app.SignInAsync("southrep");
        Assert.Equal(HttpStatusCode.NotFound, (await southrep.GetAsync($"/api/v1/tasks/{id}")).StatusCode);
        Assert.Empty((await southrep.GetFromJsonAsync<JsonObject>("/api/v1/tasks"))!["items"]!.AsArray());
        var otherEngineer = await app.SignInAsync(second.UserName);
        Assert.Equal(HttpStatusCode.NotFound, (await otherEngineer.GetAsync($"/api/v1/tasks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherEngineer.PostAsJsonAsync($"/api/v1/tasks/{id}/complete", new { })).StatusCode);
        // The requester sees it but cannot do the engineer's work, nor hand it to someone else.
        Assert.Equal(HttpStatusCode.Forbidden, (await rep1.PostAsJsonAsync($"/api/v1/tasks/{id}/complete", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep1.PostAsJsonAsync($"/api/v1/tasks/{id}/reassign", new { assigneeId = second.Id })).StatusCode);
        var engineer = await app.SignInAsync(first.UserName);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/tasks/{id}/reassign", new { assigneeId = second.Id })).StatusCode);

        var manager = await app.SignInAsync("engmanager");
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync($"/api/v1/tasks/{id}/reassign", new { assigneeId = app.Users["rep2"] })).StatusCode);
        var moved = await manager.PostAsJsonAsync($"/api/v1/tasks/{id}/reassign", new { assigneeId = second.Id, reason = "李工出差" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var task = await PipewrightApp.ReadAsync(moved);
        Assert.Equal(second.Id, task["assigneeId"]!.GetValue<Guid>());
        var history = Assert.Single(task["reassignments"]!.AsArray())!;
        Assert.Equal(first.Id, history["fromId"]!.GetValue<Guid>());
        Assert.Equal("李工出差", history["reason"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync($"/api/v1/tasks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherEngineer.GetAsync($"/api/v1/tasks/{id}")).StatusCode);
        var notices = (await otherEngineer.GetFromJsonAsync<JsonObject>("/api/v1/notifications"))!["items"]!.AsArray();
        Assert.Contains(notices, n => n!["link"]?.GetValue<string>() == $"/m/tasks/{id}");
    }

    [Fact]
    public async Task An_overdue_request_is_escalated_to_the_engineering_manager_once_after_a_due_soon_reminder()
    {
        var (created, engineer, _) = await AssignedAsync(app.Clock.GetUtcNow().AddHours(3));
        var id = created["taskId"]!.GetValue<Guid>();
        var code = created["code"]!.GetValue<string>();
        var sweep = app.Services.GetRequiredService<TaskSweep>();

        await sweep.RunAsync(CancellationToken.None); // due in 3 h, within the 4 h reminder window
        await sweep.RunAsync(CancellationToken.None);
        var dueSoon = await NoticesAsync(engineer, code, "即将到期");
        Assert.Equal(1, dueSoon);

        app.Clock.Advance(TimeSpan.FromHours(4));
        await sweep.RunAsync(CancellationToken.None);
        await sweep.RunAsync(CancellationToken.None);
        var manager = await app.SignInAsync("engmanager");
        Assert.Equal(1, await NoticesAsync(manager, code, "超期升级"));
        engineer = await app.SignInAsync(app.Users.Single(u => u.Value == created["assigneeId"]!.GetValue<Guid>()).Key);
        Assert.Equal(1, await NoticesAsync(engineer, code, "已超期"));

        var task = (await manager.GetFromJsonAsync<JsonObject>($"/api/v1/tasks/{id}"))!;
        Assert.NotNull(task["escalatedAt"]);
        Assert.True(task["overdue"]!.GetValue<bool>());
        Assert.Contains((await manager.GetFromJsonAsync<JsonObject>("/api/v1/tasks?status=open"))!["items"]!.AsArray(),
            t => t!["id"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task The_requester_withdraws_a_request_and_a_departing_engineers_open_requests_go_to_the_successor()
    {
        var category = TasksApp.Category("闸阀");
        var leaving = await app.EngineerAsync(category);
        var successor = await app.EngineerAsync(TasksApp.Category("别的"));
        var rep1 = await app.SignInAsync("rep1");
        var opportunity = await TasksApp.OpportunityAsync(rep1);
        var withdrawn = (await TasksApp.RequestAsync(rep1, opportunity, category))["taskId"]!.GetValue<Guid>();
        var kept = (await TasksApp.RequestAsync(rep1, opportunity, category))["taskId"]!.GetValue<Guid>();

        var engineer = await app.SignInAsync(leaving.UserName);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsync($"/api/v1/tasks/{withdrawn}/cancel", null)).StatusCode);
        var cancelled = await rep1.PostAsync($"/api/v1/tasks/{withdrawn}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await PipewrightApp.ReadAsync(cancelled))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PostAsJsonAsync($"/api/v1/tasks/{withdrawn}/complete", new { })).StatusCode);

        var admin = await app.AdminAsync();
        var handover = await admin.PostAsJsonAsync($"/api/v1/users/{leaving.Id}/deactivate", new { handoverToUserId = successor.Id });
        Assert.Equal(HttpStatusCode.OK, handover.StatusCode);
        Assert.Equal(1, (await PipewrightApp.ReadAsync(handover))["tasks"]!.GetValue<int>());
        var task = (await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/tasks/{kept}"))!;
        Assert.Equal(successor.Id, task["assigneeId"]!.GetValue<Guid>());
        Assert.Equal(leaving.Id, Assert.Single(task["reassignments"]!.AsArray())!["fromId"]!.GetValue<Guid>());
    }

    private static async Task<int> NoticesAsync(HttpClient client, string code, string text)
    {
        var items = (await client.GetFromJsonAsync<JsonObject>("/api/v1/notifications?pageSize=200"))!["items"]!.AsArray();
        return items.Count(n => n!["title"]!.GetValue<string>().Contains(code, StringComparison.Ordinal)
            && n["title"]!.GetValue<string>().Contains(text, StringComparison.Ordinal));
    }
}
