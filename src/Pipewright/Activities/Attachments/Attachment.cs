using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Activities.Attachments;

/// <summary>
/// An uploaded photo or document. It belongs to its uploader until a follow-up uses it; from then on whoever
/// may see that follow-up's customer may open it. Files live under Storage:Root/uploads with random names.
/// </summary>
public sealed class Attachment : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The name the user's device gave it: shown and offered on download, never used as a path.</summary>
    public string FileName { get; set; } = "";

    /// <summary>What the content is, as sniffed from its first bytes (never the client's claim).</summary>
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";

    /// <summary>Relative to the uploads folder.</summary>
    public string StoragePath { get; set; } = "";

    /// <summary>A downscaled JPEG for images (relative to the uploads folder), the original kept as it came.</summary>
    public string? PreviewPath { get; set; }
    public Guid UploadedById { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public Guid? ActivityId { get; set; }

    /// <summary>The customer of the follow-up it is linked to: its history shows the files, and scopes are checked on it.</summary>
    public Guid? CustomerId { get; set; }

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    (string Type, Guid Id) IAudited.AuditRoot => CustomerId is { } customerId ? ("Customer", customerId) : (nameof(Attachment), Id);

    public sealed class Configuration : IEntityTypeConfiguration<Attachment>
    {
        public void Configure(EntityTypeBuilder<Attachment> a)
        {
            a.Property(x => x.FileName).HasMaxLength(AttachmentLimits.FileName);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.Property(x => x.Sha256).HasMaxLength(64);
            a.Property(x => x.StoragePath).HasMaxLength(200);
            a.Property(x => x.PreviewPath).HasMaxLength(200);
            a.HasIndex(x => x.ActivityId);
            // Two follow-ups saving at once must not both take the same file.
            a.Property(x => x.ActivityId).IsConcurrencyToken();
            a.HasIndex(x => new { x.UploadedById, x.UploadedAt });
        }
    }
}

public static class AttachmentLimits
{
    public const int FileName = 200;
    public const int PerActivity = 20;
}

public static class AttachmentTables
{
    extension(PipewrightDb db)
    {
        public DbSet<Attachment> Attachments => db.Set<Attachment>();
    }
}
