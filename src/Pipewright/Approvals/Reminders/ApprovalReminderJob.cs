using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common;
using Pipewright.Common.Data;

namespace Pipewright.Approvals.Reminders;

public sealed class ApprovalReminderOptions
{
    /// <summary>How often due steps are looked at; reminders are sent once each, so a run may repeat safely.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")] public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(15);
    public bool Enabled { get; set; } = true;
}

/// <summary>Looks for approval steps nearly due or overdue and has their approvers reminded (once each).</summary>
public sealed class ApprovalReminderJob(IDbContextFactory<PipewrightDb> dbFactory, ApprovalEngine engine, TimeProvider clock,
    IOptions<ApprovalReminderOptions> options, ILogger<ApprovalReminderJob> logger) : PeriodicJob(clock, logger)
{
    protected override bool Enabled => options.Value.Enabled;

    // A failed run (database busy) must not stop the next one; reminders are marked as sent only when saved.
    protected override string RunName => "Approvals: the reminder run";
    protected override TimeSpan UntilNextRun(DateTimeOffset now) => options.Value.Every;
    protected override Task RunOnceAsync(CancellationToken ct) => RunAsync(ct);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sent = await engine.RemindAsync(db, Clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return sent;
    }
}
