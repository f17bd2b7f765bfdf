using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pipewright.Activities;
using Pipewright.Approvals;
using Pipewright.Common.Data;
using Pipewright.Common.Search;
using Pipewright.Customers;
using Pipewright.Demo;
using Pipewright.Leads;
using Pipewright.Organisation;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.CreateOpportunity;
using Pipewright.Quotes;
using Pipewright.Reports;
using Pipewright.Tasks;
using Activity = Pipewright.Activities.Activity;

namespace Pipewright.Bench.ReportsData;

/// <summary>
/// generate: S (one company, three years) or L (--companies 100) into a fresh SQLite file or PostgreSQL database.
/// The app's migrations make the schema; rows are written company by company, one transaction each, with the big
/// tables' secondary indexes dropped first and built once at the end.
/// </summary>
internal static class Generate
{
    public const string AdminPassword = "Bench2026admin";
    public const string Password = "Pipewright2026";

    private static readonly Type[] BigTables =
    [
        typeof(Customer), typeof(Contact), typeof(SearchTerm), typeof(Opportunity), typeof(StageVisit), typeof(Activity),
        typeof(Lead), typeof(TechTask), typeof(Approval), typeof(ApprovalStep), typeof(ApprovalTask), typeof(Quote),
    ];

    public static async Task<int> RunAsync(CommandLine options)
    {
        var target = new Target(options.Optional("sqlite") is { } dir ? Path.GetFullPath(dir) : null, options.Optional("postgres"));
        if ((target.SqliteRoot is null) == (target.PostgresConnection is null)) throw new CommandLineException("Pass either --sqlite DIR or --postgres CONNECTION.");
        var companies = options.Number("companies", 1);
        var sizes = new Sizes(options.Number("customers", 5_000), options.Number("opportunities", 10_000),
            options.Number("activities", 250_000), options.Number("leads", 6_000));
        var seed = options.Number("seed", 1);
        // Suffix search rows make a customer findable in the app; at L they would be most of the file, so they can be left out.
        var searchRows = !options.Flag("no-search");
        await ResetAsync(target, options.Flag("force"));

        var total = Stopwatch.StartNew();
        using var host = ReportsHost.Create(target, AdminPassword);
        var services = host.Services;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Pipewright.Bench.ReportsData");
        // Three years up to midnight (China time) of the given day, today by default: the same data for the same seed and day.
        var now = AsOf(options.Optional("as-of"), services.GetRequiredService<TimeProvider>().GetUtcNow());
        var progress = new Progress();
        await DatabaseSetup.MigrateAsync(services);
        await OrganisationModule.BootstrapAsync(services, services.GetRequiredService<IConfiguration>(), logger);
        var organisation = await Organisation.CreateAsync(services, companies, Password, now, progress);
        Console.WriteLine($"{target}: migrated, {companies} {(companies == 1 ? "company" : "companies")}' organisation ({organisation.Sum(c => c.Reps.Count)} sales reps)  {total.Elapsed.TotalSeconds:F1} s");

        var factory = services.GetRequiredService<IDbContextFactory<PipewrightDb>>();
        await using var db = await factory.CreateDbContextAsync();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.OpenConnectionAsync();
        if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144;");
        var indexes = await DeferredIndexes.DropAsync(db, BigTables);
        var spec = DefaultPipeline.Build();
        var random = new Random(seed);
        var shapes = new Shapes(random, now);
        using var data = DemoCatalogue.Customers(companies * (sizes.Customers + sizes.Leads), seed).GetEnumerator();
        for (var k = 0; k < companies; k++)
        {
            var step = Stopwatch.StartNew();
            var customers = Take(data, sizes.Customers);
            var strangers = Take(data, sizes.Leads);
            var rows = new CompanyData(organisation[k], shapes, spec).Build(customers, strangers, sizes);
            await AssignCodesAsync(db, rows);
            var built = step.Elapsed;
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await TableWriter.WriteAsync(db, rows.Customers, progress);
                await TableWriter.WriteAsync(db, rows.Customers.SelectMany(c => c.Contacts).ToList(), progress);
                if (searchRows)
                {
                    await TableWriter.WriteAsync(db, rows.Customers.SelectMany(CustomerQueries.SearchTerms)
                        .OrderBy(t => t.Kind, StringComparer.Ordinal).ThenBy(t => t.Term, StringComparer.Ordinal).ToList(), progress);
                }
                await TableWriter.WriteAsync(db, rows.Forms, progress);
                await TableWriter.WriteAsync(db, rows.Deals, progress);
                // Written past the change tracker: what StageHistory keeps on saved stays is filled here.
                StageHistory.Fill(rows.Deals, rows.Visits);
                await TableWriter.WriteAsync(db, rows.Visits, progress);
                await TableWriter.WriteAsync(db, rows.Leads, progress);
                await TableWriter.WriteAsync(db, rows.Activities, progress);
                await TableWriter.WriteAsync(db, rows.Tasks, progress);
                await TableWriter.WriteAsync(db, rows.Approvals, progress);
                await TableWriter.WriteAsync(db, rows.Steps, progress);
                await TableWriter.WriteAsync(db, rows.ApprovalTasks, progress);
                await TableWriter.WriteAsync(db, rows.Quotes, progress);
                await transaction.CommitAsync();
            }
            Console.WriteLine($"company {k + 1}/{companies}: {rows.Deals.Count:N0} deals, {rows.Visits.Count:N0} stage stays, {rows.Activities.Count:N0} follow-ups, "
                + $"{rows.Leads.Count:N0} leads, {rows.Tasks.Count:N0} technical requests, {rows.Quotes.Count:N0} approved quotes; "
                + $"built {built.TotalSeconds:F1} s, written {(step.Elapsed - built).TotalSeconds:F1} s; total {total.Elapsed.TotalSeconds:F0} s");
        }

