using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Pipewright.BrowserTests.Infrastructure;

/// <summary>One page of one scenario, with the moves every scenario makes: open, sign in, wait for Blazor, screenshot.</summary>
public sealed partial class Ui
{
    /// <summary>
    /// Counts the render batches the Blazor circuit has applied (window.__pwBatches). A page is prerendered first and
    /// only answers clicks and typing once its circuit has rendered it: the count says when that has happened.
    /// </summary>
    public const string CircuitProbe = """
        (() => {
          window.__pwBatches = 0;
          const Native = window.WebSocket;
          const decoder = new TextDecoder('latin1');
          class ProbedWebSocket extends Native {
            constructor(url, protocols) {
              super(url, protocols);
              if (String(url).includes('_blazor')) {
                this.addEventListener('message', e => {
                  const text = typeof e.data === 'string' ? e.data
                    : e.data instanceof ArrayBuffer ? decoder.decode(e.data) : '';
                  // Counted after Blazor's own handler has applied the batch.
                  if (text.includes('JS.RenderBatch')) setTimeout(() => { window.__pwBatches++; window.__pwLastBatch = performance.now(); }, 0);
                });
              }
            }
          }
          window.WebSocket = ProbedWebSocket;
        })();
        """;

    private static readonly string ScreenshotFolder =
        Environment.GetEnvironmentVariable("PIPEWRIGHT_TEST_SCREENSHOTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    private readonly string _scenario;
    private int _shots;

    public Ui(IPage page, string scenario)
    {
        Page = page;
        _scenario = scenario;
        page.PageError += (_, error) => PageErrors.Add(error);
        page.Console += (_, message) =>
        {
            // A failed request is reported with its address by Response below.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                PageErrors.Add($"console: {message.Text} ({message.Location})");
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
                PageErrors.Add($"HTTP {response.Status} {response.Request.Method} {response.Url}");
        };
    }

    public IPage Page { get; }

    /// <summary>Uncaught exceptions, console errors and failed requests of the page (a dead circuit shows up here).</summary>
    public List<string> PageErrors { get; } = [];

    public ILocator this[string selector] => Page.Locator(selector);

    /// <summary>Opens a page with a full load and waits until its circuit has rendered it.</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForInteractiveAsync();
    }

    /// <summary>
    /// Waits until Blazor's circuit has applied its render batches to this document and then sent none for 150 ms, so
    /// clicks and typing reach .NET. The first batch can be the layout's: text typed before the page's own batch was
    /// replaced by it (CI saw a customer's name and a catalog search lost that way).
    /// </summary>
    public Task WaitForInteractiveAsync() =>
        Page.WaitForFunctionAsync("() => window.Blazor !== undefined && window.__pwBatches > 0 && performance.now() - window.__pwLastBatch > 150");

    /// <summary>
    /// Opens a tab of a record page and waits until it shows. Panels above the tabs (pool state, ownership history)
    /// load after the first render and move the tabs down, so a click can land where a tab was: click again then.
    /// </summary>
    public async Task ShowTabAsync(string key)
    {
        var tab = Page.Locator($"#tab-{key}");
        for (var attempt = 1; ; attempt++)
        {
            await tab.ClickAsync();
            try
            {
                await Expect(tab).ToHaveClassAsync(new Regex(@"\bactive\b"), new() { Timeout = 2000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>Signs in on /login (wherever the browser is sent there from) and waits for the page it lands on.</summary>
    public async Task SignInAsync(string userName, string password = BrowserApp.Password, bool shoot = false)
    {
        if (!Page.Url.Contains("/login", StringComparison.Ordinal)) await Page.GotoAsync("login");
        await Page.Locator("#userName").FillAsync(userName);
        await Page.Locator("#password").FillAsync(password);
        if (shoot) await ScreenshotAsync("login-filled");
        await Page.Locator("#sign-in").ClickAsync();
        await Expect(Page).Not.ToHaveURLAsync(LoginUrl());
        await WaitForInteractiveAsync();
    }

    /// <summary>Saves a full-page PNG named after the scenario and the step.</summary>
    public async Task ScreenshotAsync(string step)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        _shots++;
        var name = $"{_scenario}-{_shots:D2}-{Safe().Replace(step, "-")}.png";
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name), FullPage = true });
    }

    /// <summary>The path and query of the current page, e.g. /customers?level=A.</summary>
    public string PathAndQuery => new Uri(Page.Url).PathAndQuery;

    /// <summary>How wide the document is compared with the window (a phone page must not scroll sideways).</summary>
    public async Task<(int Document, int Window)> WidthsAsync()
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }

    [GeneratedRegex("/login")]
    public static partial Regex LoginUrl();

    [GeneratedRegex("[^A-Za-z0-9_.-]+")]
    private static partial Regex Safe();
}
