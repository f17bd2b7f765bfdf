using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pipewright.Common.Data;
using Pipewright.Demo;
using Pipewright.Pipeline;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Pipeline;

public sealed class DemoFunnelTests(PipewrightApp app) : IClassFixture<PipewrightApp>
{
    [Fact]
    public async Task The_demo_company_has_deals_in_every_stage_with_unbroken_histories_and_a_cluster_stalled_in_technical_exchange()
    {
        await app.Services.GetRequiredService<DemoCompany>().LoadAsync(NullLogger.Instance);
        var admin = await app.AdminAsync();

        var board = await PipewrightApp.ReadAsync(await admin.GetAsync("/api/v1/opportunities/board"));
        var columns = board["columns"]!.AsArray();
        Assert.All(columns, c => Assert.True(c!["count"]!.GetValue<int>() >= 10, c.ToJsonString()));
        var technical = columns.Single(c => c!["stageKey"]!.GetValue<string>() == "technical")!;
        Assert.True(technical["cards"]!.AsArray().Count(c => c!["isRotting"]!.GetValue<bool>()) >= 10);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        var deals = await db.Opportunities.AsNoTracking().ToListAsync();
        Assert.InRange(deals.Count, 140, 220);
        Assert.True(deals.Count(d => d.Status == OpportunityStatus.Won) >= 10);
        Assert.True(deals.Count(d => d.Status == OpportunityStatus.Lost && d.LostReason != null) >= 10);
        var visits = (await db.StageVisits.AsNoTracking().ToListAsync()).ToLookup(v => v.OpportunityId);
        var completions = (await db.RequirementCompletions.AsNoTracking().ToListAsync()).ToLookup(c => c.OpportunityId);
        foreach (var deal in deals)
        {
            var stays = visits[deal.Id].OrderBy(v => v.EnteredAt).ToList();
            Assert.Equal(deal.StageKey, stays[^1].StageKey);
            for (var i = 0; i + 1 < stays.Count; i++) Assert.Equal(stays[i].LeftAt, stays[i + 1].EnteredAt);
            Assert.Equal(deal.Status == OpportunityStatus.Open || deal.Status == OpportunityStatus.Won, stays[^1].LeftAt is null);
            // A deal past 技术交流 has the technical match sheet it needed to leave it.
            if (stays.Any(s => s.StageKey == "proposal")) Assert.Contains(completions[deal.Id], c => c.RequirementKey == "techMatch" && c.DoneAt != null);
        }
    }
}
