using Microsoft.Extensions.Options;
using Pipewright.Common;

namespace Pipewright.Notifications.Outbox;

/// <summary>Runs <see cref="OutboxDelivery"/> every Notifications:DeliveryIntervalSeconds; on several nodes the claims keep them apart.</summary>
public sealed class OutboxJob(OutboxDelivery delivery, TimeProvider clock, IOptions<NotificationOptions> options, ILogger<OutboxJob> logger)
    : PeriodicJob(clock, logger)
{
    protected override bool Enabled => options.Value.DeliveryEnabled;

    // The database may be down for a moment; the rows wait, the next run picks them up.
    protected override string RunName => "Outbox: a delivery run";
    protected override TimeSpan UntilNextRun(DateTimeOffset now) => TimeSpan.FromSeconds(options.Value.DeliveryIntervalSeconds);

    protected override Task RunOnceAsync(CancellationToken ct) => delivery.RunOnceAsync(ct);
}
