using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;

namespace Pipewright.Activities.Attachments;

public sealed record AttachmentFile(string Path, string ContentType, string FileName);

/// <summary>
/// Opens a stored file for the uploader, or for anyone who may see the customer of the follow-up it belongs to.
/// Everyone else gets "not found": whether the file exists is not disclosed.
/// </summary>
public sealed class OpenAttachmentHandler(IDbContextFactory<PipewrightDb> dbFactory, AttachmentStore store)
{
    public async Task<Outcome<AttachmentFile>> HandleAsync(Guid id, bool preview, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customers = db.Customers.VisibleTo(user);
        var attachment = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id && (a.UploadedById == user.Id || customers.Any(c => c.Id == a.CustomerId)))
            .SingleOrDefaultAsync(ct);
        if (attachment is null) return Failure.NotFound();
        if (preview)
            return attachment.PreviewPath is { } previewPath
                ? new AttachmentFile(store.FullPath(previewPath), "image/jpeg", Path.ChangeExtension(attachment.FileName, ".jpg"))
                : Failure.NotFound();
        return new AttachmentFile(store.FullPath(attachment.StoragePath), attachment.ContentType, attachment.FileName);
    }
}
