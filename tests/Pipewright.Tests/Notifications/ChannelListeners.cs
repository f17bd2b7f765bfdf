using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipewright.Tests.Notifications;

public sealed record RecordedRequest(string Method, string Path, string Query, string Body)
{
    public string QueryValue(string name) =>
        System.Web.HttpUtility.ParseQueryString(Query)[name] ?? "";
}

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for WeCom, DingTalk or Feishu: records every request and answers
/// what the test says (by default the channel's "ok"). It can be stopped and started again on the same port.
/// </summary>
public sealed class ChannelHttpListener : IAsyncDisposable
{
    private WebApplication? _app;

    public int Port { get; private set; }
    public string BaseAddress => $"http://127.0.0.1:{Port}";
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The answer to a request: status and JSON body.</summary>
    public Func<RecordedRequest, (int Status, string Body)> Answer { get; set; } = _ => (200, """{"errcode":0,"errmsg":"ok"}""");

    public static async Task<ChannelHttpListener> StartAsync()
    {
        var listener = new ChannelHttpListener();
        await listener.StartAsync(0);
        return listener;
    }

    public async Task StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "", await reader.ReadToEndAsync());
            Requests.Enqueue(request);
            var (status, body) = Answer(request);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        _app = app;
        Port = new Uri(app.Urls.First()).Port;
    }

    /// <summary>The channel goes down: connections are refused until <see cref="StartAsync(int)"/> on the same port.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>
/// A minimal SMTP server on 127.0.0.1 (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no auth) that keeps
/// the messages it accepts. <see cref="RefuseNext"/> answers the next messages' DATA with 451, a temporary refusal.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public int Port { get; }
    public ConcurrentQueue<string> Messages { get; } = new();
    public int RefuseNext;
    public int Sessions;

    public SmtpListener()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        Interlocked.Increment(ref Sessions);
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, new UTF8Encoding(false));
        var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 127.0.0.1 test SMTP ready");
        while (await reader.ReadLineAsync() is { } line)
        {
            var command = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (command)
            {
                case "EHLO":
                    await writer.WriteAsync("250-127.0.0.1\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                    break;
                case "HELO" or "MAIL" or "RCPT" or "RSET" or "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    if (Interlocked.Decrement(ref RefuseNext) >= 0)
                    {
                        await writer.WriteLineAsync("451 4.3.0 Mailbox busy, try again later");
                    }
                    else
                    {
                        Messages.Enqueue(data.ToString());
                        await writer.WriteLineAsync($"250 2.0.0 Ok: queued as {Messages.Count}");
                    }
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 Command not implemented");
                    break;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}
