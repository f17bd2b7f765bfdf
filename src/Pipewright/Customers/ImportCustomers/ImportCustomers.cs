using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Customers.CreateCustomer;
using Pipewright.Customers.ExportCustomers;

namespace Pipewright.Customers.ImportCustomers;

/// <summary>
/// A sheet to import. <paramref name="Mapping"/>: sheet header → field key (see <see cref="ImportFields"/>), overriding
/// the headers recognised automatically; an empty key ignores the column.
/// </summary>
public sealed record ImportRequest(Stream File, bool DryRun, IReadOnlyDictionary<string, string?>? Mapping = null);

public sealed record ImportError(int Row, string? Column, string? Value, string Message);

/// <summary>A row not imported because its customer exists: earlier in the file (<c>FirstRow</c>) or in the database (<c>ExistingCode</c>).</summary>
public sealed record ImportDuplicate(int Row, string Reason, string Message, int? FirstRow, string? ExistingCode);

/// <summary>A column of the sheet and the field it was read as (null: ignored).</summary>
public sealed record ImportColumn(int Index, string Header, string? Field);

/// <summary>
/// What an import did (or, on a dry run, would do). <c>Errors</c> and <c>Duplicates</c> list the first
/// <see cref="ImportCustomersHandler.ListedLimit"/>; the counts and the downloadable report (<c>ReportId</c>) have all.
/// </summary>
public sealed record ImportResult(
    Guid Id, bool DryRun, int HeaderRow, int TotalRows, int Created, int CreatedContacts, int SkippedDuplicates,
    int ErrorCount, IReadOnlyList<ImportError> Errors, IReadOnlyList<ImportDuplicate> Duplicates,
    IReadOnlyList<ImportColumn> Columns, Guid? ReportId);

