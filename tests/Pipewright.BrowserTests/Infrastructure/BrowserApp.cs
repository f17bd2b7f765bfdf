using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Pipewright.Demo;

namespace Pipewright.BrowserTests.Infrastructure;

/// <summary>
/// The real Pipewright on a real 127.0.0.1 port (Kestrel), on a fresh SQLite database with the demo company
/// loaded, and one headless Chromium to drive it. One per test class; every test gets its own browser context.
/// </summary>
public class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Admin-Passw0rd";

    /// <summary>The demo company's people all have this password (DemoOptions' default).</summary>
    public const string Password = "Pipewright2026";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "pipewright-browser-tests", Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Errors the app logged, to fail the test that caused them.</summary>
    public ServerErrors Errors { get; } = new();

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser starts in InitializeAsync.");

    public virtual async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        await Services.GetRequiredService<DemoCompany>().LoadAsync(NullLogger.Instance);

        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                .. BrowserArguments],
        });
    }

    /// <summary>More Chromium switches for a test class (a fake microphone).</summary>
    protected virtual IEnumerable<string> BrowserArguments => [];

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development: static assets of packages (AntDesign's CSS and JS) are only served there or when published.
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:Root", Root);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:PublicFormPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
    }

    /// <summary>
    /// Runs one browser scenario in a fresh context (no cookies), as a desktop or a phone. A failing scenario
    /// leaves a screenshot of where it stopped; any error the app logged or the page reported fails it too.
    /// </summary>
    public async Task RunAsync(string scenario, Func<Ui, Task> body, bool phone = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = phone ? new() { Width = 375, Height = 812 } : new() { Width = 1280, Height = 860 },
            IsMobile = phone,
            HasTouch = phone,
            // A salesperson standing at a customer's gate in Ningbo.
            Geolocation = new() { Latitude = 29.868336f, Longitude = 121.543990f, Accuracy = 25 },
            Permissions = ["geolocation"],
        });
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(30_000);
        await context.AddInitScriptAsync(Ui.CircuitProbe);
        var page = await context.NewPageAsync();
        var ui = new Ui(page, scenario);
        var serverErrorsBefore = Errors.Count;
        try
        {
            await body(ui);
            var serverErrors = Errors.Since(serverErrorsBefore);
            Assert.True(serverErrors.Count == 0, "The app logged errors:\n" + string.Join("\n", serverErrors));
            Assert.True(ui.PageErrors.Count == 0, "The page reported errors:\n" + string.Join("\n", ui.PageErrors));
        }
        catch
        {
            try { await ui.ScreenshotAsync("FAILED"); } catch (PlaywrightException) { }
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>An API client signed in as the given person (bearer token), for arranging data around a scenario.</summary>
    public async Task<HttpClient> ApiAsync(string userName, string password = Password)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var response = await client.PostAsJsonAsync("api/v1/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a customer through the API; its JSON (id, code, name, version …).</summary>
    public static async Task<JsonObject> CreateCustomerAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("api/v1/customers", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A short random suffix that keeps one test's records apart from another's.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..6];

    /// <summary>A company name made of Chinese characters nobody else in the database has.</summary>
    public static string UniqueChineseWord(int length = 3)
    {
        const string characters = "恒瑞泰隆鑫盛祥裕昌宏嘉德永晟兆丰源博凯达铭诚信远通华";
        return string.Concat(Enumerable.Range(0, length).Select(_ => characters[Random.Shared.Next(characters.Length)]));
    }
}

/// <summary>Collects what the app logs at Error or above.</summary>
public sealed class ServerErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public int Count => _errors.Count;

    public IReadOnlyList<string> Since(int count) => _errors.Skip(count).ToList();

    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, _errors);

    public void Dispose() { }

    private sealed class Collector(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) errors.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
