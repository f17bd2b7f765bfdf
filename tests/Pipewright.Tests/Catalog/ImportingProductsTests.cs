using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Catalog;

public sealed class ImportingProductsTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    internal static MultipartFormDataContent Upload(Dictionary<string, object> sheets)
    {
        var stream = new MemoryStream();
        stream.SaveAs(sheets);
        var file = new ByteArrayContent(stream.ToArray());
        file.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { file, "file", "catalog.xlsx" } };
    }

    private static Dictionary<string, object?> Row(string model, object? listPrice, object? cost = null, object? floor = null, string name = "法兰闸阀") =>
        new() { ["型号"] = model, ["名称"] = name, ["类别"] = "闸阀", ["单位"] = "台", ["目录价"] = listPrice, ["单位成本"] = cost, ["最低价"] = floor };

    [Fact]
    public async Task An_import_creates_and_updates_by_model_and_reports_bad_rows_with_their_numbers()
    {
        var admin = await app.AdminAsync();
        var series = PipewrightApp.Unique("Z41H-");
        var existing = await admin.PostAsJsonAsync("/api/v1/products",
            new { model = $"{series} DN50", name = "旧名称", category = "闸阀", unit = "台", listPrice = 900m });
        Assert.Equal(HttpStatusCode.Created, existing.StatusCode);

        var response = await admin.PostAsync("/api/v1/products/import", Upload(new Dictionary<string, object>
        {
            ["产品"] = new[]
            {
                Row($"{series.ToLowerInvariant()}  dn50", 980.5, 640, 820),    // row 2: updates the existing one
                Row($"{series} DN80", "¥1,360", 890, 1150),                  // row 3: created
                Row($"{series} DN100", "面议"),                               // row 4: not a number
                Row($"{series} DN150", 2000, 1500, 2500),                     // row 5: floor above list
                Row($"{series} DN80", 1400),                                  // row 6: model twice
            },
            ["选项"] = new[]
            {
                new Dictionary<string, object?> { ["型号"] = $"{series} DN80", ["选项组"] = "材质", ["选项值"] = "CF8 不锈钢", ["加价"] = 700, ["加成本"] = 480 },
                new Dictionary<string, object?> { ["型号"] = "NOPE-" + series, ["选项组"] = "材质", ["选项值"] = "CF8", ["加价"] = 1, ["加成本"] = 1 },
            },
        }));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await PipewrightApp.ReadAsync(response);
        Assert.Equal(1, result["created"]!.GetValue<int>());
        Assert.Equal(1, result["updated"]!.GetValue<int>());
        Assert.Equal(1, result["options"]!.GetValue<int>());
        var errors = result["errors"]!.AsArray().Select(e => (Row: e!["row"]!.GetValue<int>(), Column: e["column"]?.GetValue<string>(), Message: e["message"]!.GetValue<string>())).ToList();
        Assert.Contains(errors, e => e.Row == 4 && e.Column == "目录价");
        Assert.Contains(errors, e => e.Row == 5 && e.Column == "最低价" && e.Message == "最低价不能高于目录价。");
        Assert.Contains(errors, e => e.Row == 6 && e.Message.Contains("第 3 行", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Row == 3 && e.Column == "型号");   // the option row of an unknown model

        var list = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/products?search={Uri.EscapeDataString(series)}");
        var items = list!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        var dn50 = items.Single(i => i!["model"]!.GetValue<string>().EndsWith("DN50", StringComparison.OrdinalIgnoreCase))!;
        Assert.Equal(980.5m, dn50["listPrice"]!.GetValue<decimal>());
        Assert.Equal("法兰闸阀", dn50["name"]!.GetValue<string>());
        var dn80 = items.Single(i => i!["model"]!.GetValue<string>().EndsWith("DN80", StringComparison.Ordinal))!;
        Assert.Equal(1360m, dn80["listPrice"]!.GetValue<decimal>());
        Assert.Equal(480m, Assert.Single(dn80["options"]!.AsArray())!["costDelta"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_template_has_the_chinese_headers_and_imports_as_it_is()
    {
        var finance = await app.SignInAsync("finance");
        var template = await finance.GetAsync("/api/v1/products/import/template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var bytes = await template.Content.ReadAsByteArrayAsync();
        var headers = ((IDictionary<string, object>)MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "产品").First()).Keys;
        Assert.Equal(["型号", "名称", "类别", "单位", "目录价", "单位成本", "最低价"], headers);

        var file = new ByteArrayContent(bytes);
        var response = await finance.PostAsync("/api/v1/products/import", new MultipartFormDataContent { { file, "file", "template.xlsx" } });
        var result = await PipewrightApp.ReadAsync(response);
        Assert.Empty(result["errors"]!.AsArray());
        Assert.Equal(1, result["created"]!.GetValue<int>() + result["updated"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reps_may_not_import_and_a_file_that_is_not_xlsx_is_a_400()
    {
        var rep = await app.SignInAsync("rep1");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsync("/api/v1/products/import",
            Upload(new Dictionary<string, object> { ["产品"] = new[] { Row("X-1", 1) } }))).StatusCode);

        var admin = await app.AdminAsync();
        var text = new ByteArrayContent("型号,名称\nA,B"u8.ToArray());
        var response = await admin.PostAsync("/api/v1/products/import", new MultipartFormDataContent { { text, "file", "catalog.csv" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await PipewrightApp.ReadAsync(response))["errors"]!["file"]);
    }
}
