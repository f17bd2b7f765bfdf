using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Dictation.Speech;

/// <summary>The company host with the OpenAI-compatible engine pointed at a real local transcription server.</summary>
public sealed class SpeechApp : CompanyApp
{
    public const long MaxAudioBytes = 256 * 1024;

    public OpenAiSpeechServer Speech { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Speech:Engine"] = "openai",
        ["Speech:OpenAi:BaseUrl"] = Speech.BaseUrl.ToString(),
        ["Speech:MaxAudioBytes"] = MaxAudioBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Speech:TimeoutSeconds"] = "10",
        ["Speech:PerUserPerMinute"] = "1000",
    };

    public override async Task InitializeAsync()
    {
        Speech = await OpenAiSpeechServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Speech.DisposeAsync();
    }
}

public sealed class TranscribeTests(SpeechApp app) : IClassFixture<SpeechApp>
{
    private const string Url = "/api/v1/voice-notes/transcribe";

    public static MultipartFormDataContent Recording(byte[] audio, string fileName = "visit.wav", string contentType = "audio/wav")
    {
        var file = new ByteArrayContent(audio);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, HttpContent content, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    private void Answering(string text)
    {
        app.Speech.Mode = OpenAiSpeechServer.Behaviour.Answer;
        app.Speech.Text = text;
    }

    [Fact]
    public async Task Transcribing_needs_a_signed_in_user()
    {
        var response = await app.Anonymous().PostAsync(Url, Recording(TestAudio.Tone(0.5)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_salesperson_gets_the_text_the_audio_is_kept_and_the_engine_hears_their_customers_and_products()
    {
        var rep1 = await app.SignInAsync("rep1");
        var admin = await app.AdminAsync();
        var word = PipewrightApp.Unique("华强");
        var mine = await CompanyApp.CreateCustomerAsync(rep1, new { name = $"宁波{word}阀门有限公司", aliases = new[] { word } });
        var theirs = await CompanyApp.CreateCustomerAsync(await app.SignInAsync("southrep"), new { name = $"广州{PipewrightApp.Unique("南方")}泵业有限公司" });
        var model = PipewrightApp.Unique("Z41H-");
        var product = await admin.PostAsJsonAsync("/api/v1/products", new { model, name = "法兰闸阀", category = "闸阀", unit = "台", listPrice = 1680m });
        Assert.Equal(HttpStatusCode.Created, product.StatusCode);
        Answering($"今天拜访了{word}，{model} 要二十台。");
        var audio = TestAudio.Tone(1);

        var (status, body) = await PostAsync(rep1, Recording(audio));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"今天拜访了{word}，{model} 要二十台。", body["text"]!.GetValue<string>());
        Assert.Equal("openai", body["engine"]!.GetValue<string>());
        Assert.True(body["ms"]!.GetValue<long>() >= 0);
        var prompt = app.Speech.Last!.Prompt!;
        Assert.Contains(mine["name"]!.GetValue<string>(), prompt);
        Assert.Contains(word, prompt);
        Assert.Contains(model, prompt);
        Assert.DoesNotContain(theirs["name"]!.GetValue<string>(), prompt);
        Assert.Equal("zh", app.Speech.Last.Language);

        var attachmentId = body["attachmentId"]!.GetValue<Guid>();
        var stored = await rep1.GetAsync($"/api/v1/attachments/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal("audio/wav", stored.Content.Headers.ContentType!.MediaType);
        Assert.Equal(audio, await stored.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("rep2")).GetAsync($"/api/v1/attachments/{attachmentId}")).StatusCode);
    }

    [Fact]
    public async Task Without_audio_or_with_a_file_that_is_not_audio_the_answer_is_a_400_in_chinese()
    {
        var rep1 = await app.SignInAsync("rep1");
        var before = app.Speech.Requests.Count;

        var (empty, emptyBody) = await PostAsync(rep1, new MultipartFormDataContent { { new StringContent("x"), "note" } });
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Contains("录音", emptyBody["errors"]!["file"]![0]!.GetValue<string>());

        var (json, _) = await PostAsync(rep1, JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.BadRequest, json);

        var (badId, badIdBody) = await PostAsync(rep1, new MultipartFormDataContent { { new StringContent("not-a-guid"), "attachmentId" } });
        Assert.Equal(HttpStatusCode.BadRequest, badId);
        Assert.NotNull(badIdBody["errors"]!["attachmentId"]);

        var (pdf, pdfBody) = await PostAsync(rep1, Recording("%PDF-1.7\n1 0 obj"u8.ToArray(), "visit.wav"));
        Assert.Equal(HttpStatusCode.BadRequest, pdf);
        Assert.Equal("上传的文件不是录音。", pdfBody["errors"]!["file"]![0]!.GetValue<string>());
        Assert.Equal(before, app.Speech.Requests.Count);
    }

    [Fact]
    public async Task A_recording_over_the_limit_is_a_413_and_nothing_is_sent_to_the_engine()
    {
        var rep1 = await app.SignInAsync("rep1", language: "en-US");
        var before = app.Speech.Requests.Count;
        var (status, body) = await PostAsync(rep1, Recording(TestAudio.Tone(SpeechApp.MaxAudioBytes / 32000.0 + 1)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("A recording may be at most 0.2 MB; record in parts.", body["detail"]!.GetValue<string>());
        Assert.Equal(before, app.Speech.Requests.Count);
    }

    [Fact]
    public async Task A_retried_upload_with_the_same_idempotency_key_is_answered_again_without_a_second_attachment()
    {
        var rep1 = await app.SignInAsync("rep1");
        Answering("客户要求下周三前报价。");
        var key = Guid.NewGuid().ToString("N");
        var before = app.Speech.Requests.Count;

        var (first, firstBody) = await PostAsync(rep1, Recording(TestAudio.Tone(0.8)), key);
        using var again = new HttpRequestMessage(HttpMethod.Post, Url) { Content = Recording(TestAudio.Tone(0.8)) };
        again.Headers.Add("Idempotency-Key", key);
        using var second = await rep1.SendAsync(again);
        var secondBody = (await second.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstBody["attachmentId"]!.GetValue<Guid>(), secondBody["attachmentId"]!.GetValue<Guid>());
        Assert.Equal("客户要求下周三前报价。", secondBody["text"]!.GetValue<string>());
        Assert.Equal(before + 1, app.Speech.Requests.Count);
    }

    [Fact]
    public async Task When_the_engine_is_down_the_audio_is_kept_and_a_retry_names_it_instead_of_uploading_again()
    {
        var rep1 = await app.SignInAsync("rep1");
        app.Speech.Mode = OpenAiSpeechServer.Behaviour.Error;
        var (down, downBody) = await PostAsync(rep1, Recording(TestAudio.Tone(0.6)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
        Assert.Equal("语音转写服务暂时连不上，录音已保存，请稍后重试。", downBody["detail"]!.GetValue<string>());
        var attachmentId = downBody["attachmentId"]!.GetValue<Guid>();

        Answering("样品已寄出。");
        var (status, body) = await PostAsync(rep1, JsonContent.Create(new { attachmentId }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((attachmentId, "样品已寄出。"), (body["attachmentId"]!.GetValue<Guid>(), body["text"]!.GetValue<string>()));

        var (other, _) = await PostAsync(await app.SignInAsync("rep2"), JsonContent.Create(new { attachmentId }));
        Assert.Equal(HttpStatusCode.NotFound, other);
    }

    [Fact]
    public async Task A_recording_in_which_the_engine_hears_nothing_is_a_422()
    {
        var rep1 = await app.SignInAsync("rep1");
        Answering("  ");
        var (status, body) = await PostAsync(rep1, Recording(TestAudio.Silence(0.5)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("没听清这段录音，请靠近话筒再说一遍。", body["detail"]!.GetValue<string>());
        Assert.NotNull(body["attachmentId"]);
    }
}

/// <summary>A host without a speech engine and with a low per-user limit.</summary>
public sealed class TextOnlyApp : CompanyApp
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Speech:Engine"] = "none",
        ["Speech:PerUserPerMinute"] = "2",
    };
}

public sealed class TextOnlyTranscribeTests(TextOnlyApp app) : IClassFixture<TextOnlyApp>
{
    [Fact]
    public async Task Without_an_engine_transcribing_is_unavailable_and_each_person_is_rate_limited()
    {
        var rep1 = await app.SignInAsync("rep1");
        for (var i = 0; i < 2; i++)
        {
            var response = await rep1.PostAsync("/api/v1/voice-notes/transcribe", TranscribeTests.Recording(TestAudio.Tone(0.3)));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("未启用语音转写", (await PipewrightApp.ReadAsync(response))["detail"]!.GetValue<string>());
        }
        var limited = await rep1.PostAsync("/api/v1/voice-notes/transcribe", TranscribeTests.Recording(TestAudio.Tone(0.3)));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        var rep2 = await app.SignInAsync("rep2");
        var other = await rep2.PostAsync("/api/v1/voice-notes/transcribe", TranscribeTests.Recording(TestAudio.Tone(0.3)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, other.StatusCode);
    }
}
