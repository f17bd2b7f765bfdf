using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;

namespace Pipewright.Activities.Attachments;

public sealed class AttachmentOptions
{
    /// <summary>The largest file accepted (20 MB: a phone photo or a scanned contract, not a video).</summary>
    [Range(1, 1L << 30)] public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Long side of an image's display copy, in pixels.</summary>
    [Range(64, 8192)] public int PreviewMaxSide { get; set; } = 1280;
}

public sealed record AttachmentDto(Guid Id, string FileName, string ContentType, long Size, bool HasPreview, string Url, string? PreviewUrl);

public static class AttachmentMapping
{
    public static AttachmentDto ToDto(this Attachment a) => new(a.Id, a.FileName, a.ContentType, a.Size, a.PreviewPath is not null,
        $"/api/v1/attachments/{a.Id}", a.PreviewPath is null ? null : $"/api/v1/attachments/{a.Id}/preview");
}

/// <summary>
/// Stores an uploaded file: streamed to disk while hashed and counted (a file over the limit is never kept),
/// its type sniffed from the content, a display copy made for images.
/// </summary>
public sealed class UploadAttachmentHandler(
    IDbContextFactory<PipewrightDb> dbFactory, IOptions<AttachmentOptions> options, AttachmentStore store, TimeProvider clock)
{
    private static readonly Strings L = new();

    public async Task<Outcome<AttachmentDto>> HandleAsync(Stream content, string? fileName, CurrentUser user, CancellationToken ct)
    {
        var max = options.Value.MaxBytes;
        var attachment = new Attachment { UploadedById = user.Id, UploadedAt = clock.GetUtcNow() };
        var temp = store.TempPath();
        try
        {
            var (size, sha256) = await CopyAsync(content, temp, max, ct);
            if (size > max) return TooLarge(max);
            if (size == 0) return Failure.Invalid("file", "attachment.file.empty");
            string? contentType;
            await using (var file = File.OpenRead(temp)) contentType = FileKinds.Detect(file);
            if (contentType is null) return Failure.Invalid("file", "attachment.file.type");

            attachment.ContentType = contentType;
            attachment.Size = size;
            attachment.Sha256 = sha256;
            attachment.FileName = SafeName(fileName, contentType);
            attachment.StoragePath = store.NewPath(attachment.Id, attachment.UploadedAt, FileKinds.Extension(contentType));
            File.Move(temp, store.FullPath(attachment.StoragePath));
            if (attachment.IsImage)
            {
                var preview = store.NewPath(attachment.Id, attachment.UploadedAt, ".preview.jpg");
                if (ImagePreviews.TryWrite(store.FullPath(attachment.StoragePath), store.FullPath(preview), options.Value.PreviewMaxSide))
                    attachment.PreviewPath = preview;
            }

            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Actor = user.Actor;
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync(ct);
            return attachment.ToDto();
        }
        catch
        {
            // A file no row points to would never be served nor cleaned up.
            if (attachment.StoragePath.Length > 0) File.Delete(store.FullPath(attachment.StoragePath));
            if (attachment.PreviewPath is { } preview) File.Delete(store.FullPath(preview));
            throw;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static Failure TooLarge(long max)
    {
        var message = L["attachment.file.tooLarge", Math.Round(max / 1024.0 / 1024.0, 1)].Value;
        return new Failure(StatusCodes.Status413PayloadTooLarge, "attachment.tooLarge", message,
            new Dictionary<string, string[]> { ["file"] = [message] });
    }

    /// <summary>Copies at most max + 1 bytes: enough to know the file is too large without storing it all.</summary>
    private static async Task<(long Size, string Sha256)> CopyAsync(Stream content, string path, long max, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var target = File.Create(path);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            size += read;
            if (size > max) return (size, "");
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>
    /// The name as shown and offered on download: no folders, no control or reserved characters, and an extension
    /// that says what the file really is ("报价.exe" holding a PDF becomes "报价.exe.pdf").
    /// </summary>
    internal static string SafeName(string? fileName, string contentType)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && !"/\\:*?\"<>|".Contains(c)).ToArray()).Trim().Trim('.');
        var extension = FileKinds.Extension(contentType);
        if (name.Length == 0) name = "file";
        var matches = Path.GetExtension(name).ToLowerInvariant() is var ext
            && (ext == extension || (extension == ".jpg" && ext == ".jpeg") || (extension == ".heic" && ext == ".heif")
                || (extension == ".m4a" && ext == ".mp4") || (extension == ".ogg" && ext == ".opus"));
        if (!matches) name += extension;
        return name.Length <= AttachmentLimits.FileName ? name : name[..(AttachmentLimits.FileName - extension.Length)] + extension;
    }
}

/// <summary>Where attachment files live: Storage:Root/uploads/yyyy/MM/{id}{ext}, beside the database.</summary>
public sealed class AttachmentStore(IOptions<StorageOptions> storage)
{
    private string Root => Path.Combine(storage.Value.FullRoot, "uploads");

    public string TempPath()
    {
        var folder = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Guid.NewGuid().ToString("N"));
    }

    public string NewPath(Guid id, DateTimeOffset at, string suffix)
    {
        var relative = $"{at.UtcDateTime:yyyy}/{at.UtcDateTime:MM}/{id:N}{suffix}";
        Directory.CreateDirectory(Path.GetDirectoryName(FullPath(relative))!);
        return relative;
    }

    public string FullPath(string relative) => Path.Combine(Root, relative);
}
