using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;
using static Pipewright.Tests.Leads.LeadsTestHelpers;

namespace Pipewright.Tests.Leads;

public sealed class LeadFormsTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task A_rep_makes_a_form_with_an_unguessable_key_and_an_absolute_url()
    {
        var rep1 = await app.SignInAsync("rep1");
        var form = await CreateFormAsync(rep1, new { name = "2026 上海国际流体机械展", channel = "expo" });
        var other = await CreateFormAsync(rep1, new { name = "官网询价", channel = "website" });

        var key = form["formKey"]!.GetValue<string>();
        Assert.Matches("^[A-Za-z0-9_-]{22}$", key);
        Assert.NotEqual(key, other["formKey"]!.GetValue<string>());
        Assert.Equal($"http://localhost/f/{key}", form["url"]!.GetValue<string>());
        Assert.Equal(app.Users["rep1"], form["ownerId"]!.GetValue<Guid>());
        Assert.Equal("expo", form["channel"]!.GetValue<string>());

        var listed = await rep1.GetFromJsonAsync<JsonArray>("/api/v1/lead-forms");
        Assert.Contains(listed!, f => f!["id"]!.GetValue<Guid>() == form["id"]!.GetValue<Guid>());
        var rep2Forms = await (await app.SignInAsync("rep2")).GetFromJsonAsync<JsonArray>("/api/v1/lead-forms");
        Assert.DoesNotContain(rep2Forms!, f => f!["id"]!.GetValue<Guid>() == form["id"]!.GetValue<Guid>());
        var managerForms = await (await app.SignInAsync("eastmanager")).GetFromJsonAsync<JsonArray>("/api/v1/lead-forms");
        Assert.Contains(managerForms!, f => f!["id"]!.GetValue<Guid>() == form["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Finance_makes_no_forms_a_rep_no_team_forms_and_bad_input_is_a_400_per_field()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("finance"))
            .PostAsJsonAsync("/api/v1/lead-forms", new { name = "财务的表单", channel = "website" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("rep1"))
            .PostAsJsonAsync("/api/v1/lead-forms", new { name = "宁波组轮流", channel = "expo", teamId = app.Ningbo })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("rep1"))
            .PostAsJsonAsync("/api/v1/lead-forms", new { name = "替别人建", channel = "expo", ownerId = app.Users["southrep"] })).StatusCode);

        var errors = await ErrorsAsync(await (await app.SignInAsync("rep1"))
            .PostAsJsonAsync("/api/v1/lead-forms", new { name = "", channel = "fax" }));
        Assert.Contains("请填写", errors["name"][0]);
        Assert.Contains("渠道", errors["channel"][0]);
    }

    [Fact]
    public async Task The_qr_code_is_a_png_of_the_forms_url_for_those_who_may_see_the_form()
    {
        var rep1 = await app.SignInAsync("rep1");
        var form = await CreateFormAsync(rep1, new { name = "2026 温州泵阀展", channel = "expo" });

        var response = await rep1.GetAsync($"/api/v1/lead-forms/{form["id"]}/qrcode.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // IHDR: a square image large enough to hold a QR code of ~45 characters at 10 px a module.
        var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        var height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.Equal(width, height);
        Assert.InRange(width, 250, 800);

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("rep2")).GetAsync($"/api/v1/lead-forms/{form["id"]}/qrcode.png")).StatusCode);
    }

    [Fact]
    public async Task A_closed_form_no_longer_takes_submissions()
    {
        var rep1 = await app.SignInAsync("rep1");
        var form = await CreateFormAsync(rep1, new { name = "已结束的展会", channel = "expo" });
        var closed = await rep1.PostAsJsonAsync($"/api/v1/lead-forms/{form["id"]}/active", new { active = false });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/f/{form["formKey"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().PostAsJsonAsync($"/api/v1/public/forms/{form["formKey"]}/submissions",
            new { companyName = "某公司", contactName = "某人", mobile = Mobile() })).StatusCode);
    }
}

/// <summary>A host that knows the address phones reach it at (behind a proxy, or a laptop at a trade show).</summary>
public sealed class PublicAddressApp : PipewrightApp
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Leads:PublicBaseUrl"] = "https://crm.hengxin-valve.example/",
    };
}

public sealed class PublicAddressTests(PublicAddressApp app) : IClassFixture<PublicAddressApp>
{
    [Fact]
    public async Task Form_links_use_the_configured_public_address()
    {
        var form = await CreateFormAsync(await app.AdminAsync(), new { name = "官网询价", channel = "website" });
        Assert.Equal($"https://crm.hengxin-valve.example/f/{form["formKey"]}", form["url"]!.GetValue<string>());
    }
}
