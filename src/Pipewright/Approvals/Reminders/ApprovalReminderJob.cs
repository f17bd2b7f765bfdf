using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common.Data;

namespace Pipewright.Approvals.Reminders;

public sealed class ApprovalReminderOptions
{
    /// <summary>How often due steps are looked at; reminders are sent once each, so a run may repeat safely.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")] public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(15);
    public bool Enabled { get; set; } = true;
}

/// <summary>Looks for approval steps nearly due or overdue and has their approvers reminded (once each).</summary>
public sealed partial class ApprovalReminderJob(IDbContextFactory<PipewrightDb> dbFactory, ApprovalEngine engine, TimeProvider clock,
    IOptions<ApprovalReminderOptions> options, ILogger<ApprovalReminderJob> logger) : BackgroundService
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sent = await engine.RemindAsync(db, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.Every, clock, stoppingToken);
                await RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A failed run (database busy) must not stop the next one; reminders are marked as sent only when saved.
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Approvals: the reminder run failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
