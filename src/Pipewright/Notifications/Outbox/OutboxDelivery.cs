using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common.Data;
using Pipewright.Notifications.Channels;
using Pipewright.Notifications.ChannelSettings;

namespace Pipewright.Notifications.Outbox;

public sealed record DeliveryRun(int Delivered, int Deferred, int Retrying, int Failed);

/// <summary>
/// Sends what the outbox holds. Rows are claimed with a conditional UPDATE that sets a lease, so two nodes (or a
/// run and the test trigger) never send one row twice; a row whose lease ran out (its node died while sending) is
/// claimed again. A channel's answer is recorded right after the call. Delivery is at-least-once only in the window
/// between the channel accepting a message and that record being saved; the WeCom app dedupe and the e-mail
/// Message-ID cover a resend there, the robots have no dedupe id.
/// </summary>
public sealed partial class OutboxDelivery(
    IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock, IOptions<NotificationOptions> options,
    IEnumerable<INotificationChannel> channels, ChannelSettingsStore settings, ILogger<OutboxDelivery> logger)
{
    private readonly Dictionary<string, INotificationChannel> _channels = channels.ToDictionary(c => c.Channel);

    public async Task<DeliveryRun> RunOnceAsync(CancellationToken ct = default)
    {
        var run = new DeliveryRun(0, 0, 0, 0);
        while (await ClaimAsync(ct) is { Count: > 0 } claimed)
            run = await SendAsync(claimed, run, ct);
        await PruneAsync(ct);
        return run;
    }

    private async Task PruneAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var before = clock.GetUtcNow().AddDays(-options.Value.KeepDeliveredDays);
        await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Delivered && m.DeliveredAt < before).ExecuteDeleteAsync(ct);
    }

    private async Task<List<Guid>> ClaimAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var candidates = await Due(db.OutboxMessages, now).OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id).Take(options.Value.BatchSize).ToListAsync(ct);
        if (candidates.Count == 0) return [];
        var token = Guid.NewGuid();
        var leaseUntil = now.AddSeconds(options.Value.LeaseSeconds);
        // The condition is checked again by the UPDATE itself: whoever updates a row first owns it.
        await Due(db.OutboxMessages, now).Where(m => candidates.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.ClaimToken, token).SetProperty(m => m.LeaseUntil, leaseUntil), ct);
        return await db.OutboxMessages.Where(m => m.ClaimToken == token).OrderBy(m => m.NextAttemptAt).Select(m => m.Id).ToListAsync(ct);
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> messages, DateTimeOffset now) =>
        messages.Where(m => (m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                            || (m.Status == OutboxStatus.Sending && m.LeaseUntil < now));

    private async Task<DeliveryRun> SendAsync(List<Guid> claimed, DeliveryRun run, CancellationToken ct)
    {
        var configs = new Dictionary<string, ChannelConfig?>();
        foreach (var id in claimed)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var message = await db.OutboxMessages.SingleAsync(m => m.Id == id, ct);
            if (!configs.TryGetValue(message.Channel, out var config))
                configs[message.Channel] = config = await settings.EnabledConfigAsync(db, message.Channel, ct);
            var outcome = await DeliverAsync(db, message, config, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Our lease ran out and another run took the row over: its record wins.
                continue;
            }
            run = outcome switch
            {
                Step.Delivered => run with { Delivered = run.Delivered + 1 },
                Step.Failed => run with { Failed = run.Failed + 1 },
                Step.Deferred => run with { Deferred = run.Deferred + 1 },
                _ => run with { Retrying = run.Retrying + 1 },
            };
        }
        return run;
    }

    private async Task<Step> DeliverAsync(PipewrightDb db, OutboxMessage message, ChannelConfig? config, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (config is null || !_channels.TryGetValue(message.Channel, out var channel))
            return Finish(message, OutboxStatus.Failed, "channel switched off");
        if (channel.Incomplete(config) is { } missing)
            return Finish(message, OutboxStatus.Failed, $"channel settings incomplete: {missing}");

        var windowStart = now.AddMinutes(-1);
        var recent = db.OutboxMessages.Where(m => m.Channel == message.Channel && m.LastAttemptAt > windowStart);
        if (await recent.CountAsync(ct) >= options.Value.LimitFor(message.Channel))
        {
            // Over the channel's rate: wait until the oldest call of the last minute leaves the window. Not an attempt.
            var oldest = await recent.MinAsync(m => m.LastAttemptAt, ct) ?? now;
            message.Status = OutboxStatus.Pending;
            message.NextAttemptAt = oldest.AddMinutes(1);
            Release(message);
            return Step.Deferred;
        }

        ChannelAnswer answer;
        try
        {
            answer = await channel.SendAsync(config, new OutgoingMessage(message.Id, message.Recipient, message.Subject, message.Body), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Down, timed out, or an answer we could not read: counted as an attempt, so that a message that always
            // breaks the sender ends up failed instead of being claimed again forever.
            answer = ChannelAnswer.Of(AnswerKind.Transient, $"{e.GetType().Name}: {e.Message}");
        }
        now = clock.GetUtcNow();
        message.LastAttemptAt = now;
        LogAnswer(logger, message.Id, message.Channel, answer.Kind, answer.Text);
        switch (answer.Kind)
        {
            case AnswerKind.Delivered:
                message.Attempts++;
                message.DeliveredAt = now;
                return Finish(message, OutboxStatus.Delivered, answer.Text);
            case AnswerKind.RateLimited:
                message.LastAnswer = answer.Text;
                message.Status = OutboxStatus.Pending;
                message.NextAttemptAt = now.AddMinutes(1);
                Release(message);
                return Step.Deferred;
            case AnswerKind.Transient when message.Attempts + 1 < options.Value.MaxAttempts:
                message.Attempts++;
                message.LastAnswer = answer.Text;
                message.Status = OutboxStatus.Pending;
                message.NextAttemptAt = now + Backoff(message.Attempts);
                Release(message);
                return Step.Retrying;
            default:
                message.Attempts++;
                return Finish(message, OutboxStatus.Failed, answer.Text);
        }
    }

    /// <summary>Exponential (30 s, 1 min, 2 min … up to an hour) with ±20 % jitter, so that a recovered channel is not hit by everyone at once.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(options.Value.FirstRetrySeconds * Math.Pow(2, attempts - 1), options.Value.MaxRetrySeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private static Step Finish(OutboxMessage message, OutboxStatus status, string answer)
    {
        message.Status = status;
        message.LastAnswer = answer.Length > ChannelAnswer.MaxLength ? answer[..ChannelAnswer.MaxLength] : answer;
        Release(message);
        return status == OutboxStatus.Delivered ? Step.Delivered : Step.Failed;
    }

    private static void Release(OutboxMessage message)
    {
        message.ClaimToken = null;
        message.LeaseUntil = null;
    }

    private enum Step { Delivered, Deferred, Retrying, Failed }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Id} on {Channel}: {Kind} {Answer}")]
    private static partial void LogAnswer(ILogger logger, Guid id, string channel, AnswerKind kind, string answer);
}
