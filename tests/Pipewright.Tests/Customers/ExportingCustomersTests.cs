using System.Net;
using MiniExcelLibs;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Customers;

/// <summary>The company, with a sales rep's export limited to three customers.</summary>
public sealed class ExportApp : CompanyApp
{
    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { ["Customers:ExportRowLimitForSalesRep"] = "3" };
}

public sealed class ExportingCustomersTests(ExportApp app) : IClassFixture<ExportApp>
{
    private static async Task<List<IDictionary<string, object>>> RowsAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
    }

    [Fact]
    public async Task Cells_that_Excel_would_run_as_formulas_are_neutralised_and_phones_stay_text()
    {
        var tag = PipewrightApp.Unique();
        var rep = await app.SignInAsync("rep1");
        var created = await CompanyApp.CreateCustomerAsync(rep, new
        {
            name = $"=HYPERLINK(\"http://x\"){tag}公司", industry = "+化工", address = "@SUM(A1)", source = "-1",
            contacts = new[] { new { name = "=张三", mobile = "13805740001", phone = "0574-87654321" } },
        });
        var rows = await RowsAsync(await rep.GetAsync($"/api/v1/customers/export.xlsx?search={tag}"));
        var row = Assert.Single(rows);
        Assert.Equal(created["code"]!.GetValue<string>(), row["客户编码"]);
        Assert.Equal($"'=HYPERLINK(\"http://x\"){tag}公司", row["客户名称*"]);
        Assert.Equal("'+化工", row["行业"]);
        Assert.Equal("'@SUM(A1)", row["地址"]);
        Assert.Equal("'-1", row["来源"]);
        Assert.Equal("'=张三", row["联系人"]);
        Assert.Equal("13805740001", row["手机"]);
        Assert.Equal("057487654321", row["电话"]);
        Assert.Equal("rep1", row["负责人(用户名)"]);
    }

    [Fact]
    public async Task A_sales_rep_exports_at_most_the_configured_number_of_customers()
    {
        var tag = PipewrightApp.Unique();
        var rep = await app.SignInAsync("rep2");
        for (var i = 0; i < 4; i++) await CompanyApp.CreateCustomerAsync(rep, new { name = $"限额{tag}客户{(char)('甲' + i)}有限公司" });

        var over = await rep.GetAsync($"/api/v1/customers/export.xlsx?search={tag}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        Assert.Contains("上限 3", (await PipewrightApp.ReadAsync(over))["detail"]!.GetValue<string>());

        // A manager of the same rep is not limited.
        var manager = await app.SignInAsync("eastmanager");
        Assert.Equal(4, (await RowsAsync(await manager.GetAsync($"/api/v1/customers/export.xlsx?search={tag}"))).Count);
    }

    [Fact]
    public async Task Exports_only_what_the_caller_sees_one_row_per_contact()
    {
        var tag = PipewrightApp.Unique();
        var rep1 = await app.SignInAsync("rep1");
        await CompanyApp.CreateCustomerAsync(rep1, new
        {
            name = $"可见{tag}阀门有限公司",
            contacts = new[] { new { name = "甲" }, new { name = "乙" } },
        });
        var south = await app.SignInAsync("southrep");
        await CompanyApp.CreateCustomerAsync(south, new { name = $"不可见{tag}电子有限公司" });

        var rows = await RowsAsync(await rep1.GetAsync($"/api/v1/customers/export.xlsx?search={tag}"));
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal($"可见{tag}阀门有限公司", r["客户名称*"]));
        Assert.Equal(["乙", "甲"], rows.Select(r => (string)r["联系人"]).Order().ToArray());
    }

    [Fact]
    public async Task An_engineer_may_not_export()
    {
        var engineer = await app.SignInAsync("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync("/api/v1/customers/export.xlsx")).StatusCode);
    }

    [Fact]
    public async Task An_export_is_in_the_audit_trail_with_its_filter_and_row_count()
    {
        var tag = PipewrightApp.Unique();
        var gm = await app.SignInAsync("gm");
        await CompanyApp.CreateCustomerAsync(gm, new { name = $"审计{tag}有限公司" });
        Assert.Single(await RowsAsync(await gm.GetAsync($"/api/v1/customers/export.xlsx?search={tag}")));

        var audit = await PipewrightApp.ReadAsync(await gm.GetAsync("/api/v1/audit?entityType=CustomerExport&pageSize=200"));
        var entry = audit["items"]!.AsArray().Single(e => e!["changes"]!.AsArray().Any(c => c!["new"]?.GetValue<string>() == $"search={tag}"))!;
        Assert.Equal("exported", entry["action"]!.GetValue<string>());
        Assert.Equal("gm", entry["userName"]!.GetValue<string>());
        Assert.Contains(entry["changes"]!.AsArray(), c => c!["field"]!.GetValue<string>() == "Rows" && c["new"]!.GetValue<string>() == "1");
    }

    [Fact]
    public async Task The_UI_downloads_with_the_sign_in_cookie_and_refuses_without_it()
    {
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/files/customers/export.xlsx");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/customers/export.xlsx")).StatusCode);
    }
}
