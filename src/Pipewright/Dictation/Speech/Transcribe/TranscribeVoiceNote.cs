using Microsoft.Extensions.Options;
using Pipewright.Activities.Attachments;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;

namespace Pipewright.Dictation.Speech.Transcribe;

/// <summary>JSON form of the request: transcribe a recording uploaded before (the retry after an engine failure).</summary>
public sealed record TranscribeRequest(Guid? AttachmentId);

/// <summary>The text heard, the stored recording (to keep with the follow-up), which engine heard it and how long it took.</summary>
public sealed record TranscriptDto(string Text, Guid AttachmentId, string Engine, long Ms);

/// <summary>
/// Keeps the recording as an attachment of the person who made it (the follow-up takes it over when saved), then
/// has the configured engine transcribe it with the names this person is likely to say as hints. When the engine
/// fails after the audio was stored, the answer carries its <c>attachmentId</c>: a retry sends that, not the audio again.
/// </summary>
public sealed class TranscribeVoiceNoteHandler(
    ISpeechToText engine, SpeechHintsBuilder hints, UploadAttachmentHandler upload, OpenAttachmentHandler open,
    IOptions<SpeechOptions> options, TimeProvider clock)
{
    public async Task<Outcome<TranscriptDto>> UploadAsync(Stream content, string? fileName, CurrentUser user, CancellationToken ct)
    {
        if (engine is NoSpeechToText) return SpeechFailures.Off();
        var max = options.Value.MaxAudioBytes;
        var audio = await ReadAtMostAsync(content, max, ct);
        if (audio is null) return SpeechFailures.TooLarge(max);
        if (audio.Length == 0) return Failure.Invalid("file", "speech.audio.required");
        using var memory = new MemoryStream(audio, writable: false);
        var contentType = FileKinds.Detect(memory);
        if (contentType?.StartsWith("audio/", StringComparison.Ordinal) != true) return SpeechFailures.NotAudio();
        if (!engine.Accepts(contentType)) return SpeechFailures.Unsupported();

        var stored = await upload.HandleAsync(memory, fileName ?? "voice-note", user, ct);
        if (stored.Failure is { } failure) return failure;
        return await TranscribeAsync(audio, contentType, stored.Value!.Id, user, ct);
    }

    public async Task<Outcome<TranscriptDto>> AttachmentAsync(Guid attachmentId, CurrentUser user, CancellationToken ct)
    {
        if (engine is NoSpeechToText) return SpeechFailures.Off();
        var opened = await open.HandleAsync(attachmentId, preview: false, user, ct);
        if (opened.Failure is { } failure) return failure;
        var file = opened.Value!;
        if (!file.ContentType.StartsWith("audio/", StringComparison.Ordinal)) return SpeechFailures.NotAudio();
        if (!engine.Accepts(file.ContentType)) return SpeechFailures.Unsupported();
        if (new FileInfo(file.Path).Length > options.Value.MaxAudioBytes) return SpeechFailures.TooLarge(options.Value.MaxAudioBytes);
        return await TranscribeAsync(await File.ReadAllBytesAsync(file.Path, ct), file.ContentType, attachmentId, user, ct);
    }

    private async Task<Outcome<TranscriptDto>> TranscribeAsync(byte[] audio, string contentType, Guid attachmentId, CurrentUser user,
        CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var words = await hints.ForAsync(user, ct);
        using var stream = new MemoryStream(audio, writable: false);
        var heard = await engine.TranscribeAsync(stream, contentType, words, ct);
        var outcome = heard.Failure is null && string.IsNullOrWhiteSpace(heard.Value) ? SpeechFailures.Unclear() : heard.Failure;
        if (outcome is { } failure)
        {
            var extensions = new Dictionary<string, object?>(failure.Extensions ?? new Dictionary<string, object?>()) { ["attachmentId"] = attachmentId };
            return failure with { Extensions = extensions };
        }
        return new TranscriptDto(heard.Value!, attachmentId, engine.Name, (long)clock.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The whole content, or null when it is longer than <paramref name="max"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream content, long max, CancellationToken ct)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            if (memory.Length + read > max) return null;
            memory.Write(buffer, 0, read);
        }
        return memory.ToArray();
    }
}
