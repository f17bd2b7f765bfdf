using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipewright.BrowserTests.Infrastructure;
using Pipewright.Dictation.Speech;

namespace Pipewright.BrowserTests.Dictation;

/// <summary>
/// The demo company with Speech:Engine=openai pointed at a local OpenAI-compatible transcription server, and a
/// Chromium whose microphone plays a prepared WAV file (fake device, permission granted without a prompt).
/// </summary>
public sealed class VoiceNoteApp : BrowserApp
{
    public TranscriptionServer Speech { get; } = new();

    /// <summary>What the fake microphone plays, over and over: a 16 kHz tone, loud enough to show on the level bar.</summary>
    public string MicrophoneFile { get; } = Path.Combine(Path.GetTempPath(), $"pw-microphone-{Guid.NewGuid():N}.wav");

    protected override IEnumerable<string> BrowserArguments =>
        ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-audio-capture={MicrophoneFile}"];

    public override async Task InitializeAsync()
    {
        await File.WriteAllBytesAsync(MicrophoneFile, Tone(seconds: 3));
        await Speech.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Speech:Engine", "openai");
        builder.UseSetting("Speech:OpenAi:BaseUrl", Speech.BaseUrl.ToString());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Speech.DisposeAsync();
        File.Delete(MicrophoneFile);
    }

    private static byte[] Tone(double seconds)
    {
        const int rate = 16000;
        var pcm = new byte[(int)(seconds * rate) * 2];
        for (var i = 0; i < pcm.Length / 2; i++)
            BitConverter.TryWriteBytes(pcm.AsSpan(i * 2), (short)(Math.Sin(2 * Math.PI * 330 * i / rate) * 12000));
        return WaveAudio.Write(rate, 1, pcm);
    }
}

/// <summary>
/// An OpenAI-compatible <c>POST /v1/audio/transcriptions</c> on 127.0.0.1, as whisper.cpp's server answers it:
/// multipart with <c>file</c> and <c>model</c>, 400 when the file is not audio, <c>{"text": …}</c> otherwise.
/// </summary>
public sealed class TranscriptionServer : IAsyncDisposable
{
    public sealed record Received(string? Language, string? Prompt, string? FileName, byte[] File);

    private WebApplication? _app;

    public string Text { get; set; } = "";
    public ConcurrentQueue<Received> Requests { get; } = new();
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/audio/transcriptions", async (HttpContext context) =>
        {
            if (!context.Request.HasFormContentType) return Results.BadRequest(new { error = new { message = "Expected multipart/form-data." } });
            var form = await context.Request.ReadFormAsync();
            if (form.Files.GetFile("file") is not { } file || string.IsNullOrEmpty(form["model"]))
                return Results.BadRequest(new { error = new { message = "you must provide a file and a model" } });
            using var memory = new MemoryStream();
            await file.CopyToAsync(memory);
            var bytes = memory.ToArray();
            Requests.Enqueue(new Received(form["language"].FirstOrDefault(), form["prompt"].FirstOrDefault(), file.FileName, bytes));
            return WaveAudio.TryRead(bytes) is { SampleRate: 16000, Channels: 1 } wave && wave.Duration > TimeSpan.FromSeconds(0.5)
                ? Results.Json(new { text = Text })
                : Results.BadRequest(new { error = new { message = "Invalid file format." } });
        });
        await app.StartAsync();
        BaseUrl = new Uri(app.Urls.First());
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }
}
