using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Notifications;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Configuration;
using Pipewright.Reports.Baseline;
using Pipewright.Reports.Stalled;

namespace Pipewright.Reports.WeeklySummary;

public sealed class WeeklySummaryOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>China time: Monday morning, before the weekly sales meeting.</summary>
    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;
    [Required] public TimeOnly At { get; set; } = new(8, 0);
}

public sealed record WeeklySummaryResult(DateOnly? WeekStart, int Recipients, bool Skipped);

/// <summary>
/// Sends each regional manager and general manager last week's numbers of their scope (docs/metrics.md, "Weekly summary")
/// through <see cref="Notifier"/>, so that they reach the person's channels through the outbox. Once per week: the week's
/// marker is written in the same transaction as the notifications, and on PostgreSQL one node runs it at a time.
/// </summary>
public sealed partial class WeeklySummarySender(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock, Notifier notifier,
    CurrentUserLoader users, IOptions<WeeklySummaryOptions> options, ILogger<WeeklySummarySender> logger)
{
    public const string Kind = "report-weekly";
    private const long SummaryLock = 727274308;

    /// <summary>The Monday of the last whole week whose summary is due at <paramref name="now"/>, or null before this week's send time.</summary>
    public static DateOnly? DueWeek(DateTimeOffset now, WeeklySummaryOptions options)
    {
        var local = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var sendDay = monday.AddDays(((int)options.Day + 6) % 7);
        var sendAt = sendDay.ToDateTime(options.At);
        return local.DateTime >= sendAt ? monday.AddDays(-7) : null;
    }

    public Task<WeeklySummaryResult> RunAsync(CancellationToken ct) =>
        AdvisoryLock.RunExclusiveAsync(dbFactory, SummaryLock, SendAsync, new WeeklySummaryResult(null, 0, Skipped: true), ct);

    private async Task<WeeklySummaryResult> SendAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (DueWeek(now, options.Value) is not { } week) return new WeeklySummaryResult(null, 0, Skipped: true);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.WeeklySummaryRuns.AnyAsync(r => r.WeekStart == week, ct)) return new WeeklySummaryResult(week, 0, Skipped: true);

        var managers = await (from u in db.Users
                              join ur in db.UserRoles on u.Id equals ur.UserId
                              join r in db.Roles on ur.RoleId equals r.Id
                              where u.IsActive && (r.Name == Roles.RegionalManager && u.TeamId != null || r.Name == Roles.GeneralManager)
                              select u.Id).Distinct().ToListAsync(ct);
        var (spec, _) = await DefaultPipeline.CurrentAsync(db, ct);
        var sent = 0;
        foreach (var id in managers)
        {
            if (await users.FindAsync(id, ct) is not { } manager) continue;
            var to = week.AddDays(6);
            var scope = new ReportScope(week, to, ReportScope.StartOf(week), ReportScope.StartOf(to.AddDays(1)), null, null, now);
            var (start, end) = (scope.Start, scope.End);
            var deals = scope.Opportunities(db, manager);
            var created = await deals.CountAsync(o => o.CreatedAt >= start && o.CreatedAt < end, ct);
            var won = await deals.CountAsync(o => o.Status == OpportunityStatus.Won && o.ClosedAt >= start && o.ClosedAt < end, ct);
            var lost = await deals.CountAsync(o => o.Status == OpportunityStatus.Lost && o.ClosedAt >= start && o.ClosedAt < end, ct);
            var stalled = StalledReportHandler.Stalled(db, scope, manager, spec) is { } q ? await q.CountAsync(ct) : 0;
            var rate = ReportRounding.Share(won, won + lost) is { } share ? $"{share * 100:0.#}%" : "—";
            notifier.Notify(db, id, Kind, "notifications.reportWeekly.title", "notifications.reportWeekly.body",
                [week.ToString("yyyy-MM-dd"), to.ToString("yyyy-MM-dd"), created, won, lost, stalled, rate], "/reports/funnel");
            sent++;
        }
        db.WeeklySummaryRuns.Add(new WeeklySummaryRun { WeekStart = week, SentAt = now, Recipients = sent });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node sent this week's summary between our check and our save (SQLite has no advisory lock).
            return new WeeklySummaryResult(week, 0, Skipped: true);
        }
        LogSent(logger, week, sent);
        return new WeeklySummaryResult(week, sent, Skipped: false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly summary of the week from {Week}: sent to {Recipients} managers.")]
    private static partial void LogSent(ILogger logger, DateOnly week, int recipients);
}

/// <summary>Checks every quarter of an hour whether a week's summary is due; the sender makes a second check harmless.</summary>
public sealed class WeeklySummaryJob(WeeklySummarySender sender, TimeProvider clock, IOptions<WeeklySummaryOptions> options,
    ILogger<WeeklySummaryJob> logger) : PeriodicJob(clock, logger)
{
    protected override bool Enabled => options.Value.Enabled;

    // A failed run (database down) must not stop the next one; the week's marker makes retries safe.
    protected override string RunName => "Weekly summary: a run";
    protected override TimeSpan UntilNextRun(DateTimeOffset now) => TimeSpan.FromMinutes(15);
    protected override Task RunOnceAsync(CancellationToken ct) => sender.RunAsync(ct);
}
