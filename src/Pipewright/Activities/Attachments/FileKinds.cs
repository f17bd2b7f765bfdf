using System.IO.Compression;
using System.Text;
using System.Text.Unicode;
using Pipewright.Common;

namespace Pipewright.Activities.Attachments;

/// <summary>
/// Tells what a file is from its bytes. Names and the browser's Content-Type are whatever the sender says;
/// a renamed program must not come back to a colleague as "报价.pdf".
/// </summary>
public static class FileKinds
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Gif = "image/gif";
    public const string WebP = "image/webp";
    public const string Heic = "image/heic";
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = ContentTypes.Xlsx;
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Text = "text/plain";

    // Voice notes: MediaRecorder writes WebM/Opus (Chrome, Android), MP4/AAC (Safari, iOS) or Ogg (Firefox).
    public const string WebmAudio = "audio/webm";
    public const string OggAudio = "audio/ogg";
    public const string Mp4Audio = "audio/mp4";
    public const string Wav = "audio/wav";
    public const string Mp3 = "audio/mpeg";

    private static readonly string[] HeifBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"];

    /// <summary>The content type of the file, or null when it is none of the kinds we accept.</summary>
    public static string? Detect(Stream file)
    {
        Span<byte> head = stackalloc byte[16];
        file.Position = 0;
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        file.Position = 0;
        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
        if (read >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return WebP;
        if (read >= 12 && head[4..8].SequenceEqual("ftyp"u8) && HeifBrands.Contains(Encoding.ASCII.GetString(head[8..12]))) return Heic;
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith((byte[])[0x1A, 0x45, 0xDF, 0xA3])) return WebmAudio;
        if (head.StartsWith("OggS"u8)) return OggAudio;
        if (read >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8)) return Wav;
        if (read >= 8 && head[4..8].SequenceEqual("ftyp"u8)) return Mp4Audio;
        if (head.StartsWith("ID3"u8)) return Mp3;
        if (head.StartsWith("PK\u0003\u0004"u8)) return OfficeKind(file);
        return IsPlainText(file) ? Text : null;
    }

    /// <summary>docx, xlsx and pptx are zip files told apart by their main part; any other zip is refused.</summary>
    private static string? OfficeKind(Stream file)
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml")) return null;
            if (names.Contains("word/document.xml")) return Docx;
            if (names.Contains("xl/workbook.xml")) return Xlsx;
            if (names.Contains("ppt/presentation.xml")) return Pptx;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            file.Position = 0;
        }
    }

    /// <summary>UTF-8 without control characters other than tab and line breaks: notes, CSV exports, logs.</summary>
    private static bool IsPlainText(Stream file)
    {
        var buffer = new byte[Math.Min(file.Length, 64 * 1024)];
        file.Position = 0;
        var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (read == 0) return false;
        var bytes = buffer.AsSpan(0, read);
        if (bytes.IndexOfAnyInRange((byte)0, (byte)8) >= 0 || bytes.IndexOfAnyInRange((byte)14, (byte)31) >= 0
            || bytes.IndexOf((byte)11) >= 0 || bytes.IndexOf((byte)12) >= 0 || bytes.IndexOf((byte)127) >= 0)
            return false;
        // A sample may cut a multi-byte character in two: only its last three bytes may fail to decode.
        var sample = read == file.Length ? bytes : bytes[..Math.Max(0, read - 3)];
        return Utf8.IsValid(sample);
    }

    public static string Extension(string contentType) => contentType switch
    {
        Jpeg => ".jpg",
        Png => ".png",
        Gif => ".gif",
        WebP => ".webp",
        Heic => ".heic",
        Pdf => ".pdf",
        Docx => ".docx",
        Xlsx => ".xlsx",
        Pptx => ".pptx",
        WebmAudio => ".webm",
        OggAudio => ".ogg",
        Mp4Audio => ".m4a",
        Wav => ".wav",
        Mp3 => ".mp3",
        _ => ".txt",
    };
}
