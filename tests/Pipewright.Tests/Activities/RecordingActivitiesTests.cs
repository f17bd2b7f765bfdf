using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Activities;

public sealed class RecordingActivitiesTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task A_visit_with_a_check_in_and_a_photo_is_kept_with_the_reading_its_WGS84_value_and_the_distance()
    {
        var rep1 = await app.SignInAsync("rep1");
        // The customer's gate, recorded in WGS-84; the phone's map SDK reports GCJ-02 a few metres away.
        var customer = await CompanyApp.CreateCustomerAsync(rep1, new
        {
            name = PipewrightApp.Unique("宁波东海阀门"),
            location = new { lat = 31.1774276, lng = 121.5272106, system = "wgs84" },
            contacts = new[] { new { name = "林海峰", mobile = "13805741234" } },
        });
        var contactId = customer["contacts"]![0]!["id"]!.GetValue<Guid>();
        var upload = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form(TestFiles.Jpeg(800, 600), "车间.jpg", "image/jpeg"));
        var photoId = (await PipewrightApp.ReadAsync(upload))["id"]!.GetValue<Guid>();

        var response = await rep1.PostAsJsonAsync("/api/v1/activities", new
        {
            customerId = customer["id"],
            kind = "visit",
            content = "拜访林科长，看了 DN200 闸阀的安装现场，客户担心交期。",
            nextStep = "寄 Z41H 样品",
            nextDate = "2099-01-05",
            checkIn = new { lat = 31.17530398364597, lng = 121.531541859215, accuracy = 18.5, system = "gcj02" },
            attachmentIds = new[] { photoId },
            contactIds = new[] { contactId },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var activity = await PipewrightApp.ReadAsync(response);
        Assert.Equal($"/api/v1/activities/{activity["id"]}", response.Headers.Location!.OriginalString);
        Assert.Equal("visit", activity["kind"]!.GetValue<string>());
        Assert.Equal("王磊", activity["authorName"]!.GetValue<string>());
        Assert.Equal(app.Users["rep1"], activity["authorId"]!.GetValue<Guid>());
        Assert.Equal("2099-01-05", activity["nextDate"]!.GetValue<string>());
        Assert.Equal("林海峰", activity["contacts"]![0]!["name"]!.GetValue<string>());

        var checkIn = activity["checkIn"]!;
        Assert.Equal("gcj02", checkIn["system"]!.GetValue<string>());
        Assert.Equal(31.17530398364597, checkIn["lat"]!.GetValue<double>(), 9);
        Assert.Equal(18.5, checkIn["accuracy"]!.GetValue<double>());
        Assert.Equal(31.1774276, checkIn["wgsLat"]!.GetValue<double>(), 6);
        Assert.Equal(121.5272106, checkIn["wgsLng"]!.GetValue<double>(), 6);
        Assert.True(checkIn["distanceMeters"]!.GetValue<double>() < 1, checkIn.ToJsonString());

        var photo = activity["attachments"]![0]!;
        Assert.Equal(photoId, photo["id"]!.GetValue<Guid>());
        Assert.Equal($"/api/v1/attachments/{photoId}/preview", photo["previewUrl"]!.GetValue<string>());

        var timeline = await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customer["id"]}/activities");
        Assert.Equal(activity["id"]!.GetValue<Guid>(), timeline!["items"]![0]!["id"]!.GetValue<Guid>());
        Assert.Equal(photoId, timeline["items"]![0]!["attachments"]![0]!["id"]!.GetValue<Guid>());

        var history = await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/audit?entityType=Customer&entityId={customer["id"]}");
        Assert.Contains(history!["items"]!.AsArray(), e => e!["entityType"]!.GetValue<string>() == "Activity");
    }

    [Fact]
    public async Task A_call_without_a_time_happened_now_and_a_deal_must_be_the_customers_own()
    {
        var rep1 = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(rep1, new { name = PipewrightApp.Unique("慈溪华丰泵业") });
        var other = await CompanyApp.CreateCustomerAsync(rep1, new { name = PipewrightApp.Unique("余姚江南管件") });
        var deal = await PipewrightApp.ReadAsync(await rep1.PostAsJsonAsync("/api/v1/opportunities",
            new { customerId = other["id"], title = "球阀 60 台" }));

        var wrongDeal = await rep1.PostAsJsonAsync("/api/v1/activities",
            new { customerId = customer["id"], opportunityId = deal["id"], kind = "call", content = "问报价进度" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongDeal.StatusCode);
        Assert.Equal("商机不存在或不属于该客户。", (await PipewrightApp.ReadAsync(wrongDeal))["errors"]!["opportunityId"]![0]!.GetValue<string>());

        var before = app.Clock.GetUtcNow();
        var call = await rep1.PostAsJsonAsync("/api/v1/activities",
            new { customerId = other["id"], opportunityId = deal["id"], kind = "call", content = "问报价进度" });
        Assert.Equal(HttpStatusCode.Created, call.StatusCode);
        var activity = await PipewrightApp.ReadAsync(call);
        Assert.Equal(deal["id"]!.GetValue<Guid>(), activity["opportunityId"]!.GetValue<Guid>());
        var occurredAt = activity["occurredAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(occurredAt, before.AddSeconds(-1), app.Clock.GetUtcNow().AddSeconds(1));
        Assert.Null(activity["checkIn"]);
    }

    [Fact]
    public async Task A_rep_cannot_write_on_a_colleagues_customer_nor_read_its_timeline_nor_use_its_files()
    {
        var rep1 = await app.SignInAsync("rep1");
        var rep2 = await app.SignInAsync("rep2");
        var customer = await CompanyApp.CreateCustomerAsync(rep1, new { name = PipewrightApp.Unique("北仑港机阀门") });
        var upload = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form(TestFiles.Jpeg(32, 32), "x.jpg", "image/jpeg"));
        var rep1File = (await PipewrightApp.ReadAsync(upload))["id"]!.GetValue<Guid>();

        var onColleagues = await rep2.PostAsJsonAsync("/api/v1/activities", new { customerId = customer["id"], kind = "note", content = "试探" });
        Assert.Equal(HttpStatusCode.BadRequest, onColleagues.StatusCode);
        Assert.Equal("客户不存在或不在您的权限范围内。", (await PipewrightApp.ReadAsync(onColleagues))["errors"]!["customerId"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await rep2.GetAsync($"/api/v1/customers/{customer["id"]}/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("eastmanager")).GetAsync($"/api/v1/customers/{customer["id"]}/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("southrep")).GetAsync($"/api/v1/customers/{customer["id"]}/activities")).StatusCode);

        var own = await CompanyApp.CreateCustomerAsync(rep2, new { name = PipewrightApp.Unique("镇海石化配件") });
        var withOthersFile = await rep2.PostAsJsonAsync("/api/v1/activities",
            new { customerId = own["id"], kind = "note", content = "借用照片", attachmentIds = new[] { rep1File } });
        Assert.Equal(HttpStatusCode.BadRequest, withOthersFile.StatusCode);
        Assert.NotNull((await PipewrightApp.ReadAsync(withOthersFile))["errors"]!["attachmentIds"]);

        // A file serves one follow-up: the second use is refused.
        Assert.Equal(HttpStatusCode.Created, (await rep1.PostAsJsonAsync("/api/v1/activities",
            new { customerId = customer["id"], kind = "note", content = "第一次", attachmentIds = new[] { rep1File } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await rep1.PostAsJsonAsync("/api/v1/activities",
            new { customerId = customer["id"], kind = "note", content = "第二次", attachmentIds = new[] { rep1File } })).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_400_with_localized_messages_per_field()
    {
        var rep1 = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(rep1, new { name = PipewrightApp.Unique("奉化精工阀门") });

        var shape = await rep1.PostAsJsonAsync("/api/v1/activities", new
        {
            customerId = customer["id"], kind = "lunch", content = "  ",
            checkIn = new { lat = 91.0, lng = 121.5, system = "baidu" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, shape.StatusCode);
        var errors = (await PipewrightApp.ReadAsync(shape))["errors"]!;
        Assert.Equal("跟进方式只能是拜访、电话、邮件、会议或备注。", errors["kind"]![0]!.GetValue<string>());
        Assert.Equal("请填写跟进内容。", errors["content"]![0]!.GetValue<string>());
        Assert.NotNull(errors["checkIn.lat"]);
        Assert.NotNull(errors["checkIn.system"]);

        async Task<JsonNode> RefusedAsync(HttpClient client, object body, string field)
        {
            var response = await client.PostAsJsonAsync("/api/v1/activities", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await PipewrightApp.ReadAsync(response))["errors"]![field]![0]!;
        }

        var now = app.Clock.GetUtcNow();
        Assert.Equal("跟进时间不能晚于现在。", (await RefusedAsync(rep1,
            new { customerId = customer["id"], kind = "call", content = "x", occurredAt = now.AddHours(1) }, "occurredAt")).GetValue<string>());
        Assert.Equal("下次跟进日期不能早于本次跟进的日期。", (await RefusedAsync(rep1,
            new { customerId = customer["id"], kind = "call", content = "x", occurredAt = new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.FromHours(8)), nextDate = "2026-03-03" },
            "nextDate")).GetValue<string>());
        Assert.Contains("只有拜访可以签到", (await RefusedAsync(rep1,
            new { customerId = customer["id"], kind = "call", content = "x", checkIn = new { lat = 29.87, lng = 121.55, system = "wgs84" } }, "checkIn")).GetValue<string>());
        Assert.Equal("The customer does not exist or is outside your scope.", (await RefusedAsync(await app.SignInAsync("rep1", language: "en-US"),
            new { customerId = Guid.NewGuid(), kind = "call", content = "x" }, "customerId")).GetValue<string>());

        // A phone a few seconds ahead of the server is not "the future".
        Assert.Equal(HttpStatusCode.Created, (await rep1.PostAsJsonAsync("/api/v1/activities",
            new { customerId = customer["id"], kind = "call", content = "刚打完", occurredAt = now.AddMinutes(2) })).StatusCode);
    }

    [Fact]
    public async Task The_timeline_lists_newest_first_one_page_at_a_time()
    {
        var rep1 = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(rep1, new { name = PipewrightApp.Unique("象山海天泵阀") });
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8));
        // Recorded out of order: the timeline follows when things happened, not when they were typed in.
        foreach (var day in new[] { 3, 0, 4, 1, 2 })
        {
            var response = await rep1.PostAsJsonAsync("/api/v1/activities",
                new { customerId = customer["id"], kind = "note", content = $"第 {day} 天", occurredAt = start.AddDays(day) });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var first = await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customer["id"]}/activities?page=1&pageSize=2");
        Assert.Equal(5, first!["total"]!.GetValue<int>());
        Assert.Equal(["第 4 天", "第 3 天"], first["items"]!.AsArray().Select(i => i!["content"]!.GetValue<string>()));
        var last = await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customer["id"]}/activities?page=3&pageSize=2");
        Assert.Equal(["第 0 天"], last!["items"]!.AsArray().Select(i => i!["content"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, (await rep1.GetAsync($"/api/v1/customers/{customer["id"]}/activities?pageSize=500")).StatusCode);
    }
}
