using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.CreateOpportunity;

namespace Pipewright.Bench;

/// <summary>
/// funnel: adds deals and their stage histories to a database made by <c>generate</c>, for bench/kanban.sh: a
/// funnel of 7 open stages and a won one, N deals on the customers of the reps (owner = the customer's owner),
/// mostly open, and exactly H history rows.
/// </summary>
internal static class Funnel
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var root = Path.GetFullPath(options.Required("root"));
        var count = options.Number("opportunities", 10_000);
        var historyRows = options.Number("history", 50_000);
        var seed = options.Number("seed", 1);
        var total = Stopwatch.StartNew();
        using var host = BenchHost.Create(root);
        var services = host.Services;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = await services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        if (await db.Opportunities.AnyAsync()) throw new CommandLineException("The database already has deals; generate a fresh one.");

        var spec = SevenOpenStages();
        db.PipelineDefinitions.Add(new PipelineDefinition
        {
            Document = JsonSerializer.Serialize(spec, new JsonSerializerOptions(JsonSerializerDefaults.Web)), UpdatedAt = now,
        });
        await db.SaveChangesAsync();

        var customers = await db.Customers.AsNoTracking().Where(c => c.OwnerId != null)
            .Select(c => new { c.Id, OwnerId = c.OwnerId!.Value }).ToListAsync();
        var year = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).Year;
        var first = await db.NextAsync(Opportunities.CodePrefix, year, default, count);
        var owners = customers.ToDictionary(c => c.Id, c => c.OwnerId);
        var (deals, visits) = Build(spec, count, historyRows, seed, now, i => customers[i * 7919 % customers.Count].Id,
            id => owners[id], i => CodeSequences.Format(Opportunities.CodePrefix, year, first + i));

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await GeneratorInsert.InsertAsync(db, deals);
            await GeneratorInsert.InsertAsync(db, visits.OrderBy(v => v.Id).ToList());
            await transaction.CommitAsync();
        }
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002; PRAGMA wal_checkpoint(TRUNCATE);");
        Console.WriteLine($"""
            {deals.Count:N0} deals ({deals.Count(d => d.Status == OpportunityStatus.Open):N0} open), {visits.Count:N0} history rows, 7 open stages + won
            total {total.Elapsed.TotalSeconds:F1} s
            """);
        SqliteConnection.ClearAllPools();
        return 0;
    }

    private static PipelineSpec SevenOpenStages()
    {
        var standard = DefaultPipeline.Build();
        var stages = standard.Stages.Where(s => !s.IsWon).ToList();
        stages.Insert(3, new StageSpec { Key = "trial", Name = "样品试用", Probability = 0.5m, DwellDays = 30 });
        stages.Insert(5, new StageSpec { Key = "approval", Name = "客户立项审批", Probability = 0.7m, DwellDays = 21 });
        stages.Add(standard.Stages.Single(s => s.IsWon));
        return standard with { Stages = stages };
    }

    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Bench data must be reproducible from a seed.")]
    private static (List<Opportunity> Deals, List<StageVisit> Visits) Build(PipelineSpec spec, int count, int historyRows, int seed,
        DateTimeOffset now, Func<int, Guid> customerOf, Func<Guid, Guid> ownerOf, Func<int, string> code)
    {
        var random = new Random(seed);
        var deals = new List<Opportunity>(count);
        var visits = new List<StageVisit>(historyRows);
        var won = spec.Stages.Count - 1;
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var (target, status) = roll < 8 ? (won, OpportunityStatus.Won) : roll < 14 ? (random.Next(won), OpportunityStatus.Lost)
                : (Math.Min(won - 1, (int)Math.Floor(Math.Sqrt(random.NextDouble()) * won)), OpportunityStatus.Open);
            var customer = customerOf(i);
            var at = now.AddDays(-random.Next(20, 400));
            var o = new Opportunity
            {
                Code = code(i), CustomerId = customer, OwnerId = ownerOf(customer), Title = $"DN{random.Next(5, 60) * 10} 闸阀 {random.Next(2, 50) * 10} 台",
                ExpectedAmount = Money.FromYuan(random.Next(3, 500) * 10_000m), ExpectedCloseDate = DateOnly.FromDateTime(now.UtcDateTime).AddDays(random.Next(10, 200)),
                ProductCategory = Categories[random.Next(Categories.Length)], Status = status, CreatedAt = at,
            };
            for (var s = 0; s <= target; s++)
            {
                var stay = random.Next(1, 40);
                var wonHere = status == OpportunityStatus.Won && s == target;
                var left = s < target || status != OpportunityStatus.Open ? at.AddDays(stay) : (DateTimeOffset?)null;
                visits.Add(new StageVisit
                {
                    OpportunityId = o.Id, StageKey = spec.Stages[s].Key, EnteredAt = at, EnteredHow = s == 0 ? StageMove.Created : StageMove.Automatic,
                    LeftAt = wonHere ? null : left,
                    LeftHow = left is null || wonHere ? null : s < target ? StageMove.Automatic : StageMove.Lost,
                });
                (o.StageKey, o.StageEnteredAt) = (spec.Stages[s].Key, at);
                at = left ?? at;
            }
            if (status != OpportunityStatus.Open) o.ClosedAt = at;
            o.UpdatedAt = at;
            deals.Add(o);
        }
        // Pad with older stays of deals that were moved back once, or trim, to exactly the asked number of rows.
        while (visits.Count < historyRows)
        {
            var deal = deals[random.Next(deals.Count)];
            var enteredAt = deal.CreatedAt.AddDays(-random.Next(1, 30));
            visits.Add(new StageVisit
            {
                OpportunityId = deal.Id, StageKey = spec.Stages[0].Key, EnteredAt = enteredAt, EnteredHow = StageMove.MovedBack,
                Reason = "客户需求变更", LeftAt = enteredAt.AddHours(12), LeftHow = StageMove.Manual,
            });
        }
        if (visits.Count > historyRows) visits.RemoveRange(historyRows, visits.Count - historyRows);
        // Written past the change tracker: what StageHistory keeps on saved stays is filled here.
        StageHistory.Fill(deals, visits);
        return (deals, visits);
    }

    private static readonly string[] Categories = ["闸阀", "球阀", "蝶阀", "截止阀", "调节阀", "止回阀"];
}
