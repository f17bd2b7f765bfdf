using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Activities;

/// <summary>A company whose attachment limit is small enough to test without megabytes of data.</summary>
public sealed class SmallUploadsApp : CompanyApp
{
    public const int MaxBytes = 300_000;

    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { ["Attachments:MaxBytes"] = MaxBytes.ToString() };
}

public sealed class AttachmentsTests(SmallUploadsApp app) : IClassFixture<SmallUploadsApp>
{
    [Fact]
    public async Task A_photo_is_stored_as_sent_and_gets_an_upright_downscaled_display_copy()
    {
        var rep1 = await app.SignInAsync("rep1");
        var photo = TestFiles.JpegTurnedRight(1600, 1000);

        var response = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form(photo, "IMG_2031.JPG", "image/jpeg"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var attachment = await PipewrightApp.ReadAsync(response);
        Assert.Equal("image/jpeg", attachment["contentType"]!.GetValue<string>());
        Assert.Equal(photo.Length, attachment["size"]!.GetValue<long>());
        Assert.Equal("IMG_2031.JPG", attachment["fileName"]!.GetValue<string>());
        Assert.True(attachment["hasPreview"]!.GetValue<bool>());
        var id = attachment["id"]!.GetValue<Guid>();

        var original = await rep1.GetAsync($"/api/v1/attachments/{id}");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(photo, await original.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", original.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", original.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("image/jpeg", original.Content.Headers.ContentType!.MediaType);

        var preview = await rep1.GetAsync($"/api/v1/attachments/{id}/preview");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        // 1600 × 1000 turned upright is 1000 × 1600; the long side shrinks to 1280.
        Assert.Equal((800, 1280), TestFiles.SizeOf(await preview.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_small_transparent_PNG_keeps_its_size_in_the_preview()
    {
        var rep1 = await app.SignInAsync("rep1");
        var response = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form(TestFiles.Png(300, 200), "现场.png", "image/png"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await PipewrightApp.ReadAsync(response))["id"]!.GetValue<Guid>();
        var preview = await rep1.GetAsync($"/api/v1/attachments/{id}/preview");
        Assert.Equal((300, 200), TestFiles.SizeOf(await preview.Content.ReadAsByteArrayAsync()));
    }

    public static TheoryData<string, byte[], string, bool> Kinds => new()
    {
        { "a.webp", TestFiles.WebP(40, 30), "image/webp", true },
        // The classic 1 × 1 transparent GIF.
        { "a.gif", Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"), "image/gif", true },
        // An iPhone photo's header: its brand says HEIC; Skia cannot decode it here, so no display copy.
        { "IMG_0001.HEIC", [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[64]], "image/heic", false },
        { "合同", "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray(), "application/pdf", false },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Images_and_documents_are_recognised_by_their_content(string fileName, byte[] content, string contentType, bool preview)
    {
        var rep1 = await app.SignInAsync("rep1");
        var response = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form(content, fileName, "application/octet-stream"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var attachment = await PipewrightApp.ReadAsync(response);
        Assert.Equal(contentType, attachment["contentType"]!.GetValue<string>());
        Assert.Equal(preview, attachment["hasPreview"]!.GetValue<bool>());
        var id = attachment["id"]!.GetValue<Guid>();
        Assert.Equal(preview ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await rep1.GetAsync($"/api/v1/attachments/{id}/preview")).StatusCode);
    }

    [Theory]
    [InlineData("报价单.pdf", "application/pdf")]
    [InlineData("photo.jpg", "image/jpeg")]
    [InlineData("setup.exe", "application/octet-stream")]
    public async Task A_program_is_refused_whatever_it_is_called_and_however_it_is_labelled(string fileName, string contentType)
    {
        var rep1 = await app.SignInAsync("rep1");
        var response = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form(TestFiles.Program(), fileName, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await PipewrightApp.ReadAsync(response);
        Assert.Contains("不支持的文件类型", problem["errors"]!["file"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_zip_that_is_no_Office_document_is_refused_and_a_docx_is_recognised_by_its_content()
    {
        var rep1 = await app.SignInAsync("rep1", language: "en-US");
        var zip = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form(TestFiles.PlainZip(), "合同.docx", "application/zip"));
        Assert.Equal(HttpStatusCode.BadRequest, zip.StatusCode);
        Assert.Contains("File type not accepted", (await PipewrightApp.ReadAsync(zip))["errors"]!["file"]![0]!.GetValue<string>());

        var docx = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form(TestFiles.Docx(), "技术协议", "application/octet-stream"));
        Assert.Equal(HttpStatusCode.Created, docx.StatusCode);
        var attachment = await PipewrightApp.ReadAsync(docx);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", attachment["contentType"]!.GetValue<string>());
        Assert.Equal("技术协议.docx", attachment["fileName"]!.GetValue<string>());
        Assert.False(attachment["hasPreview"]!.GetValue<bool>());

        var text = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form("型号,数量\nZ41H-16C DN100,20\n"u8.ToArray(), "清单.csv", "text/csv"));
        Assert.Equal(HttpStatusCode.Created, text.StatusCode);
        Assert.Equal("text/plain", (await PipewrightApp.ReadAsync(text))["contentType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_a_localized_413_and_an_empty_one_with_a_400()
    {
        var rep1 = await app.SignInAsync("rep1");
        var big = await rep1.PostAsync("/api/v1/attachments",
            TestFiles.Form(new byte[SmallUploadsApp.MaxBytes + 1], "big.txt", "text/plain"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        var problem = await PipewrightApp.ReadAsync(big);
        Assert.Equal("文件太大", problem["title"]!.GetValue<string>());
        Assert.Contains("0.3 MB", problem["errors"]!["file"]![0]!.GetValue<string>());

        var empty = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form([], "empty.txt", "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var none = await rep1.PostAsync("/api/v1/attachments", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.NotNull((await PipewrightApp.ReadAsync(none))["errors"]!["file"]);
    }

    [Fact]
    public async Task An_unlinked_file_is_only_the_uploaders_and_a_linked_one_follows_the_customers_scope()
    {
        var rep1 = await app.SignInAsync("rep1");
        var rep2 = await app.SignInAsync("rep2");
        var manager = await app.SignInAsync("eastmanager");
        var upload = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form(TestFiles.Jpeg(64, 64), "a.jpg", "image/jpeg"));
        var id = (await PipewrightApp.ReadAsync(upload))["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/attachments/{id}")).StatusCode);

        var customer = await CompanyApp.CreateCustomerAsync(rep1, new { name = PipewrightApp.Unique("宁波甬江阀门") });
        var created = await rep1.PostAsJsonAsync("/api/v1/activities",
            new { customerId = customer["id"], kind = "visit", content = "看了新车间", attachmentIds = new[] { id } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/attachments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("gm")).GetAsync($"/api/v1/attachments/{id}/preview")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rep2.GetAsync($"/api/v1/attachments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rep2.GetAsync($"/api/v1/attachments/{id}/preview")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("southrep")).GetAsync($"/api/v1/attachments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/attachments/{id}")).StatusCode);
    }

    [Fact]
    public async Task Files_are_stored_under_random_names_never_the_senders()
    {
        var rep1 = await app.SignInAsync("rep1");
        var response = await rep1.PostAsync("/api/v1/attachments", TestFiles.Form("hello"u8.ToArray(), "../../etc/passwd", "text/plain"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var attachment = await PipewrightApp.ReadAsync(response);
        Assert.Equal("passwd.txt", attachment["fileName"]!.GetValue<string>());
        var stored = Directory.EnumerateFiles(Path.Combine(app.Root, "uploads"), "*", SearchOption.AllDirectories).ToList();
        Assert.DoesNotContain(stored, f => f.Contains("passwd"));
        Assert.Contains(stored, f => Path.GetFileName(f) == $"{attachment["id"]!.GetValue<Guid>():N}.txt");
    }
}
