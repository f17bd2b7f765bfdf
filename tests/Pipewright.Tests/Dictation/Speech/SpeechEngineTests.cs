using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pipewright.Activities.Attachments;
using Pipewright.Dictation.Speech;
using Pipewright.Dictation.Speech.Engines;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Dictation.Speech;

/// <summary>The engines against real HTTP servers on 127.0.0.1 that check requests as the real services do.</summary>
public sealed class SpeechEngineTests : IAsyncLifetime
{
    private static readonly IHttpClientFactory Clients =
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    private static readonly SpeechHints Hints = new(["宁波华强阀门有限公司", "华强", "Z41H-16C DN100", "D371X-16Q"]);

    private OpenAiSpeechServer _openAi = null!;
    private BaiduSpeechServer _baidu = null!;

    public async Task InitializeAsync()
    {
        _openAi = await OpenAiSpeechServer.StartAsync();
        _baidu = await BaiduSpeechServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _openAi.DisposeAsync();
        await _baidu.DisposeAsync();
    }

    private static IOptions<SpeechOptions> Options(Action<SpeechOptions> configure)
    {
        // Generous: a loaded test machine must not turn a quick answer into a timeout; the slow case sets its own.
        var options = new SpeechOptions { TimeoutSeconds = 10 };
        configure(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    private static RemoteEngine Remote(IOptions<SpeechOptions> options) => new(Clients, options, NullLogger<RemoteEngine>.Instance);

    private OpenAiSpeechToText OpenAi(Action<SpeechOptions>? configure = null)
    {
        var options = Options(o =>
        {
            o.Engine = SpeechEngine.OpenAi;
            o.OpenAi.BaseUrl = _openAi.BaseUrl;
            configure?.Invoke(o);
        });
        return new OpenAiSpeechToText(Remote(options), options, NullLogger<OpenAiSpeechToText>.Instance);
    }

    private BaiduSpeechToText Baidu(Action<SpeechOptions>? configure = null)
    {
        var options = Options(o =>
        {
            o.Engine = SpeechEngine.Baidu;
            o.Baidu.ApiKey = BaiduSpeechServer.ApiKey;
            o.Baidu.SecretKey = BaiduSpeechServer.SecretKey;
            o.Baidu.TokenUrl = _baidu.TokenUrl;
            o.Baidu.Url = _baidu.Url;
            configure?.Invoke(o);
        });
        return new BaiduSpeechToText(Remote(options), options, new TestClock(), NullLogger<BaiduSpeechToText>.Instance);
    }

    private static Task<Pipewright.Common.Api.Outcome<string>> Transcribe(ISpeechToText engine, byte[] audio, string contentType = FileKinds.Wav) =>
        engine.TranscribeAsync(new MemoryStream(audio), contentType, Hints, CancellationToken.None);

    [Fact]
    public async Task The_openai_engine_posts_the_file_model_chinese_and_the_names_as_prompt_and_returns_the_text()
    {
        _openAi.ApiKey = "sk-test";
        _openAi.Text = "今天去了华强，Z41H-16C 要二十台。";
        var audio = TestAudio.Tone(1.5);

        var outcome = await Transcribe(OpenAi(o => (o.OpenAi.ApiKey, o.OpenAi.Model) = ("sk-test", "Systran/faster-whisper-small")), audio);

        Assert.Null(outcome.Failure);
        Assert.Equal("今天去了华强，Z41H-16C 要二十台。", outcome.Value);
        var request = Assert.Single(_openAi.Requests);
        Assert.Equal("Systran/faster-whisper-small", request.Model);
        Assert.Equal("zh", request.Language);
        Assert.Equal("json", request.ResponseFormat);
        Assert.Equal("Bearer sk-test", request.Authorization);
        Assert.Equal("voice-note.wav", request.FileName);
        Assert.Equal("audio/wav", request.FileContentType);
        Assert.Equal(audio, request.File);
        Assert.Equal("宁波华强阀门有限公司、华强、Z41H-16C DN100、D371X-16Q", request.Prompt);
    }

    [Fact]
    public async Task The_prompt_is_cut_to_the_configured_length_on_whole_names()
    {
        await Transcribe(OpenAi(o => o.MaxHintChars = 16), TestAudio.Tone(0.5));
        Assert.Equal("宁波华强阀门有限公司、华强", _openAi.Last!.Prompt);

        await Transcribe(OpenAi(o => o.MaxHintChars = 0), TestAudio.Tone(0.5));
        Assert.Null(_openAi.Last!.Prompt);
    }

    [Fact]
    public async Task A_server_error_is_tried_once_more_and_a_second_one_means_the_engine_is_down()
    {
        _openAi.Mode = OpenAiSpeechServer.Behaviour.FailOnce;
        var recovered = await Transcribe(OpenAi(), TestAudio.Tone(0.5));
        Assert.Null(recovered.Failure);
        Assert.Equal(2, _openAi.Requests.Count);

        _openAi.Mode = OpenAiSpeechServer.Behaviour.Error;
        var down = await Transcribe(OpenAi(), TestAudio.Tone(0.5));
        Assert.Equal(503, down.Failure!.Status);
        Assert.Equal(4, _openAi.Requests.Count);
    }

    [Fact]
    public async Task A_server_that_is_gone_or_drops_the_connection_is_an_engine_that_is_down()
    {
        _openAi.Mode = OpenAiSpeechServer.Behaviour.Drop;
        var dropped = await Transcribe(OpenAi(), TestAudio.Tone(0.5));
        Assert.Equal(503, dropped.Failure!.Status);
        Assert.Equal(2, _openAi.Requests.Count);

        var engine = OpenAi();
        await _openAi.StopAsync();
        var gone = await Transcribe(engine, TestAudio.Tone(0.5));
        Assert.Equal(503, gone.Failure!.Status);
    }

    [Fact]
    public async Task A_slow_server_times_out_twice_and_the_engine_is_down()
    {
        _openAi.Mode = OpenAiSpeechServer.Behaviour.Slow;
        var watch = Stopwatch.StartNew();
        var outcome = await Transcribe(OpenAi(o => o.TimeoutSeconds = 1), TestAudio.Tone(0.5));
        Assert.Equal(503, outcome.Failure!.Status);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(8));
        Assert.Equal(2, _openAi.Requests.Count);
    }

    [Fact]
    public async Task A_wrong_key_is_a_configuration_problem_and_refused_audio_is_unsupported_neither_retried()
    {
        _openAi.ApiKey = "sk-right";
        var wrongKey = await Transcribe(OpenAi(o => o.OpenAi.ApiKey = "sk-wrong"), TestAudio.Tone(0.5));
        Assert.Equal(503, wrongKey.Failure!.Status);
        Assert.Single(_openAi.Requests);

        _openAi.ApiKey = null;
        // A broken WebM the server cannot decode: its 400 is the caller's 400.
        var refused = await Transcribe(OpenAi(), "truncated webm"u8.ToArray(), FileKinds.WebmAudio);
        Assert.Equal(400, refused.Failure!.Status);

        var notAudio = await Transcribe(OpenAi(), "%PDF-1.7"u8.ToArray(), FileKinds.Pdf);
        Assert.Equal(400, notAudio.Failure!.Status);
        Assert.Equal(2, _openAi.Requests.Count);   // the PDF is refused before sending
    }

    [Fact]
    public async Task The_baidu_engine_gets_a_token_once_and_sends_base64_pcm_with_its_length_and_dev_pid()
    {
        _baidu.Texts[0] = "今天拜访了华强，下周报价。";
        var audio = TestAudio.Tone(2);
        var engine = Baidu();

        var first = await Transcribe(engine, audio);
        var second = await Transcribe(engine, audio);

        Assert.Equal("今天拜访了华强，下周报价。", first.Value);
        Assert.Null(second.Failure);
        Assert.Single(_baidu.TokensIssued);   // kept, not asked for every note
        var request = _baidu.Requests.First();
        Assert.Equal("pcm", request.Body["format"]!.GetValue<string>());
        Assert.Equal(16000, request.Body["rate"]!.GetValue<int>());
        Assert.Equal(1, request.Body["channel"]!.GetValue<int>());
        Assert.Equal(1537, request.Body["dev_pid"]!.GetValue<int>());
        Assert.Equal("pipewright", request.Body["cuid"]!.GetValue<string>());
        Assert.Equal(_baidu.TokensIssued.Single(), request.Body["token"]!.GetValue<string>());
        Assert.Equal(audio.Length - 44, request.Body["len"]!.GetValue<int>());
        Assert.Equal(audio.AsSpan(44).ToArray(), request.Speech);
        Assert.Null(request.Body["lm_id"]);
    }

    [Fact]
    public async Task A_note_longer_than_baidus_sixty_seconds_is_sent_in_pieces_and_the_texts_joined()
    {
        _baidu.Texts.Clear();
        _baidu.Texts.AddRange(["第一段。", "第二段。"]);
        var outcome = await Transcribe(Baidu(o => o.Baidu.LmId = 8001), TestAudio.Tone(70));
        Assert.Equal("第一段。第二段。", outcome.Value);
        Assert.Equal([50 * 16000 * 2, 20 * 16000 * 2], _baidu.Requests.Select(r => r.Speech.Length));
        Assert.All(_baidu.Requests, r => Assert.Equal(8001, r.Body["lm_id"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Baidu_error_codes_become_the_callers_errors()
    {
        var silence = await Transcribe(Baidu(), TestAudio.Silence(1));
        Assert.Equal(422, silence.Failure!.Status);   // 3301: audio quality too poor

        _baidu.FailWith = 3308;
        Assert.Equal(413, (await Transcribe(Baidu(), TestAudio.Tone(1))).Failure!.Status);
        _baidu.FailWith = 3312;
        Assert.Equal(400, (await Transcribe(Baidu(), TestAudio.Tone(1))).Failure!.Status);
        _baidu.FailWith = 3305;   // the day's quota is used up
        Assert.Equal(503, (await Transcribe(Baidu(), TestAudio.Tone(1))).Failure!.Status);

        _baidu.FailWith = 3303;   // trouble on Baidu's side: asked twice, then down
        var before = _baidu.Requests.Count;
        Assert.Equal(503, (await Transcribe(Baidu(), TestAudio.Tone(1))).Failure!.Status);
        Assert.Equal(before + 2, _baidu.Requests.Count);
    }

    [Fact]
    public async Task A_revoked_token_is_renewed_once_and_wrong_keys_are_a_configuration_problem()
    {
        var engine = Baidu();
        Assert.Null((await Transcribe(engine, TestAudio.Tone(1))).Failure);
        _baidu.RevokeTokens();
        Assert.Null((await Transcribe(engine, TestAudio.Tone(1))).Failure);
        Assert.Equal(2, _baidu.TokensIssued.Count);

        var wrong = await Transcribe(Baidu(o => o.Baidu.SecretKey = "stale"), TestAudio.Tone(1));
        Assert.Equal(503, wrong.Failure!.Status);
        Assert.Contains("管理员", wrong.Failure.Detail);
    }

    [Fact]
    public async Task Baidu_takes_16_or_8_khz_wav_only_and_stereo_is_mixed_down()
    {
        Assert.Equal(400, (await Transcribe(Baidu(), [0x1A, 0x45, 0xDF, 0xA3, 1, 2, 3], FileKinds.WebmAudio)).Failure!.Status);
        Assert.Equal(400, (await Transcribe(Baidu(), TestAudio.Tone(1, rate: 44100))).Failure!.Status);
        Assert.Empty(_baidu.Requests);

        Assert.Null((await Transcribe(Baidu(), TestAudio.Tone(1, channels: 2))).Failure);
        Assert.Equal(16000 * 2, _baidu.Requests.Single().Speech.Length);
    }

    [Fact]
    public async Task Whisper_with_a_file_that_is_no_model_says_so_instead_of_crashing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pw-not-a-model-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, "this is not a ggml model"u8.ToArray());
        try
        {
            var options = Options(o => (o.Engine, o.Whisper.ModelPath) = (SpeechEngine.Whisper, path));
            using var engine = new WhisperSpeechToText(options, NullLogger<WhisperSpeechToText>.Instance);
            var outcome = await Transcribe(engine, TestAudio.Tone(1));
            Assert.Equal(503, outcome.Failure!.Status);
            Assert.Contains("管理员", outcome.Failure.Detail);
            Assert.Equal(400, (await Transcribe(engine, TestAudio.Tone(1, rate: 8000))).Failure!.Status);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Configuration_names_what_is_missing_for_the_chosen_engine()
    {
        static string[] Errors(SpeechOptions options)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            return results.Select(r => r.ErrorMessage!).ToArray();
        }

        Assert.Empty(Errors(new SpeechOptions()));
        Assert.Contains(Errors(new SpeechOptions { Engine = "google" }), e => e.Contains("Engine"));
        Assert.Contains(Errors(new SpeechOptions { Engine = SpeechEngine.OpenAi }), e => e.Contains("Speech:OpenAi:BaseUrl"));
        Assert.Contains(Errors(new SpeechOptions { Engine = SpeechEngine.Baidu }), e => e.Contains("Speech:Baidu:ApiKey"));
        Assert.Contains(Errors(new SpeechOptions { Engine = SpeechEngine.Whisper }), e => e.Contains("Speech:Whisper:ModelPath is required"));
        Assert.Contains(Errors(new SpeechOptions { Engine = SpeechEngine.Whisper, Whisper = { ModelPath = "/nowhere/ggml-small.bin" } }),
            e => e.Contains("/nowhere/ggml-small.bin does not exist"));
        Assert.Contains(Errors(new SpeechOptions { Baidu = { DevPid = 0 } }), e => e.StartsWith("Speech:Baidu:", StringComparison.Ordinal) && e.Contains("DevPid"));
    }

    [Fact]
    public void A_wav_file_is_read_as_its_pcm_and_anything_else_is_not()
    {
        var wave = WaveAudio.TryRead(TestAudio.Tone(1.5, channels: 2));
        Assert.Equal((16000, 2, TimeSpan.FromSeconds(1.5)), (wave!.SampleRate, wave.Channels, wave.Duration));
        Assert.Equal(24000, wave.MonoSamples().Length);
        Assert.Null(WaveAudio.TryRead("RIFF\0\0\0\0WAVE"u8.ToArray()));
        Assert.Null(WaveAudio.TryRead("%PDF-1.7 nothing"u8.ToArray()));
    }
}