/// <summary>
/// Imports customers with their contacts from xlsx or CSV, streamed: rows are read, checked and written in
/// batches inside one transaction, so that a cancelled or failed import leaves nothing behind and a dry run
/// writes nothing. Rows that follow a customer's row with the same name, or with no name, add contacts to it.
/// </summary>
public sealed class ImportCustomersHandler(
    IDbContextFactory<PipewrightDb> dbFactory, IOptions<CustomerOptions> options, IOptions<StorageOptions> storage,
    TimeProvider clock)
{
    public const int ListedLimit = 500;
    private const int BatchSize = 2000;
    private const int HeaderSearchRows = 30;
    private const int ReadAhead = 1000;
    private const int ImportCacheKiB = 128 * 1024;
    private const int KeptReports = 10;
    private static readonly Strings L = new();

    /// <summary>Administrators, the general manager and regional managers (for their region) import; others do not.</summary>
    public static bool MayImport(CurrentUser user) =>
        user.IsAdmin || user.IsInRole(Roles.GeneralManager) || user.IsInRole(Roles.RegionalManager);

    public async Task<Outcome<ImportResult>> HandleAsync(ImportRequest request, CurrentUser user, IProgress<int>? progress, CancellationToken ct)
    {
        if (!MayImport(user)) return Failure.Forbidden();
        if (request.Mapping?.Values.FirstOrDefault(v => !string.IsNullOrEmpty(v) && !ImportFields.Keys.Contains(v)) is { } unknown)
            return Failure.Invalid("mapping", "import.mapping.unknownField", unknown);
        var format = SheetReader.Detect(request.File);
        if (format == SheetFormat.Unsupported) return Failure.Invalid("file", "import.file.xls");
        if (format == SheetFormat.Unreadable) return Failure.Invalid("file", "import.file.unreadable");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.Database.OpenConnectionAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive)
            .Select(u => new { u.Id, u.UserName }).ToDictionaryAsync(u => u.UserName!, u => u.Id, StringComparer.OrdinalIgnoreCase, ct);

        var run = new ImportRun(db, user, request.DryRun, users, options.Value.CodePrefix, clock.GetUtcNow());
        try
        {
            var failure = await ReadAsync(request, format, run, progress, ct);
            if (failure is not null) return failure;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or FormatException)
        {
            // A broken zip or a truncated file: say so; the transaction was rolled back with its disposal.
            return Failure.Invalid("file", "import.file.unreadable");
        }
        var reportId = run.Errors.Count + run.Duplicates.Count > 0 ? await WriteReportAsync(run, user, ct) : (Guid?)null;
        return new ImportResult(run.Id, request.DryRun, run.HeaderRow, run.TotalRows, run.Created, run.CreatedContacts,
            run.Duplicates.Count, run.Errors.Count, run.Errors.Take(ListedLimit).ToList(),
            run.Duplicates.Take(ListedLimit).ToList(), run.Columns, reportId);
    }

    private static async Task<Failure?> ReadAsync(ImportRequest request, SheetFormat format, ImportRun run, IProgress<int>? progress, CancellationToken ct)
    {
        var db = run.Db;
        using var rows = SheetReader.Rows(request.File, format).GetEnumerator();
        var header = FindHeader(rows, request.Mapping);
        if (header.Failure is { } noHeader) return noHeader;
        (run.HeaderRow, run.Columns) = header.Value!;
        var map = run.Columns.Where(c => c.Field is not null).ToDictionary(c => c.Field!, c => c.Index);
        if (!map.ContainsKey(ImportFields.Name)) return Failure.Rule("import.header.noName");
        run.Map = map;

        await using var transaction = request.DryRun ? null : await db.Database.BeginTransactionAsync(ct);
        // Creates serialize on one advisory lock on PostgreSQL (see CreateCustomer): so does an import.
        if (transaction is not null && db.IsPostgres)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CreateCustomerHandler.CreateLock})", ct);
        // SQLite's default page cache (2 MiB) makes every search row a page read once the index outgrows it:
        // a bounded larger cache for this connection while the import runs, given back afterwards.
        if (transaction is not null && !db.IsPostgres) await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size = -{ImportCacheKiB}", ct);
        // A big import builds the search index once at the end (see SqliteSearchRows): a helper thread sorts along.
        if (transaction is not null && !db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA threads = 2", ct);
        // A large import leaves hundreds of MB in the WAL, and the commit would copy them into the database file
        // before the user gets an answer: the commit only appends to the WAL, and the copy runs after the answer.
        if (transaction is not null && !db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA wal_autocheckpoint = 0", ct);
        try
        {
            await ReadRowsAsync(rows, run, transaction, progress, ct);
        }
        finally
        {
            if (transaction is not null && !db.IsPostgres)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000; PRAGMA threads = 0; PRAGMA wal_autocheckpoint = 1000",
                    CancellationToken.None);
                CheckpointLater(db.Database.GetConnectionString()!);
            }
        }
        return null;
    }

    /// <summary>
    /// Copies the WAL into the database file on a connection of its own, off the request. Should it fail (a
    /// long reader holds the WAL), nothing is lost: the data is in the WAL, and the next automatic checkpoint copies it.
    /// </summary>
    private static void CheckpointLater(string connectionString) => _ = Task.Run(async () =>
    {
        try
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            await command.ExecuteNonQueryAsync();
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
        }
    });

    private static async Task ReadRowsAsync(IEnumerator<SheetRow> rows, ImportRun run,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction, IProgress<int>? progress, CancellationToken ct)
    {
        // Unzipping and parsing the sheet runs on another core while this one checks and writes, a bounded
        // number of rows ahead. A broken file's exception reaches the loop below through the channel.
        var ahead = Channel.CreateBounded<SheetRow>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reader = Task.Run(async () =>
        {
            try
            {
                while (rows.MoveNext())
                    if (!rows.Current.IsEmpty) await ahead.Writer.WriteAsync(rows.Current, stop.Token);
                ahead.Writer.Complete();
            }
            catch (Exception e)
            {
                ahead.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var row in ahead.Reader.ReadAllAsync(ct))
            {
                ct.ThrowIfCancellationRequested();
                run.TotalRows++;
                run.Read(row);
                if (run.Batch.Count >= BatchSize) await run.FlushAsync(ct);
                if (run.TotalRows % 500 == 0) progress?.Report(run.TotalRows);
            }
        }
        finally
        {
            // The enumerator is disposed by the caller: the reading task must be done with it first.
            await stop.CancelAsync();
            await reader;
        }
        run.Complete();
        await run.FlushAsync(ct);
        if (transaction is not null)
        {
            await run.FinishAsync(ct);
            await run.AuditJobAsync(ct);
            await transaction.CommitAsync(ct);
        }
        progress?.Report(run.TotalRows);
    }

    /// <summary>
    /// The header is the first row, among the first few, in which at least two cells name a field (title
    /// rows and merged banners above it are skipped); the user's mapping counts as naming one.
    /// </summary>
    private static Outcome<(int Row, List<ImportColumn> Columns)> FindHeader(IEnumerator<SheetRow> rows, IReadOnlyDictionary<string, string?>? mapping)
    {
        var mapped = (mapping ?? new Dictionary<string, string?>())
            .ToDictionary(m => ImportFields.HeaderKey(m.Key), m => string.IsNullOrEmpty(m.Value) ? null : m.Value);
        for (var seen = 0; seen < HeaderSearchRows && rows.MoveNext(); seen++)
        {
            var row = rows.Current;
            var columns = new List<ImportColumn>();
            var taken = new HashSet<string>();
            for (var i = 0; i < row.Cells.Length; i++)
            {
                var header = ImportFields.Clean(row[i]);
                if (header is null) continue;
                var key = ImportFields.HeaderKey(header);
                var field = mapped.TryGetValue(key, out var chosen) ? chosen : ImportFields.Match(header);
                // Two columns read as one field (公司名称 and 客户名称): the first wins, the user may remap.
                if (field is not null && !taken.Add(field)) field = null;
                columns.Add(new ImportColumn(i, header, field));
            }
            if (columns.Count(c => c.Field is not null) >= 2 || (columns.Any(c => c.Field == ImportFields.Name) && columns.Count == 1))
                return (row.Number, columns);
        }
        return Failure.Rule("import.header.notFound");
    }

    private async Task<Guid> WriteReportAsync(ImportRun run, CurrentUser user, CancellationToken ct)
    {
        var id = run.Id;
        var path = ReportPath(user, id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var rows = run.Errors.Select(e => new Dictionary<string, object?>
        {
            [L["import.report.row"]] = e.Row, [L["import.report.column"]] = e.Column ?? "",
            [L["import.report.value"]] = Spreadsheet.Neutralize(e.Value), [L["import.report.message"]] = e.Message,
        })
            .Concat(run.Duplicates.Select(d => new Dictionary<string, object?>
            {
                [L["import.report.row"]] = d.Row, [L["import.report.column"]] = "",
                [L["import.report.value"]] = "", [L["import.report.message"]] = d.Message,
            }))
            .OrderBy(r => (int)r[L["import.report.row"]]!);
        await using (var file = File.Create(path))
            await MiniExcelLibs.MiniExcel.SaveAsAsync(file, rows, cancellationToken: ct);
        // A report is for fixing the sheet at hand: a user's last few are kept, older ones go.
        foreach (var old in new DirectoryInfo(Path.GetDirectoryName(path)!).GetFiles("*.xlsx")
                     .OrderByDescending(f => f.LastWriteTimeUtc).Skip(KeptReports))
            old.Delete();
        return id;
    }

    /// <summary>Reports live with the data, one folder per user: only the importing user downloads theirs.</summary>
    public string ReportPath(CurrentUser user, Guid id) =>
        Path.Combine(storage.Value.FullRoot, "imports", user.Id.ToString("N"), id.ToString("N") + ".xlsx");
}
