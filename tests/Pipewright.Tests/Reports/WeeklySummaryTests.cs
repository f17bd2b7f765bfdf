using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Common.Data;
using Pipewright.Notifications;
using Pipewright.Reports.WeeklySummary;
using static Pipewright.Tests.Reports.ReportData;

namespace Pipewright.Tests.Reports;

public sealed class WeeklySummaryTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    [Fact]
    public async Task Each_manager_gets_last_weeks_numbers_of_their_scope_once_through_the_notifier()
    {
        var sender = app.Services.GetRequiredService<WeeklySummarySender>();
        // Monday 16 March 2026, 07:00 China time: before the 08:00 send time nothing is due.
        app.Clock.Set(new DateTimeOffset(2026, 3, 15, 23, 0, 0, TimeSpan.Zero));
        Assert.True((await sender.RunAsync(default)).Skipped);

        app.Clock.Set(new DateTimeOffset(2026, 3, 16, 0, 30, 0, TimeSpan.Zero));
        var result = await sender.RunAsync(default);
        Assert.False(result.Skipped);
        Assert.Equal(new DateOnly(2026, 3, 9), result.WeekStart);
        Assert.Equal(2, result.Recipients); // eastmanager and gm

        // The week 9–15 March (China dates) by hand.
        var weekStart = new DateTimeOffset(2026, 3, 8, 16, 0, 0, TimeSpan.Zero);
        var weekEnd = weekStart.AddDays(7);
        bool InWeek(double days) => At(days) >= weekStart && At(days) < weekEnd;
        string Expected(string[] owners)
        {
            var deals = Deals.Where(d => owners.Contains(d.Owner)).ToList();
            var won = deals.Count(d => d.Status == global::Pipewright.Pipeline.OpportunityStatus.Won && InWeek(d.Closed!.Value));
            var lost = deals.Count(d => d.Status == global::Pipewright.Pipeline.OpportunityStatus.Lost && InWeek(d.Closed!.Value));
            return string.Join("|", deals.Count(d => InWeek(d.Created)), won, lost);
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        var notes = await db.Notifications.Where(n => n.Kind == WeeklySummarySender.Kind).ToListAsync();
        var east = notes.Single(n => n.UserId == app.Users["eastmanager"]);
        var gm = notes.Single(n => n.UserId == app.Users["gm"]);
        Assert.Equal(Expected(["rep1", "rep2", "eastmanager"]), string.Join("|", east.Args[2..5]));
        Assert.Equal(Expected(["rep1", "rep2", "eastmanager", "southrep"]), string.Join("|", gm.Args[2..5]));
        Assert.Equal("2026-03-09", east.Args[0]);
        Assert.Equal("/reports/funnel", east.Link);

        // A second run, or a restart, in the same week sends nothing more.
        app.Clock.Set(new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero));
        Assert.True((await sender.RunAsync(default)).Skipped);
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.Kind == WeeklySummarySender.Kind));
        app.Clock.Set(Now);
    }
}
