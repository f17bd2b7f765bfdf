using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Pipewright.Tests.Infrastructure;

/// <summary>
/// The real Pipewright over HTTP on a fresh database of its own (SQLite file in a temp folder, or a new
/// PostgreSQL database). Tests share one per class and keep their data apart with unique names.
/// </summary>
public class PipewrightApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Admin-Passw0rd";
    public const string Password = "Passw0rd-2026";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "pipewright-tests", Guid.NewGuid().ToString("N"));
    private readonly string _postgresName = "pw_" + Guid.NewGuid().ToString("N")[..12];
    private string? _postgres;

    /// <summary>The PostgreSQL database of this host, when the suite runs on PostgreSQL (a second host can open it).</summary>
    public string? PostgresConnectionString => _postgres;

    /// <summary>The host's clock; tests move it (pool rules, due dates, reports).</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Extra configuration for a test host (e.g. a low rate limit).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        if (TestDatabase.IsPostgres) _postgres = await TestDatabase.CreatePostgresAsync(_postgresName);
        _ = Server; // start now: migrations and the bootstrap admin run before the first test
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_postgres is not null) await TestDatabase.DropPostgresAsync(_postgresName);
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Root", Root);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:PublicFormPerMinute", "100000");
        if (_postgres is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Default", _postgres);
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public HttpClient Anonymous(string language = "zh-CN")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public async Task<HttpClient> SignInAsync(string userName, string password = Password, string language = "zh-CN")
    {
        var client = Anonymous(language);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> AdminAsync(string language = "zh-CN") => SignInAsync("admin", AdminPassword, language);

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    /// <summary>A GET that must answer 200 OK (else the body is in the failure), and its JSON.</summary>
    public static async Task<JsonObject> GetOkAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, url + " → " + await response.Content.ReadAsStringAsync());
        return await ReadAsync(response);
    }

    public static string Unique(string prefix = "") => prefix + Guid.NewGuid().ToString("N")[..8];

    public static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
}
