using System.Text.RegularExpressions;
using Pipewright.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests;

public sealed partial class SigningInTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public Task A_wrong_password_keeps_you_on_the_login_page_with_the_reason_in_Chinese() =>
        app.RunAsync(nameof(A_wrong_password_keeps_you_on_the_login_page_with_the_reason_in_Chinese), async ui =>
        {
            await ui.Page.GotoAsync("login");
            await Expect(ui.Page).ToHaveTitleAsync("匠销");
            await ui.ScreenshotAsync("login");
            await ui["#userName"].FillAsync("wanglei");
            await ui["#password"].FillAsync("not-his-password");
            await ui["#sign-in"].ClickAsync();

            await Expect(ui[".login-error"]).ToHaveTextAsync("用户名或密码不正确。");
            Assert.StartsWith("/login", ui.PathAndQuery, StringComparison.Ordinal);
            await ui.ScreenshotAsync("refused");
        });

    [Fact]
    public Task The_right_password_opens_home_with_your_numbers_and_signing_out_returns_to_login() =>
        app.RunAsync(nameof(The_right_password_opens_home_with_your_numbers_and_signing_out_returns_to_login), async ui =>
        {
            await ui.Page.GotoAsync("login");
            await ui.SignInAsync("wanglei", shoot: true);

            Assert.Equal("/", ui.PathAndQuery);
            await Expect(ui["h1.page-title"]).ToHaveTextAsync("王磊，你好");
            var stats = ui["#home-stats"];
            await Expect(stats).ToBeVisibleAsync();
            await Expect(stats.Locator(".stat-label")).ToHaveTextAsync(["我的客户", "A 类客户", "重点客户", "联系人", "待处理的新线索"]);
            var myCustomers = int.Parse(await stats.Locator(".stat-value").First.InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands,
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(myCustomers, 1, 299); // his own customers, not the company's 300
            await ui.ScreenshotAsync("home");

            await ui["#logout"].ClickAsync();
            await Expect(ui.Page).ToHaveURLAsync(Ui.LoginUrl());
            await Expect(ui["#sign-in"]).ToBeVisibleAsync();
            await ui.ScreenshotAsync("signed-out");

            // Signed out means signed out: home sends you back to the login page.
            await ui.Page.GotoAsync("");
            await Expect(ui.Page).ToHaveURLAsync(Ui.LoginUrl());
        });

    [Fact]
    public Task Opening_customers_signed_out_asks_you_to_sign_in_and_then_takes_you_there() =>
        app.RunAsync(nameof(Opening_customers_signed_out_asks_you_to_sign_in_and_then_takes_you_there), async ui =>
        {
            await ui.Page.GotoAsync("customers");
            await Expect(ui.Page).ToHaveURLAsync(ReturnToCustomers());
            await Expect(ui["#sign-in"]).ToBeVisibleAsync();
            await ui.ScreenshotAsync("sent-to-login");

            await ui.SignInAsync("chenjing");

            Assert.Equal("/customers", ui.PathAndQuery);
            await Expect(ui["#customers-table"]).ToBeVisibleAsync();
            await ui.ScreenshotAsync("customers");
        });

    [GeneratedRegex(@"/login\?returnUrl=%2Fcustomers$", RegexOptions.IgnoreCase)]
    private static partial Regex ReturnToCustomers();
}
