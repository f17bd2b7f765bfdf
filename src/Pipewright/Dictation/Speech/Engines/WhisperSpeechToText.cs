using System.Text;
using Microsoft.Extensions.Options;
using Pipewright.Activities.Attachments;
using Pipewright.Common.Api;
using Whisper.net;

namespace Pipewright.Dictation.Speech.Engines;

/// <summary>
/// whisper.cpp inside this process through Whisper.net: no network, the audio never leaves the server. The model
/// is loaded once, on the first note (seconds, and hundreds of MB); one note is transcribed at a time, since a
/// transcription already uses every core it is given. Takes 16 kHz 16-bit WAV, what the recorder writes.
/// </summary>
public sealed partial class WhisperSpeechToText(IOptions<SpeechOptions> options, ILogger<WhisperSpeechToText> logger) : ISpeechToText, IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private WhisperFactory? _factory;

    public string Name => SpeechEngine.Whisper;

    public bool Accepts(string contentType) => contentType == FileKinds.Wav;

    public async Task<Outcome<string>> TranscribeAsync(Stream audio, string contentType, SpeechHints hints, CancellationToken ct)
    {
        if (!Accepts(contentType)) return SpeechFailures.Unsupported();
        var wave = WaveAudio.TryRead(await OpenAiSpeechToText.ReadAllAsync(audio, ct));
        if (wave is not { SampleRate: 16000 }) return SpeechFailures.Unsupported();

        await _one.WaitAsync(ct);
        try
        {
            if (Builder() is not { } builder) return SpeechFailures.Misconfigured();
            var settings = options.Value;
            builder = builder.WithLanguage("zh");
            if (settings.Whisper.Threads > 0) builder = builder.WithThreads(settings.Whisper.Threads);
            if (hints.Prompt(settings.MaxHintChars) is { Length: > 0 } prompt) builder = builder.WithPrompt(prompt);
            await using var processor = builder.Build();
            var text = new StringBuilder();
            await foreach (var segment in processor.ProcessAsync(wave.MonoSamples(), ct)) text.Append(segment.Text);
            return text.ToString().Trim();
        }
        catch (WhisperProcessingException e)
        {
            LogProcessingFailed(logger, e.ErrorCode);
            return SpeechFailures.Down();
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>
    /// A processor builder on the loaded model (whisper.cpp loads it on the first builder), or null and a log line
    /// saying why when the file is not a model that loads; a file fixed later is tried again on the next note.
    /// </summary>
    private WhisperProcessorBuilder? Builder()
    {
        var path = options.Value.Whisper.ModelPath!;
        try
        {
            _factory ??= WhisperFactory.FromPath(path);
            return _factory.CreateBuilder();
        }
        catch (Exception e) when (e is WhisperModelLoadException or IOException or UnauthorizedAccessException)
        {
            LogModelNotLoaded(logger, path, e.Message);
            _factory?.Dispose();
            _factory = null;
            return null;
        }
    }

    public void Dispose()
    {
        _factory?.Dispose();
        _one.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Speech:Whisper:ModelPath {Path} is not a whisper.cpp (ggml) model that loads: {Message}")]
    private static partial void LogModelNotLoaded(ILogger logger, string path, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "whisper.cpp failed on a note with code {Code}")]
    private static partial void LogProcessingFailed(ILogger logger, int code);
}
