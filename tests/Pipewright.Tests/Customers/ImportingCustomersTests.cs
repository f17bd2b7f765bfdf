using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Customers.ImportCustomers;
using Pipewright.Customers.Rules;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Customers;

public sealed class ImportingCustomersTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    private static string Mobile() => "139" + Random.Shared.NextInt64(10_000_000, 99_999_999);

    private static string FullWidth(string text) =>
        new(text.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '！') : c).ToArray());

    /// <summary>An xlsx with the given rows from A1 on, no header added: the rows say what the sheet holds.</summary>
    public static byte[] Xlsx(IEnumerable<object?[]> rows)
    {
        var data = rows.Select(r => r.Select((v, i) => (Key: ((char)('A' + i)).ToString(), Value: v))
            .ToDictionary(x => x.Key, x => x.Value)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(data, printHeader: false);
        return stream.ToArray();
    }

    private static MultipartFormDataContent Form(byte[] file, bool dryRun, string fileName = "客户.xlsx", string? mapping = null)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", fileName },
            { new StringContent(dryRun ? "true" : "false"), "dryRun" },
        };
        if (mapping is not null) form.Add(new StringContent(mapping), "mapping");
        return form;
    }

    private static async Task<JsonObject> ImportAsync(HttpClient client, byte[] file, bool dryRun, string fileName = "客户.xlsx", string? mapping = null)
    {
        var response = await client.PostAsync("/api/v1/customers/import", Form(file, dryRun, fileName, mapping));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await PipewrightApp.ReadAsync(response);
    }

    private static async Task<JsonArray> SearchAsync(HttpClient client, string text) =>
        (await PipewrightApp.ReadAsync(await client.GetAsync($"/api/v1/customers?search={Uri.EscapeDataString(text)}")))["items"]!.AsArray();

    private static int[] Rows(JsonObject result, string list) =>
        result[list]!.AsArray().Select(e => e!["row"]!.GetValue<int>()).Order().ToArray();

    /// <summary>
    /// The messy sheet of the issue: a title row and an empty row above the header, headers in the company's own
    /// words, full-width digits, a contact on the next row, duplicates in the file and against the database,
    /// a bad phone, a bad credit code, a contact without a name and an empty row.
    /// </summary>
    private async Task<(byte[] File, string Tag, string ExistingCode)> MessySheetAsync()
    {
        var tag = PipewrightApp.Unique();
        var admin = await app.AdminAsync();
        var existing = await CompanyApp.CreateCustomerAsync(admin, new { name = $"宁波已有{tag}阀门有限公司" });
        var (codeA, codeD) = (CreditCode.Generate(Random.Shared), CreditCode.Generate(Random.Shared));
        var file = Xlsx(
        [
            ["2025年客户名单（销售部整理）", null, null, null, null, null, null, null],                     // 1: title (merged in Excel)
            [null, null, null, null, null, null, null, null],                                               // 2
            ["序号", "公司名称", "信用代码", "联系人", "手机号", "电话", "客户等级", "备注"],                    // 3: header
            [1, $"宁波甲{tag}阀门有限公司", FullWidth(codeA), "张三", FullWidth(Mobile()), null, "A", "老客户"], // 4: created
            [2, $"宁波甲{tag}阀门有限公司", null, "李四", Mobile(), "0574-87654321", null, null],             // 5: its second contact
            [3, $"宁波乙{tag}机械有限公司", "91350100M000100Y4Z", "王五", Mobile(), null, "B", null],          // 6: bad credit code
            [4, $"宁波丙{tag}化工有限公司", null, "赵六", "12345", null, "C", null],                            // 7: bad phone
            [5, $"宁波甲{tag}阀门有限公司", null, "张三", Mobile(), null, null, null],                        // 8: duplicate of row 4
            [6, $"  宁波丁{tag}泵业　有限公司 ", codeD, "孙七", double.Parse(Mobile(), System.Globalization.CultureInfo.InvariantCulture), null, "b", null], // 9: created
            [7, $"宁波已有{tag}阀门有限公司", null, "周八", Mobile(), null, null, null],                       // 10: exists in the database
            [8, $"杭州戊{tag}管件有限公司", codeD, "吴九", Mobile(), null, null, null],                        // 11: same credit code as row 9
            [null, null, null, null, null, null, null, null],                                               // 12: empty
            [9, $"宁波己{tag}铸造有限公司", null, null, Mobile(), null, null, null],                            // 13: contact without a name
        ]);
        return (file, tag, existing["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Imports_a_messy_sheet_with_exact_counts_and_row_numbers()
    {
        var (file, tag, existingCode) = await MessySheetAsync();
        var manager = await app.SignInAsync("eastmanager");
        var result = await ImportAsync(manager, file, dryRun: false);

        Assert.Equal(3, result["headerRow"]!.GetValue<int>());
        Assert.Equal(9, result["totalRows"]!.GetValue<int>());
        Assert.Equal(2, result["created"]!.GetValue<int>());
        Assert.Equal(3, result["createdContacts"]!.GetValue<int>());
        Assert.Equal(3, result["skippedDuplicates"]!.GetValue<int>());
        Assert.Equal([8, 10, 11], Rows(result, "duplicates"));
        Assert.Equal([6, 7, 13], Rows(result, "errors"));
        var errors = result["errors"]!.AsArray().ToDictionary(e => e!["row"]!.GetValue<int>());
        Assert.Equal("信用代码", errors[6]!["column"]!.GetValue<string>());
        Assert.Contains("校验码", errors[6]!["message"]!.GetValue<string>());
        Assert.Equal("手机号", errors[7]!["column"]!.GetValue<string>());
        Assert.Equal("联系人", errors[13]!["column"]!.GetValue<string>());
        var duplicates = result["duplicates"]!.AsArray().ToDictionary(e => e!["row"]!.GetValue<int>());
        Assert.Equal(4, duplicates[8]!["firstRow"]!.GetValue<int>());
        Assert.Equal(existingCode, duplicates[10]!["existingCode"]!.GetValue<string>());
        Assert.Equal("creditCode", duplicates[11]!["reason"]!.GetValue<string>());

        var found = await SearchAsync(manager, tag);
        Assert.Equal(2, found.Count); // 甲 and 丁 (the existing customer belongs to admin, outside her region)
        var ding = found.Single(c => c!["name"]!.GetValue<string>().Contains('丁'))!;
        Assert.Equal($"宁波丁{tag}泵业 有限公司", ding["name"]!.GetValue<string>()); // spaces trimmed, the full-width one made plain
        var detail = await PipewrightApp.ReadAsync(await manager.GetAsync($"/api/v1/customers/{ding["id"]}"));
        Assert.Equal("B", detail["level"]!.GetValue<string>());
        Assert.Equal(app.Users["eastmanager"], detail["ownerId"]!.GetValue<Guid>());
        Assert.StartsWith("+86139", detail["contacts"]![0]!["mobile"]!.GetValue<string>()); // an Excel number read back as digits
        var jia = found.Single(c => c!["name"]!.GetValue<string>().Contains('甲'))!;
        var jiaDetail = await PipewrightApp.ReadAsync(await manager.GetAsync($"/api/v1/customers/{jia["id"]}"));
        Assert.Equal(["张三", "李四"], jiaDetail["contacts"]!.AsArray().Select(k => k!["name"]!.GetValue<string>()).Order().ToArray());
        Assert.Equal(18, jiaDetail["creditCode"]!.GetValue<string>().Length); // full-width code made plain

        // The report lists every error and duplicate by row, for the importing user only.
        var report = await manager.GetAsync($"/api/v1/customers/import/{result["reportId"]}/errors.xlsx");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var reportRows = MiniExcel.Query(await report.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([6, 7, 8, 10, 11, 13], reportRows.Select(r => Convert.ToInt32(r["行号"], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        var other = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/customers/import/{result["reportId"]}/errors.xlsx")).StatusCode);
    }

    [Fact]
    public async Task A_dry_run_reports_the_same_and_writes_nothing()
    {
        var (file, tag, _) = await MessySheetAsync();
        var admin = await app.AdminAsync();
        var result = await ImportAsync(admin, file, dryRun: true);
        Assert.True(result["dryRun"]!.GetValue<bool>());
        Assert.Equal(2, result["created"]!.GetValue<int>());
        Assert.Equal([8, 10, 11], Rows(result, "duplicates"));
        Assert.Equal([6, 7, 13], Rows(result, "errors"));
        Assert.Single(await SearchAsync(admin, tag)); // only the customer that existed before
    }

    [Fact]
    public async Task A_cancelled_import_leaves_nothing_behind()
    {
        var tag = PipewrightApp.Unique();
        var rows = new List<object?[]> { new object?[] { "客户名称", "联系人", "手机" } };
        for (var i = 0; i < 3000; i++) rows.Add([$"测试{tag}客户{i:D5}有限公司", "联系人", "1390" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)]);
        using var cancel = new CancellationTokenSource();
        using var scope = app.Services.CreateScope();
        var handler = scope.ServiceProvider.GetRequiredService<ImportCustomersHandler>();
        var gm = (await scope.ServiceProvider.GetRequiredService<CurrentUserLoader>().FindAsync(app.Users["gm"]))!;
        // Cancelled after the first batch of 2,000 was written inside the transaction.
        var progress = new CancelAt(2500, cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            handler.HandleAsync(new ImportRequest(new MemoryStream(Xlsx(rows)), DryRun: false), gm, progress, cancel.Token));
        Assert.True(progress.Seen >= 2500);
        Assert.Empty(await SearchAsync(await app.AdminAsync(), tag));
    }

    private sealed class CancelAt(int rows, CancellationTokenSource cancel) : IProgress<int>
    {
        public int Seen { get; private set; }

        public void Report(int value)
        {
            Seen = value;
            if (value >= rows) cancel.Cancel();
        }
    }

    [Fact]
    public async Task Imported_customers_get_the_search_rows_the_index_gives_them_also_past_the_BMP()
    {
        var tag = PipewrightApp.Unique();
        string[] names = [$"𠀀{tag}𠀾精密机械有限公司", $"宁波{tag}北仑区长江路精密机械制造有限公司"];
        var admin = await app.AdminAsync();
        var result = await ImportAsync(admin, Xlsx([["客户名称", "简称", "联系人", "手机"], [names[0], "𠀀精密", "甲一", Mobile()], [names[1], "长江精密", "乙二", Mobile()]]), dryRun: false);
        Assert.Equal(2, result["created"]!.GetValue<int>());
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PipewrightDb>();
        foreach (var customer in await db.Customers.Include(c => c.Contacts).Where(c => names.Contains(c.Name)).ToListAsync())
        {
            var stored = await db.SearchTerms.Where(t => t.EntityId == customer.Id).Select(t => t.Term).ToListAsync();
            Assert.Equal(CustomerQueries.SearchTerms(customer).Select(t => t.Term).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task An_import_bigger_than_the_search_table_leaves_every_row_searchable_and_the_index_rebuilt()
    {
        // On SQLite such an import drops the search index for its writes and builds it again before the commit.
        var tag = PipewrightApp.Unique();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PipewrightDb>();
        var existing = await db.SearchTerms.CountAsync();
        var count = existing / 20 + 50; // each customer below gives more than 20 search rows
        var rows = new List<object?[]> { new object?[] { "客户名称", "联系人", "手机" } };
        for (var i = 0; i < count; i++) rows.Add([$"温州{tag}第{i:D5}号阀门有限公司", "联系人", Mobile()]);
        var admin = await app.AdminAsync();
        var result = await ImportAsync(admin, Xlsx(rows), dryRun: false);
        Assert.Equal(count, result["created"]!.GetValue<int>());
        Assert.True(await db.SearchTerms.CountAsync() > 2 * existing);

        var last = count - 1;
        Assert.Equal($"温州{tag}第{last:D5}号阀门有限公司", Assert.Single(await SearchAsync(admin, $"第{last:D5}号阀"))!["name"]!.GetValue<string>());
        Assert.Equal(count, (await PipewrightApp.ReadAsync(await admin.GetAsync($"/api/v1/customers?search={tag}&pageSize=1")))["total"]!.GetValue<int>());
        var sample = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Name == $"温州{tag}第00000号阀门有限公司");
        var stored = await db.SearchTerms.Where(t => t.EntityId == sample.Id).Select(t => new { t.Term, t.SharedPrefix }).ToListAsync();
        Assert.Equal(CustomerQueries.SearchTerms(sample).Select(t => (t.Term, t.SharedPrefix)).OrderBy(t => t.Term, StringComparer.Ordinal),
            stored.Select(t => (t.Term, t.SharedPrefix)).OrderBy(t => t.Term, StringComparer.Ordinal));
        if (!db.IsPostgres)
        {
            var indexes = await db.Database.SqlQueryRaw<string>(
                "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'SearchTerms' AND sql IS NOT NULL").ToListAsync();
            Assert.Equal(["IX_SearchTerms_Kind_Term_SharedPrefix_EntityId"], indexes);
        }
    }

    [Fact]
    public async Task Reads_a_CSV_saved_by_Chinese_Excel_in_GBK()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var tag = PipewrightApp.Unique();
        var mobile = Mobile();
        var csv = $"单位名称,联系人,手机号码,备注\r\n\"绍兴{tag}纺织机械有限公司\",陈一,{mobile},\"含,逗号\"\r\n";
        var admin = await app.AdminAsync();
        var result = await ImportAsync(admin, Encoding.GetEncoding("GBK").GetBytes(csv), dryRun: false, "客户.csv");
        Assert.Equal(1, result["created"]!.GetValue<int>());
        var found = Assert.Single(await SearchAsync(admin, mobile));
        Assert.Equal($"绍兴{tag}纺织机械有限公司", found!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reads_a_UTF8_CSV_with_a_BOM_and_the_users_own_column_mapping()
    {
        var tag = PipewrightApp.Unique();
        var csv = $"甲方,对接人\n温州{tag}阀门有限公司,郑二\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        var admin = await app.AdminAsync();
        var result = await ImportAsync(admin, bytes, dryRun: false, "客户.csv", mapping: """{"甲方":"name","对接人":"contactName"}""");
        Assert.Equal(1, result["created"]!.GetValue<int>());
        var found = Assert.Single(await SearchAsync(admin, tag));
        Assert.Equal($"温州{tag}阀门有限公司", found!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_template_filled_in_imports_customers_with_contacts_and_searchable_codes()
    {
        var admin = await app.AdminAsync();
        var response = await admin.GetAsync("/api/v1/customers/import/template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var template = MiniExcel.Query(await response.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var headers = template[0].Keys.ToList();
        Assert.Equal(["客户名称*", "统一社会信用代码", "简称/别名", "行业", "地区", "地址", "客户级别(A/B/C)", "重点客户(是/否)",
            "负责人(用户名)", "来源", "联系人", "职务", "手机", "电话", "邮箱", "微信"], headers);

        var tag = PipewrightApp.Unique();
        var name = $"慈溪{tag}阀门有限公司";
        var filled = template.Select((row, i) => headers.Select(h => h switch
        {
            "客户名称*" => name,
            "负责人(用户名)" when i == 0 => "rep1",
            "手机" => (object?)Mobile(),
            "统一社会信用代码" when i == 0 => CreditCode.Generate(Random.Shared),
            _ => row[h],
        }).ToArray()).Prepend(headers.ToArray<object?>());
        var result = await ImportAsync(admin, Xlsx(filled), dryRun: false);
        Assert.Equal(1, result["created"]!.GetValue<int>());
        Assert.Equal(0, result["errorCount"]!.GetValue<int>());

        var found = Assert.Single(await SearchAsync(admin, tag));
        var code = found!["code"]!.GetValue<string>();
        Assert.Matches(@"^KH\d{9}$", code);
        Assert.Single(await SearchAsync(admin, code));
        var detail = await PipewrightApp.ReadAsync(await admin.GetAsync($"/api/v1/customers/{found["id"]}"));
        Assert.Equal(2, detail["contacts"]!.AsArray().Count);
        Assert.Equal(app.Users["rep1"], detail["ownerId"]!.GetValue<Guid>());
        Assert.True(detail["isKey"]!.GetValue<bool>());
        // The rep sees it now, and its history says it was imported.
        var rep = await app.SignInAsync("rep1");
        Assert.Single(await SearchAsync(rep, tag));
        var audit = await PipewrightApp.ReadAsync(await admin.GetAsync($"/api/v1/audit?entityType=Customer&entityId={found["id"]}"));
        Assert.Contains(audit["items"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "created"
            && e["changes"]!.AsArray().Any(c => c!["field"]!.GetValue<string>() == "Import"));
    }

    [Theory]
    [InlineData("rep1")]
    [InlineData("finance")]
    public async Task Only_managers_and_administrators_import(string userName)
    {
        var client = await app.SignInAsync(userName);
        var response = await client.PostAsync("/api/v1/customers/import", Form(Xlsx([["客户名称"], ["某某有限公司"]]), dryRun: true));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/customers/import/template")).StatusCode);
    }

    [Fact]
    public async Task A_regional_manager_cannot_give_customers_to_people_outside_her_region()
    {
        var manager = await app.SignInAsync("eastmanager");
        var result = await ImportAsync(manager, Xlsx([["客户名称", "负责人"], [$"深圳{PipewrightApp.Unique()}电子有限公司", "southrep"]]), dryRun: true);
        Assert.Equal(0, result["created"]!.GetValue<int>());
        Assert.Equal("负责人", result["errors"]![0]!["column"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_is_a_localized_400()
    {
        var admin = await app.AdminAsync();
        var noFile = await admin.PostAsync("/api/v1/customers/import", new MultipartFormDataContent { { new StringContent("true"), "dryRun" } });
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("请选择", (await PipewrightApp.ReadAsync(noFile))["errors"]!["file"]![0]!.GetValue<string>());

        var broken = await admin.PostAsync("/api/v1/customers/import", Form([(byte)'P', (byte)'K', 3, 4, 1, 2, 3], dryRun: true));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        var badMapping = await admin.PostAsync("/api/v1/customers/import", Form(Xlsx([["客户名称"]]), dryRun: true, mapping: """{"客户名称":"nope"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, badMapping.StatusCode);

        var noHeader = await admin.PostAsync("/api/v1/customers/import", Form(Xlsx([["a", "b"], ["c", "d"]]), dryRun: true));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noHeader.StatusCode);
    }
}
