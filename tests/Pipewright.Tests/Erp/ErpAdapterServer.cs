using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipewright.Tests.Erp;

/// <summary>
/// A real ERP adapter on 127.0.0.1 speaking docs/erp-contract.md, which a test makes answer, answer slowly,
/// fail, talk nonsense or go away (and come back on the same port).
/// </summary>
public sealed class ErpAdapterServer : IAsyncDisposable
{
    public const string Token = "erp-secret-token";

    public enum Behaviour { Answer, Slow, Error, Malformed }

    public Behaviour Mode { get; set; } = Behaviour.Answer;
    public TimeSpan SlowBy { get; set; } = TimeSpan.FromSeconds(15);
    public decimal OnHand { get; set; } = 12;
    public DateOnly? EarliestDate { get; set; } = new(2026, 12, 10);

    /// <summary>Models this ERP does not know (it answers 404).</summary>
    public HashSet<string> Unknown { get; } = [];

    private int _requests;
    public int Requests => Volatile.Read(ref _requests);
    public string? LastAuthorization { get; private set; }
    public string? LastQuery { get; private set; }

    public int Port { get; private set; }
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/erp");

    private WebApplication? _app;

    public static async Task<ErpAdapterServer> StartAsync()
    {
        var erp = new ErpAdapterServer();
        await erp.StartOnAsync(0);
        return erp;
    }

    private async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/erp/availability", HandleAsync);
        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    private async Task<IResult> HandleAsync(HttpContext context, string model, decimal quantity, string? needBy)
    {
        Interlocked.Increment(ref _requests);
        LastAuthorization = context.Request.Headers.Authorization.ToString();
        LastQuery = context.Request.QueryString.Value;
        if (LastAuthorization != $"Bearer {Token}") return Results.StatusCode((int)HttpStatusCode.Unauthorized);
        switch (Mode)
        {
            case Behaviour.Slow:
                await Task.Delay(SlowBy, context.RequestAborted);
                break;
            case Behaviour.Error:
                return Results.StatusCode(500);
            case Behaviour.Malformed:
                return Results.Text("<html>login page</html>", "text/html");
        }
        if (Unknown.Contains(model)) return Results.NotFound(new { error = "unknown model" });
        return Results.Json(new { model, onHand = OnHand, earliestDate = EarliestDate, asOf = DateTimeOffset.Parse("2026-11-28T08:00:00+08:00") });
    }

    /// <summary>The ERP goes away: its port refuses connections.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>It comes back where it was.</summary>
    public Task RestartAsync() => StartOnAsync(Port);

    public async ValueTask DisposeAsync() => await StopAsync();
}
