using Pipewright.Common.Api;
using Pipewright.Common.Localization;

namespace Pipewright.Dictation.Speech;

/// <summary>
/// Turns a recording into Chinese text. One implementation per engine, chosen by <c>Speech:Engine</c>.
/// Expected failures (the engine is down, refuses the audio, heard nothing) are <see cref="Failure"/>s, not exceptions.
/// </summary>
public interface ISpeechToText
{
    /// <summary>The configuration value that chose it (<c>openai</c>, <c>baidu</c>, <c>whisper</c>, <c>none</c>).</summary>
    string Name { get; }

    /// <summary>Whether the engine can take audio of this (sniffed) content type as it is, without transcoding.</summary>
    bool Accepts(string contentType);

    Task<Outcome<string>> TranscribeAsync(Stream audio, string contentType, SpeechHints hints, CancellationToken ct);
}

/// <summary>Speech:Engine=none: notes are typed (or dictated by the phone keyboard); the record button is hidden.</summary>
public sealed class NoSpeechToText : ISpeechToText
{
    public string Name => SpeechEngine.None;

    public bool Accepts(string contentType) => false;

    public Task<Outcome<string>> TranscribeAsync(Stream audio, string contentType, SpeechHints hints, CancellationToken ct) =>
        Task.FromResult<Outcome<string>>(SpeechFailures.Off());
}

/// <summary>The failures every engine may answer, in the caller's language.</summary>
public static class SpeechFailures
{
    private static readonly Strings L = new();

    /// <summary>No engine is configured: a 503, as for an engine that is down, since nothing the caller sends can help.</summary>
    public static Failure Off() => new(503, "speech.problem.unavailable", L["speech.engine.off"]);

    /// <summary>The engine cannot be reached, timed out twice or failed on its side.</summary>
    public static Failure Down() => new(503, "speech.problem.unavailable", L["speech.engine.down"]);

    /// <summary>The engine refuses our credentials or its model does not load: the administrator must act.</summary>
    public static Failure Misconfigured() => new(503, "speech.problem.unavailable", L["speech.engine.misconfigured"]);

    public static Failure Unsupported() => Failure.Invalid("file", "speech.audio.unsupported");

    public static Failure NotAudio() => Failure.Invalid("file", "speech.audio.notAudio");

    public static Failure TooLarge(long maxBytes)
    {
        var message = L["speech.audio.tooLarge", Math.Round(maxBytes / 1024.0 / 1024.0, 1)].Value;
        return new Failure(413, "speech.problem.tooLarge", message, new Dictionary<string, string[]> { ["file"] = [message] });
    }

    /// <summary>The engine heard the recording but could not make words of it (noise, silence, too quiet).</summary>
    public static Failure Unclear() => Failure.Rule("speech.audio.unclear");
}
