using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;
using static Pipewright.Tests.Leads.LeadsTestHelpers;

namespace Pipewright.Tests.Leads;

public sealed class CapturingLeadsTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task A_booth_lead_reaches_its_owner_converts_to_a_customer_and_a_deal_and_a_second_visit_reuses_the_customer()
    {
        var manager = await app.SignInAsync("eastmanager");
        var form = await CreateFormAsync(manager, new { name = "2026 上海国际流体机械展", channel = "expo", ownerId = app.Users["rep1"] });
        var key = form["formKey"]!.GetValue<string>();
        var company = PipewrightApp.Unique("宁波甬江阀门制造") + "有限公司";

        var page = await app.Anonymous().GetAsync($"/f/{key}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("2026 上海国际流体机械展", html);
        Assert.Contains("name=\"viewport\"", html);
        Assert.DoesNotContain("<script", html);

        var leadId = await SubmitAsync(app.Anonymous(), key, new
        {
            companyName = company, contactName = "张建华", mobile = Mobile(), productInterest = "DN200 闸阀", message = "下月要 120 台",
        });

        var rep1 = await app.SignInAsync("rep1");
        Assert.Contains(leadId, await InboxAsync(rep1, "new"));
        var lead = await LeadAsync(rep1, leadId);
        Assert.Equal("new", lead["status"]!.GetValue<string>());
        Assert.Equal("expo", lead["channel"]!.GetValue<string>());
        Assert.Null(lead["customerId"]);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("rep2")).GetAsync($"/api/v1/leads/{leadId}")).StatusCode);
        Assert.Equal(0, await CustomersNamedAsync(rep1, company));

        var converted = await rep1.PostAsJsonAsync($"/api/v1/leads/{leadId}/convert", new { });
        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        var result = await PipewrightApp.ReadAsync(converted);
        var customerId = result["customerId"]!.GetValue<Guid>();
        var customer = await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customerId}");
        Assert.Equal(company, customer!["name"]!.GetValue<string>());
        Assert.Matches(@"^KH\d{9}$", customer["code"]!.GetValue<string>());
        Assert.Equal("张建华", customer["contacts"]![0]!["name"]!.GetValue<string>());
        var opportunity = await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/opportunities/{result["opportunityId"]}");
        Assert.Equal(leadId, opportunity!["leadId"]!.GetValue<Guid>());
        Assert.Equal(customerId, opportunity["customerId"]!.GetValue<Guid>());
        Assert.Equal("converted", (await LeadAsync(rep1, leadId))["status"]!.GetValue<string>());
        // The new customer is found by the contact's name: the search index was written with it.
        Assert.Equal(1, await CustomersNamedAsync(rep1, company));

        // The same firm again at the booth (a colleague, written a little differently): attached, not a second customer.
        var again = await SubmitAsync(app.Anonymous(), key, new { companyName = company.Replace("有限公司", " 有限公司 "), contactName = "李工", email = "li@example.com" });
        var second = await LeadAsync(rep1, again);
        Assert.Equal(customerId, second["customerId"]!.GetValue<Guid>());
        Assert.Equal(company, second["customerName"]!.GetValue<string>());
        var reconverted = await PipewrightApp.ReadAsync(await rep1.PostAsJsonAsync($"/api/v1/leads/{again}/convert", new { }));
        Assert.Equal(customerId, reconverted["customerId"]!.GetValue<Guid>());
        Assert.NotEqual(result["opportunityId"]!.GetValue<Guid>(), reconverted["opportunityId"]!.GetValue<Guid>());
        Assert.Equal(1, await CustomersNamedAsync(rep1, company));
        var contacts = (await rep1.GetFromJsonAsync<JsonObject>($"/api/v1/customers/{customerId}"))!["contacts"]!.AsArray();
        Assert.Contains(contacts, c => c!["name"]!.GetValue<string>() == "李工");
    }

    [Fact]
    public async Task A_submission_with_the_mobile_of_a_known_contact_is_attached_to_that_customer()
    {
        var rep2 = await app.SignInAsync("rep2");
        var mobile = Mobile();
        var customer = await CompanyApp.CreateCustomerAsync(rep2, new
        {
            name = PipewrightApp.Unique("温州瓯江泵业"), contacts = new[] { new { name = "陈海", mobile } },
        });
        var form = await CreateFormAsync(await app.SignInAsync("rep1"), new { name = "官网询价", channel = "website" });

        var leadId = await SubmitAsync(app.Anonymous(), form["formKey"]!.GetValue<string>(),
            new { companyName = "瓯江泵业温州分公司", contactName = "陈海", mobile = "+86 " + mobile });
        var lead = await LeadAsync(await app.SignInAsync("rep1"), leadId);
        Assert.Equal(customer["id"]!.GetValue<Guid>(), lead["customerId"]!.GetValue<Guid>());
        Assert.Equal("+86" + mobile, lead["mobile"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_submissions_are_a_400_per_field_and_an_unknown_form_a_404()
    {
        var form = await CreateFormAsync(await app.SignInAsync("rep1"), new { name = "官网询价", channel = "website" });
        var key = form["formKey"]!.GetValue<string>();
        var anonymous = app.Anonymous();

        var missing = await ErrorsAsync(await anonymous.PostAsJsonAsync($"/api/v1/public/forms/{key}/submissions",
            new { companyName = "", contactName = "王" }));
        Assert.Contains("公司名称", missing["companyName"][0]);
        var noWayToCall = await ErrorsAsync(await anonymous.PostAsJsonAsync($"/api/v1/public/forms/{key}/submissions",
            new { companyName = "某某机械", contactName = "王" }));
        Assert.Equal("手机和邮箱请至少填写一项。", noWayToCall["mobile"][0]);
        var badMobile = await ErrorsAsync(await anonymous.PostAsJsonAsync($"/api/v1/public/forms/{key}/submissions",
            new { companyName = "某某机械", contactName = "王", mobile = "12345" }));
        Assert.True(badMobile.ContainsKey("mobile"));
        var english = await ErrorsAsync(await app.Anonymous("en-US").PostAsJsonAsync($"/api/v1/public/forms/{key}/submissions",
            new { companyName = "某某机械", contactName = "王", email = "not-an-email" }));
        Assert.Contains("not a valid e-mail", english["email"][0]);

        var unknown = await anonymous.PostAsJsonAsync("/api/v1/public/forms/no-such-form/submissions",
            new { companyName = "某某机械", contactName = "王", mobile = Mobile() });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        var unknownPage = await anonymous.GetAsync("/f/no-such-form");
        Assert.Equal(HttpStatusCode.NotFound, unknownPage.StatusCode);
        Assert.Contains("表单不存在", await unknownPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_filled_honeypot_is_thanked_but_creates_nothing()
    {
        var rep1 = await app.SignInAsync("rep1");
        var form = await CreateFormAsync(rep1, new { name = "官网询价", channel = "website" });
        var key = form["formKey"]!.GetValue<string>();
        var before = await FormLeadCountAsync(rep1, form["id"]!.GetValue<Guid>());

        var bot = await SubmitAsync(app.Anonymous(), key,
            new { companyName = "Cheap Pills Ltd", contactName = "Bot", email = "bot@example.com", website = "http://spam.example" });
        Assert.Equal(HttpStatusCode.NotFound, (await rep1.GetAsync($"/api/v1/leads/{bot}")).StatusCode);

        var page = await app.Anonymous().PostAsync($"/f/{key}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["companyName"] = "Cheap Pills Ltd", ["contactName"] = "Bot", ["email"] = "bot@example.com", ["website"] = "http://spam.example",
        }));
        Assert.Contains("id=\"thanks\"", await page.Content.ReadAsStringAsync());
        Assert.Equal(before, await FormLeadCountAsync(rep1, form["id"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task The_html_form_works_without_javascript_keeping_the_input_when_something_is_wrong()
    {
        var rep1 = await app.SignInAsync("rep1");
        var form = await CreateFormAsync(rep1, new { name = "2026 温州泵阀展", channel = "expo" });
        var key = form["formKey"]!.GetValue<string>();
        var company = PipewrightApp.Unique("乐清精工阀门");

        var wrong = await app.Anonymous().PostAsync($"/f/{key}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["companyName"] = company, ["contactName"] = "周<强>", ["mobile"] = "", ["email"] = "", ["website"] = "",
        }));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("手机和邮箱请至少填写一项。", wrongHtml);
        Assert.Contains($"value=\"{company}\"", wrongHtml);
        Assert.Contains("value=\"周&lt;强&gt;\"", wrongHtml);
        Assert.Equal(0, await FormLeadCountAsync(rep1, form["id"]!.GetValue<Guid>()));

        var right = await app.Anonymous().PostAsync($"/f/{key}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["companyName"] = company, ["contactName"] = "周强", ["mobile"] = Mobile(), ["email"] = "", ["productInterest"] = "球阀", ["website"] = "",
        }));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("提交成功", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await app.Anonymous().PostAsJsonAsync($"/f/{key}", new { companyName = company })).StatusCode);
        Assert.Equal(1, await FormLeadCountAsync(rep1, form["id"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task A_team_form_hands_leads_to_the_teams_sales_reps_in_turn()
    {
        var manager = await app.SignInAsync("eastmanager");
        var form = await CreateFormAsync(manager, new { name = "宁波组展位", channel = "expo", teamId = app.Ningbo });
        var key = form["formKey"]!.GetValue<string>();
        var owners = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var id = await SubmitAsync(app.Anonymous(), key, new { companyName = PipewrightApp.Unique("轮流测试机械"), contactName = "客户", mobile = Mobile() });
            owners.Add((await LeadAsync(manager, id))["ownerId"]!.GetValue<Guid>());
        }
        Assert.Equal(2, owners.Distinct().Count());
        Assert.All(owners, o => Assert.Contains(o, new[] { app.Users["rep1"], app.Users["rep2"] }));
        Assert.Equal(owners[0], owners[2]);
        Assert.Equal(owners[1], owners[3]);
        Assert.NotEqual(owners[0], owners[1]);
    }

    private static async Task<int> CustomersNamedAsync(HttpClient client, string name)
    {
        var page = await client.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(name)}");
        return page!["total"]!.GetValue<int>();
    }

    private static async Task<int> FormLeadCountAsync(HttpClient client, Guid formId) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/v1/lead-forms/{formId}"))!["leads"]!.GetValue<int>();
}

/// <summary>A host whose public form limit is low enough to reach in a test.</summary>
public sealed class PublicFormLimitedApp : PipewrightApp
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimits:PublicFormPerMinute"] = "3",
    };
}

public sealed class PublicFormRateLimitTests(PublicFormLimitedApp app) : IClassFixture<PublicFormLimitedApp>
{
    [Fact]
    public async Task Too_many_submissions_from_one_client_are_a_429()
    {
        var form = await CreateFormAsync(await app.AdminAsync(), new { name = "官网询价", channel = "website" });
        var key = form["formKey"]!.GetValue<string>();
        var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await client.PostAsJsonAsync($"/api/v1/public/forms/{key}/submissions",
                new { companyName = "限流测试机械", contactName = "王", mobile = Mobile() })).StatusCode);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));

        var limited = await client.PostAsJsonAsync($"/api/v1/public/forms/{key}/submissions",
            new { companyName = "限流测试机械", contactName = "王", mobile = Mobile() });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("请求过于频繁", (await PipewrightApp.ReadAsync(limited))["title"]!.GetValue<string>());

        var page = await client.PostAsync($"/f/{key}", new FormUrlEncodedContent(new Dictionary<string, string> { ["companyName"] = "x" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("<h1>请求过于频繁</h1>", await page.Content.ReadAsStringAsync());
        // Viewing the form is not limited: a crowd at a booth shares one address.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/f/{key}")).StatusCode);
    }
}
