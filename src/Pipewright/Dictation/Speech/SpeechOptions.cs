using System.ComponentModel.DataAnnotations;

namespace Pipewright.Dictation.Speech;

/// <summary>Section <c>Speech</c>: which engine turns a voice note into text, and how patiently we ask it.</summary>
/// <summary>The values of <c>Speech:Engine</c>.</summary>
public static class SpeechEngine
{
    public const string None = "none";
    public const string OpenAi = "openai";
    public const string Baidu = "baidu";
    public const string Whisper = "whisper";
}

public sealed class SpeechOptions : IValidatableObject
{
    /// <summary><c>none</c> (typed text only), <c>openai</c>, <c>baidu</c> or <c>whisper</c> (in-process).</summary>
    [AllowedValues(SpeechEngine.None, SpeechEngine.OpenAi, SpeechEngine.Baidu, SpeechEngine.Whisper)] public string Engine { get; set; } = SpeechEngine.None;

    /// <summary>The largest recording accepted: 10 MB is about five minutes of 16 kHz mono WAV.</summary>
    [Range(1024, 100L * 1024 * 1024)] public long MaxAudioBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>How long one attempt at a remote engine may take; a timed-out attempt is tried once more.</summary>
    [Range(1, 600)] public double TimeoutSeconds { get; set; } = 60;

    /// <summary>Transcriptions per user per minute: an engine is paid per call or holds a CPU per call.</summary>
    [Range(1, 10_000)] public int PerUserPerMinute { get; set; } = 12;

    /// <summary>
    /// Length of the hint text (customer and product names) sent with a recording. Whisper reads at most
    /// 224 prompt tokens, about 150–250 Chinese characters; more would be cut off by the engine anyway.
    /// </summary>
    [Range(0, 2000)] public int MaxHintChars { get; set; } = 200;

    public OpenAiSpeechOptions OpenAi { get; set; } = new();
    public BaiduSpeechOptions Baidu { get; set; } = new();
    public WhisperSpeechOptions Whisper { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The options validator does not descend into the engines' sections by itself.
        foreach (var (name, section) in new (string, object)[] { ("OpenAi", OpenAi), ("Baidu", Baidu), ("Whisper", Whisper) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
            foreach (var result in results)
                yield return new ValidationResult($"Speech:{name}: {result.ErrorMessage}", result.MemberNames.Select(m => $"{name}.{m}"));
        }
        switch (Engine)
        {
            case SpeechEngine.OpenAi when OpenAi.BaseUrl is not { IsAbsoluteUri: true }:
                yield return new ValidationResult("Speech:OpenAi:BaseUrl must be an absolute URL when Speech:Engine is openai.", ["OpenAi.BaseUrl"]);
                break;
            case SpeechEngine.Baidu when string.IsNullOrWhiteSpace(Baidu.ApiKey) || string.IsNullOrWhiteSpace(Baidu.SecretKey):
                yield return new ValidationResult("Speech:Baidu:ApiKey and Speech:Baidu:SecretKey are required when Speech:Engine is baidu.", ["Baidu.ApiKey"]);
                break;
            case SpeechEngine.Whisper when string.IsNullOrWhiteSpace(Whisper.ModelPath):
                yield return new ValidationResult("Speech:Whisper:ModelPath is required when Speech:Engine is whisper (a ggml model file, e.g. ggml-small.bin).", ["Whisper.ModelPath"]);
                break;
            case SpeechEngine.Whisper when !File.Exists(Whisper.ModelPath):
                yield return new ValidationResult($"Speech:Whisper:ModelPath {Whisper.ModelPath} does not exist.", ["Whisper.ModelPath"]);
                break;
        }
    }
}

/// <summary>Any server that speaks OpenAI's <c>/v1/audio/transcriptions</c>: OpenAI, whisper.cpp's server, faster-whisper-server.</summary>
public sealed class OpenAiSpeechOptions
{
    /// <summary>Without the <c>/v1</c>: <c>http://127.0.0.1:8080</c> asks <c>http://127.0.0.1:8080/v1/audio/transcriptions</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set; self-hosted servers usually need none.</summary>
    public string? ApiKey { get; set; }

    [Required, MaxLength(100)] public string Model { get; set; } = "whisper-1";
}

/// <summary>Baidu 短语音识别 标准版 (REST): an application's API Key and Secret Key from the Baidu AI console.</summary>
public sealed class BaiduSpeechOptions
{
    public string? ApiKey { get; set; }
    public string? SecretKey { get; set; }
    [Required] public Uri TokenUrl { get; set; } = new("https://aip.baidubce.com/oauth/2.0/token");
    [Required] public Uri Url { get; set; } = new("https://vop.baidu.com/server_api");

    /// <summary>1537: Mandarin with punctuation (the input-method model).</summary>
    [Range(1, 99999)] public int DevPid { get; set; } = 1537;

    /// <summary>
    /// A language model trained on Baidu's 自训练平台 with our customer and product names (its hotword list);
    /// the standard API takes no hotwords per request, only this id.
    /// </summary>
    public int? LmId { get; set; }

    /// <summary>Identifies the caller to Baidu (its quota and statistics), not a person.</summary>
    [Required, MaxLength(60)] public string Cuid { get; set; } = "pipewright";
}

/// <summary>Whisper.net in this process: a ggml model file on the server's disk, nothing leaves the machine.</summary>
public sealed class WhisperSpeechOptions
{
    public string? ModelPath { get; set; }

    /// <summary>CPU threads for one transcription; 0 lets whisper.cpp choose.</summary>
    [Range(0, 64)] public int Threads { get; set; }
}
