using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Search;
using Pipewright.Customers;
using Pipewright.Customers.ListCustomers;

namespace Pipewright.Bench;

/// <summary>
/// explain: the list handler in-process, without HTTP — the SQL it sends, SQLite's plan for it, and how the
/// time splits between the count, the page and the owner-name lookup, term by term.
/// </summary>
internal static class Explain
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var root = Path.GetFullPath(options.Required("root"));
        var termsFile = options.Optional("terms");
        var userName = options.Text("user", "admin");
        var iterations = options.Number("iterations", 200);

        var recorder = new CommandRecorder();
        using var host = BenchHost.Create(root);
        var services = host.Services;
        // The same options the app builds (DatabaseSetup), plus a recorder of every command and its duration.
        var dbOptions = new DbContextOptionsBuilder<PipewrightDb>(services.GetRequiredService<DbContextOptions<PipewrightDb>>())
            .AddInterceptors(recorder).Options;
        var factory = new RecordingFactory(services.GetRequiredService<IDbContextFactory<PipewrightDb>>(), dbOptions);
        var handler = new ListCustomersHandler(factory, services.GetRequiredService<CurrentUserLoader>());

        Guid userId;
        await using (var db = factory.CreateDbContext())
            userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var user = await services.GetRequiredService<CurrentUserLoader>().FindAsync(userId)
            ?? throw new CommandLineException($"No active user '{userName}'.");

        var terms = termsFile is null ? [] : (await File.ReadAllLinesAsync(termsFile))
            .Where(l => l.Length > 0).Select(Uri.UnescapeDataString).ToList();
        await using (var db = factory.CreateDbContext())
        {
            var version = await db.Database.SqlQueryRaw<string>("SELECT sqlite_version() AS \"Value\"").SingleAsync();
            var stats = await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").SingleAsync();
            Console.WriteLine($"SQLite {version}; table statistics (sqlite_stat1): {(stats > 0 ? "yes" : "none")}");
        }
        Console.WriteLine($"user {userName} ({string.Join(",", user.Roles)}; sees {(user.SeesEverything ? "everything" : $"{user.ScopeOwnerIds.Count} owner(s)")})");

        // The SQL and plans, for the plain list and for the first few terms.
        foreach (var term in new string?[] { null }.Concat(terms.Take(3)))
        {
            recorder.Clear();
            var page = await handler.HandleAsync(Request(term), user, default);
            Console.WriteLine($"\n=== search {(term is null ? "(none)" : $"'{term}'")}: total {page.Total}");
            foreach (var command in recorder.Commands)
            {
                Console.WriteLine($"--- {command.Elapsed.TotalMilliseconds:F2} ms");
                Console.WriteLine(command.Sql);
                Console.WriteLine("    params: " + string.Join(", ", command.Parameters.Select(p => $"{p.Name}={p.Value}")));
                Console.WriteLine(await PlanAsync(root, command));
            }
        }

        // Timings: every term once per round, in-process, one at a time.
        var list = terms.Count > 0 ? terms.Cast<string?>().ToList() : [null];
        // Warm until tiered JIT has settled (a few thousand calls), or the first calls measure Tier-0 code.
        for (var i = 0; i < Math.Max(3000, list.Count); i++) await handler.HandleAsync(Request(list[i % list.Count]), user, default);
        var samples = new List<(string? Term, int Total, double Handler, double Count, double Page, double Users)>();
        var rounds = Math.Max(1, iterations / list.Count);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wallBefore = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var term in list)
            {
                recorder.Clear();
                var watch = Stopwatch.StartNew();
                var page = await handler.HandleAsync(Request(term), user, default);
                var elapsed = watch.Elapsed.TotalMilliseconds;
                double Sum(string kind) => recorder.Commands.Where(c => Kind(c.Sql) == kind).Sum(c => c.Elapsed.TotalMilliseconds);
                samples.Add((term, page.Total, elapsed, Sum("count"), Sum("page"), Sum("other")));
            }
        }
        var wallPerCall = wallBefore.Elapsed.TotalMilliseconds / samples.Count;
        process.Refresh();
        var cpuPerCall = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / samples.Count;
        Console.WriteLine($"\n=== {samples.Count} handler calls ({rounds} round(s) over {list.Count} term(s)), ms");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  per call: {wallPerCall:F2} ms wall, {cpuPerCall:F2} ms CPU (all threads: GC and tiered JIT included)"));
        Console.WriteLine("              p50     p90     p99     max    mean   (count: every query but the page; other: owner names)");
        Row("handler", samples.Select(s => s.Handler));
        Row("  count", samples.Select(s => s.Count));
        Row("  page", samples.Select(s => s.Page));
        Row("  other", samples.Select(s => s.Users));
        Console.WriteLine("\nslowest terms (handler ms, matching customers):");
        foreach (var s in samples.GroupBy(s => s.Term).Select(g => (g.Key, g.First().Total, Ms: g.Max(x => x.Handler)))
                     .OrderByDescending(x => x.Ms).Take(15))
            Console.WriteLine($"  {s.Ms,8:F2}  {s.Total,6}  {s.Key}");
        var buckets = samples.GroupBy(s => s.Total switch { 0 => "0", <= 20 => "1-20", <= 200 => "21-200", <= 2000 => "201-2000", _ => ">2000" });
        Console.WriteLine("\nby number of matches:");
        foreach (var b in buckets.OrderBy(b => b.Min(x => x.Total)))
            Console.WriteLine($"  {b.Key,-10} {b.Count(),5} calls  p50 {Percentile(b.Select(x => x.Handler), 50),7:F2}  mean {b.Average(x => x.Handler),7:F2}  share {b.Sum(x => x.Handler) / samples.Sum(x => x.Handler),5:P0}  count {b.Average(x => x.Count),5:F2}  page {b.Average(x => x.Page),5:F2}  max {b.Max(x => x.Handler),7:F2} ms");
        if (options.Flag("pieces"))
        {
            // The app's own (pooled) factory, without the recorder: what a request pays.
            var appFactory = services.GetRequiredService<IDbContextFactory<PipewrightDb>>();
            await PiecesAsync(appFactory, new ListCustomersHandler(appFactory, services.GetRequiredService<CurrentUserLoader>()), user, terms);
        }
        SqliteConnection.ClearAllPools();
        return 0;
    }

    /// <summary>What a request costs before and around its SQL: wall and CPU time per call, many calls in a row.</summary>
    private static async Task PiecesAsync(IDbContextFactory<PipewrightDb> factory, ListCustomersHandler handler, CurrentUser user, List<string> terms)
    {
        var narrow = terms.FirstOrDefault() ?? "KH2026";
        var pieces = new (string Name, Func<Task> Run)[]
        {
            ("context: create, dispose", async () => { await using var db = factory.CreateDbContext(); }),
            ("context + open/close connection", async () =>
            {
                await using var db = factory.CreateDbContext();
                await db.Database.OpenConnectionAsync();
                await db.Database.CloseConnectionAsync();
            }),
            ("EF: SELECT COUNT(*) FROM Customer", async () =>
            {
                await using var db = factory.CreateDbContext();
                await db.Customers.CountAsync();
            }),
            ("EF: matching customers, counted in the index", async () =>
            {
                await using var db = factory.CreateDbContext();
                await db.SearchTerms.Records(CustomerQueries.SearchKind, SearchIndex.Normalize(narrow)).CountAsync();
            }),
            ("EF: 20 customers by code", async () =>
            {
                await using var db = factory.CreateDbContext();
                await db.Customers.AsNoTracking().OrderByDescending(c => c.Code)
                    .Select(c => new { c.Id, c.Code, c.Name, c.Aliases, c.Level, c.IsKey, c.Industry, c.Region, c.OwnerId, c.UpdatedAt })
                    .Take(20).ToListAsync();
            }),
            ("EF: 20 customers by code, Id and Code only", async () =>
            {
                await using var db = factory.CreateDbContext();
                await db.Customers.AsNoTracking().OrderByDescending(c => c.Code).Select(c => new { c.Id, c.Code }).Take(20).ToListAsync();
            }),
            ("EF: 20 customers by code, all but Aliases", async () =>
            {
                await using var db = factory.CreateDbContext();
                await db.Customers.AsNoTracking().OrderByDescending(c => c.Code)
                    .Select(c => new { c.Id, c.Code, c.Name, c.Level, c.IsKey, c.Industry, c.Region, c.OwnerId, c.UpdatedAt })
                    .Take(20).ToListAsync();
            }),
            ("EF: 20 customers by code, Aliases only", async () =>
            {
                await using var db = factory.CreateDbContext();
                await db.Customers.AsNoTracking().OrderByDescending(c => c.Code).Select(c => new { c.Id, c.Aliases }).Take(20).ToListAsync();
            }),
            ("handler: list, no search", () => handler.HandleAsync(Request(null), user, default)),
            ($"handler: search '{narrow}'", () => handler.HandleAsync(Request(narrow), user, default)),
        };
        Console.WriteLine("\n=== pieces (2,000 calls each, one at a time)       wall µs   cpu µs");
        using var process = Process.GetCurrentProcess();
        foreach (var (name, run) in pieces)
        {
            for (var i = 0; i < 200; i++) await run();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 2000; i++) await run();
            var wall = watch.Elapsed.TotalMicroseconds / 2000;
            process.Refresh();
            var cpuPer = (process.TotalProcessorTime - cpu).TotalMicroseconds / 2000;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-46} {wall,8:F0} {cpuPer,8:F0}"));
        }
    }

    /// <summary>The page query is the one that sorts; any other query on customers or search rows counts.</summary>
    private static string Kind(string sql) =>
        sql.Contains("ORDER BY", StringComparison.Ordinal) ? "page"
        : sql.Contains("\"Customer\"", StringComparison.Ordinal) || sql.Contains("\"SearchTerms\"", StringComparison.Ordinal) ? "count"
        : "other";

    private static ListCustomersRequest Request(string? term) => new() { Search = term, Page = 1, PageSize = 20 };

    private static void Row(string name, IEnumerable<double> values)
    {
        var list = values.ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-8} {Percentile(list, 50),7:F2} {Percentile(list, 90),7:F2} {Percentile(list, 99),7:F2} {list.Max(),7:F2} {list.Average(),7:F2}"));
    }

    private static double Percentile(IEnumerable<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static async Task<string> PlanAsync(string root, RecordedCommand command)
    {
        await using var connection = new SqliteConnection(DatabaseSetup.SqliteConnectionString(root));
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
        foreach (var p in command.Parameters) explain.Parameters.Add(new SqliteParameter(p.Name, p.Value ?? DBNull.Value));
        var depth = new Dictionary<long, int>();
        var plan = new StringBuilder();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt64(0);
            var parent = reader.GetInt64(1);
            var level = depth.TryGetValue(parent, out var d) ? d + 1 : 0;
            depth[id] = level;
            plan.Append("    plan: ").Append(new string(' ', level * 2)).Append(reader.GetString(3)).Append('\n');
        }
        return plan.ToString().TrimEnd();
    }

    private sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters, TimeSpan Elapsed);

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        private readonly List<RecordedCommand> _commands = [];

        public IReadOnlyList<RecordedCommand> Commands => _commands;

        public void Clear() => _commands.Clear();

        private void Add(DbCommand command, CommandExecutedEventData data) =>
            _commands.Add(new RecordedCommand(command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList(), data.Duration));

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
            DbDataReader result, CancellationToken cancellationToken = default)
        {
            Add(command, eventData);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
            object? result, CancellationToken cancellationToken = default)
        {
            Add(command, eventData);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>The app's factory (so the provider-specific context type and clock are the same) over recording options.</summary>
    private sealed class RecordingFactory(IDbContextFactory<PipewrightDb> inner, DbContextOptions<PipewrightDb> options)
        : IDbContextFactory<PipewrightDb>
    {
        public PipewrightDb CreateDbContext()
        {
            var template = inner.CreateDbContext();
            var db = new SqliteMigrations(options) { Clock = template.Clock };
            template.Dispose();
            return db;
        }
    }
}
