using Microsoft.Extensions.Options;

namespace Pipewright.Notifications.Outbox;

/// <summary>Runs <see cref="OutboxDelivery"/> every Notifications:DeliveryIntervalSeconds; on several nodes the claims keep them apart.</summary>
public sealed partial class OutboxJob(OutboxDelivery delivery, TimeProvider clock, IOptions<NotificationOptions> options, ILogger<OutboxJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DeliveryEnabled) return;
        var interval = TimeSpan.FromSeconds(options.Value.DeliveryIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                await delivery.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be down for a moment; the rows wait, the next run picks them up.
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: a delivery run failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
