using Microsoft.EntityFrameworkCore;
using Pipewright.Activities.Attachments;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Pipeline.Requirements;

namespace Pipewright.Evidence;

/// <summary>
/// The attachment rules of Activities applied to requirements: a file the user uploaded and nobody used yet, or one
/// already on this customer. A fresh one is linked to the customer, so whoever sees the deal may open it.
/// </summary>
public sealed class AttachmentEvidence : IEvidenceFiles
{
    public async Task<IReadOnlyList<EvidenceFile>?> TakeAsync(PipewrightDb db, CurrentUser user, Guid customerId,
        IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var files = await db.Attachments
            .Where(a => ids.Contains(a.Id) && (a.CustomerId == customerId || a.UploadedById == user.Id && a.CustomerId == null && a.ActivityId == null))
            .ToListAsync(ct);
        if (files.Count != ids.Count) return null;
        foreach (var file in files) file.CustomerId = customerId;
        return [.. files.Select(f => new EvidenceFile(f.Id, f.IsImage))];
    }
}
