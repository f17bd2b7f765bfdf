using Microsoft.Playwright;
using MiniExcelLibs;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

public sealed class ImportingCustomersTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>A sheet as an office keeps it: a title row, the header, a customer with two contacts, a bad phone, a repeat.</summary>
    private static byte[] Sheet(string word)
    {
        object?[][] rows =
        [
            ["客户名单", null, null, null],
            ["公司名称", "联系人", "手机号", "客户等级"],
            [$"宁波{word}阀门有限公司", "张伟", "13812340001", "A"],
            [$"宁波{word}阀门有限公司", "李娜", "13812340002", null],
            [$"绍兴{word}纺机有限公司", "王强", "12345", "B"],
            [$"余姚{word}泵业有限公司", "赵磊", "13812340003", "C"],
            [$"宁波{word}阀门有限公司", "陈晨", "13812340004", null],
        ];
        var data = rows.Select(r => r.Select((v, i) => (Key: ((char)('A' + i)).ToString(), Value: v)).ToDictionary(x => x.Key, x => x.Value)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(data, printHeader: false);
        return stream.ToArray();
    }

    [Fact]
    public Task The_administrator_imports_a_sheet_after_a_preview() =>
        app.RunAsync(nameof(The_administrator_imports_a_sheet_after_a_preview), async ui =>
        {
            var word = BrowserApp.UniqueChineseWord(4);
            await ui.SignInAsync("liuxiao");
            await ui.OpenAsync("customers");
            await ui["#import-customers"].ClickAsync();
            await Expect(ui["h1.page-title"]).ToHaveTextAsync("导入客户");
            await ui.WaitForInteractiveAsync();
            await Expect(ui["#download-template"]).ToBeVisibleAsync();
            await ui.ScreenshotAsync("start");

            await ui["#import-file"].SetInputFilesAsync(new FilePayload
            {
                Name = "客户名单.xlsx",
                MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Buffer = Sheet(word),
            });

            // The preview: header found in row 2, columns matched, counts and the problem rows, nothing written.
            await Expect(ui["#count-rows"]).ToHaveTextAsync("5");
            await Expect(ui["#count-created"]).ToHaveTextAsync("2");
            await Expect(ui["#count-errors"]).ToHaveTextAsync("1");
            await Expect(ui["#count-duplicates"]).ToHaveTextAsync("1");
            await Expect(ui["#import-problems tbody tr"].First.Locator("td").First).ToHaveTextAsync("5");
            await Expect(ui["#import-problems tbody tr"].Nth(1).Locator("td").First).ToHaveTextAsync("7");
            await Expect(ui["#column-0"]).ToHaveValueAsync("name");
            await Expect(ui["#column-2"]).ToHaveValueAsync("mobile");
            await ui.ScreenshotAsync("preview");

            await ui["#import-run"].ClickAsync();
            await Expect(ui["#import-result .ant-alert-success"]).ToContainTextAsync("已导入 2 个客户、3 个联系人");
            await ui.ScreenshotAsync("imported");

            await ui["#to-customers"].ClickAsync();
            await ui.WaitForInteractiveAsync();
            await ui["#customer-search"].FillAsync(word);
            await Expect(ui["#customers-table .customer-link"]).ToHaveCountAsync(2);
            await ui.ScreenshotAsync("in-the-list");

            // 导出 takes the search along: the two customers, one row per contact.
            var download = await ui.Page.RunAndWaitForDownloadAsync(() => ui["#export-customers"].ClickAsync());
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            await using var exported = await download.CreateReadStreamAsync();
            using var copy = new MemoryStream();
            await exported.CopyToAsync(copy);
            copy.Position = 0;
            var rows = MiniExcel.Query(copy, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(["张伟", "李娜", "赵磊"], rows.Select(r => (string)r["联系人"]).ToArray());
        });

    [Fact]
    public Task On_a_phone_the_columns_can_be_remapped_and_checked_again() =>
        app.RunAsync(nameof(On_a_phone_the_columns_can_be_remapped_and_checked_again), async ui =>
        {
            var word = BrowserApp.UniqueChineseWord(4);
            await ui.SignInAsync("liuxiao");
            await ui.OpenAsync("customers/import");
            await ui["#import-file"].SetInputFilesAsync(new FilePayload { Name = "客户名单.xlsx", MimeType = "application/octet-stream", Buffer = Sheet(word) });
            await Expect(ui["#count-errors"]).ToHaveTextAsync("1");

            // The bad phone is in the mobile column: leaving that column out leaves no errors.
            await ui["#column-2"].SelectOptionAsync("");
            await ui["#import-check"].ClickAsync();
            await Expect(ui["#count-errors"]).ToHaveTextAsync("0");
            await Expect(ui["#count-created"]).ToHaveTextAsync("3");
            var (document, window) = await ui.WidthsAsync();
            Assert.True(document <= window, $"the page scrolls sideways: {document} > {window}");
            await ui.ScreenshotAsync("remapped");
        }, phone: true);

    [Fact]
    public Task A_sales_rep_sees_no_import_button_and_cannot_open_the_page() =>
        app.RunAsync(nameof(A_sales_rep_sees_no_import_button_and_cannot_open_the_page), async ui =>
        {
            await ui.SignInAsync("wanglei");
            await ui.OpenAsync("customers");
            await Expect(ui["#export-customers"]).ToBeVisibleAsync();
            await Expect(ui["#import-customers"]).ToHaveCountAsync(0);
            await ui.OpenAsync("customers/import");
            await Expect(ui[".ant-result-title"]).ToBeVisibleAsync();
            await Expect(ui["#import-file"]).ToHaveCountAsync(0);
            await ui.ScreenshotAsync("forbidden");
        }, phone: true);
}
