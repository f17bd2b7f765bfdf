using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;

namespace Pipewright.Notifications.Outbox;

public sealed record ListOutboxRequest : PagedQuery
{
    /// <summary>pending, sending, delivered or failed; all when empty.</summary>
    [MaxLength(16, ErrorMessage = "validation.maxLength")] public string? Status { get; init; }
    [MaxLength(32, ErrorMessage = "validation.maxLength")] public string? Channel { get; init; }
}

public sealed record OutboxMessageDto(Guid Id, Guid NotificationId, string Kind, string Channel, string Recipient, string Subject,
    OutboxStatus Status, int Attempts, DateTimeOffset NextAttemptAt, string? LastAnswer, DateTimeOffset? LastAttemptAt,
    DateTimeOffset? DeliveredAt, DateTimeOffset CreatedAt);

/// <summary>What the outbox holds, for the administrator, and sending a failed message again.</summary>
public sealed class OutboxAdminHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock, Strings l)
{
    public async Task<Outcome<Paged<OutboxMessageDto>>> ListAsync(ListOutboxRequest request, CancellationToken ct)
    {
        OutboxStatus? status = null;
        if (!string.IsNullOrWhiteSpace(request.Status))
        {
            if (!Enum.TryParse<OutboxStatus>(request.Status, ignoreCase: true, out var parsed)) return Failure.Invalid("status", "validation.invalid", l["outbox.status"].Value);
            status = parsed;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var messages = db.OutboxMessages.AsNoTracking();
        if (status is not null) messages = messages.Where(m => m.Status == status);
        if (!string.IsNullOrWhiteSpace(request.Channel)) messages = messages.Where(m => m.Channel == request.Channel);
        var page = await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).ToPageAsync(request, ct);
        return new Paged<OutboxMessageDto>(page.Items.Select(ToDto).ToList(), page.Total, page.Page, page.PageSize);
    }

    public async Task<Outcome<OutboxMessageDto>> RetryAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return Failure.NotFound();
        if (message.Status != OutboxStatus.Failed) return Failure.Rule("outbox.retryOnlyFailed");
        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return ToDto(message);
    }

    private static OutboxMessageDto ToDto(OutboxMessage m) => new(m.Id, m.NotificationId, m.Kind, m.Channel, m.Recipient, m.Subject,
        m.Status, m.Attempts, m.NextAttemptAt, m.LastAnswer, m.LastAttemptAt, m.DeliveredAt, m.CreatedAt);
}