        var indexing = Stopwatch.StartNew();
        await indexes.CreateAsync(db);
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        else await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002; PRAGMA wal_checkpoint(TRUNCATE);");
        Console.WriteLine($"indexes and statistics  {indexing.Elapsed.TotalSeconds:F1} s");
        progress.Print();
        await CheckAsync(db);
        // The rows went in without the change tracker, so the reports' running totals are counted from them once.
        var counting = Stopwatch.StartNew();
        await ReportTotals.RebuildAsync(factory, force: true, default);
        Console.WriteLine($"report totals  {counting.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"""
            total {total.Elapsed.TotalSeconds:F1} s
            sign in as admin / {AdminPassword}, zhoujianguo (general manager) / {Password}, chenjing (华东区) / {Password}
            """);
        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        return 0;
    }

    private static DateTimeOffset AsOf(string? day, DateTimeOffset clock)
    {
        var date = day is null ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock, ChinaTime.Zone).Date)
            : DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new CommandLineException($"--as-of must be yyyy-MM-dd, not '{day}'.");
        return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
    }

    private static List<DemoCustomer> Take(IEnumerator<DemoCustomer> data, int count)
    {
        var list = new List<DemoCustomer>(count);
        while (list.Count < count && data.MoveNext()) list.Add(data.Current);
        return list;
    }

    /// <summary>Codes as the app gives them: per prefix and year of creation, numbered in creation order from the sequence.</summary>
    private static async Task AssignCodesAsync(PipewrightDb db, CompanyRows rows)
    {
        var prefix = "KH";
        await Codes(rows.Customers, prefix, c => c.CreatedAt, (c, code) => c.Code = code);
        await Codes(rows.Deals, Opportunities.CodePrefix, d => d.CreatedAt, (d, code) => d.Code = code);
        await Codes(rows.Tasks, TechTask.CodePrefix, t => t.CreatedAt, (t, code) => t.Code = code);
        await Codes(rows.Quotes, "BJ", q => q.CreatedAt, (q, code) => q.Code = code);

        async Task Codes<T>(List<T> items, string kind, Func<T, DateTimeOffset> created, Action<T, string> set)
        {
            foreach (var year in items.GroupBy(i => TimeZoneInfo.ConvertTime(created(i), ChinaTime.Zone).Year))
            {
                var ordered = year.OrderBy(created).ToList();
                var first = await db.NextAsync(kind, year.Key, default, ordered.Count);
                for (var i = 0; i < ordered.Count; i++) set(ordered[i], CodeSequences.Format(kind, year.Key, first + i));
            }
        }
    }

    /// <summary>Reads the data back the way the reports will: every deal's stage and status is that of its last stay.</summary>
    private static async Task CheckAsync(PipewrightDb db)
    {
        var deals = await db.Opportunities.CountAsync();
        var visits = db.StageVisits;
        // Set-based (each deal's latest entry, joined back): the correlated form ran 25 min at L on PostgreSQL.
        var latest = visits.GroupBy(v => v.OpportunityId).Select(g => new { Id = g.Key, At = g.Max(v => v.EnteredAt) });
        var mismatched = await (from o in db.Opportunities
                                join l in latest on o.Id equals l.Id
                                join v in visits on new { l.Id, l.At } equals new { Id = v.OpportunityId, At = v.EnteredAt }
                                where v.StageKey != o.StageKey
                                select o.Id).CountAsync();
        var open = await db.StageVisits.CountAsync(v => v.LeftAt == null);
        var notWonClosed = await db.Opportunities.CountAsync(o => o.Status == OpportunityStatus.Lost);
        var reached = await db.StageVisits.Where(v => v.StageKey == DefaultPipeline.Technical).Select(v => v.OpportunityId).Distinct().CountAsync();
        var onward = await db.StageVisits.Where(v => v.StageKey == DefaultPipeline.Proposal).Select(v => v.OpportunityId).Distinct().CountAsync();
        Console.WriteLine($"""
            check: {deals:N0} deals, {mismatched} whose stage is not their last stay's; {open:N0} open stays (open + won deals); {notWonClosed:N0} lost
                   技术交流 → 方案报价: {onward:N0} of {reached:N0} ({(reached == 0 ? 0 : 100.0 * onward / reached):F1} %, over three years)
            """);
        if (mismatched > 0) throw new InvalidOperationException("Deals and their stage histories disagree.");
    }

    private static async Task ResetAsync(Target target, bool force)
    {
        if (target.SqliteRoot is { } root)
        {
            var file = Path.Combine(root, "pipewright.db");
            if (File.Exists(file))
            {
                if (!force) throw new CommandLineException($"{file} exists; pass --force to replace it.");
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
            }
            Directory.CreateDirectory(root);
            return;
        }
        await using var connection = new NpgsqlConnection(target.PostgresConnection);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", connection);
        if ((long)(await count.ExecuteScalarAsync())! == 0) return;
        if (!force) throw new CommandLineException("The PostgreSQL database has tables; pass --force to drop its schema.");
        await using var drop = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
