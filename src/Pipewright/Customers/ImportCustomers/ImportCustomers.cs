using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common.Api;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Common.Search;
using Pipewright.Customers.CreateCustomer;
using Pipewright.Customers.ExportCustomers;
using Pipewright.Customers.Rules;

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
    private const int ImportCacheKiB = 128 * 1024;
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
        try
        {
            await ReadRowsAsync(rows, run, transaction, progress, ct);
        }
        finally
        {
            if (transaction is not null && !db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None);
        }
        return null;
    }

    private static async Task ReadRowsAsync(IEnumerator<SheetRow> rows, ImportRun run,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction, IProgress<int>? progress, CancellationToken ct)
    {

        while (rows.MoveNext())
        {
            ct.ThrowIfCancellationRequested();
            var row = rows.Current;
            if (row.IsEmpty) continue;
            run.TotalRows++;
            run.Read(row);
            if (run.Batch.Count >= BatchSize) await run.FlushAsync(ct);
            if (run.TotalRows % 500 == 0) progress?.Report(run.TotalRows);
        }
        run.Complete();
        await run.FlushAsync(ct);
        if (transaction is not null)
        {
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
        await using var file = File.Create(path);
        await MiniExcelLibs.MiniExcel.SaveAsAsync(file, rows, cancellationToken: ct);
        return id;
    }

    /// <summary>Reports live with the data, one folder per user: only the importing user downloads theirs.</summary>
    public string ReportPath(CurrentUser user, Guid id) =>
        Path.Combine(storage.Value.FullRoot, "imports", user.Id.ToString("N"), id.ToString("N") + ".xlsx");

    /// <summary>A run's state: the customer being assembled, the batch to write, what was seen so far in the file.</summary>
    private sealed class ImportRun(PipewrightDb db, CurrentUser user, bool dryRun,
        Dictionary<string, Guid> users, string prefix, DateTimeOffset now)
    {
        public Guid Id { get; } = Guid.CreateVersion7();
        public PipewrightDb Db => db;
        public int HeaderRow { get; set; }
        public int TotalRows { get; set; }
        public int Created { get; private set; }
        public int CreatedContacts { get; private set; }
        public List<ImportError> Errors { get; } = [];
        public List<ImportDuplicate> Duplicates { get; } = [];
        public List<ImportColumn> Columns { get; set; } = [];
        public Dictionary<string, int> Map { get; set; } = [];
        public List<Pending> Batch { get; } = [];

        private Pending? _current;
        private int _failedCustomerRow;
        private string? _failedName;
        private readonly Dictionary<string, int> _creditCodes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _nameKeys = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _mobiles = new(StringComparer.Ordinal);

        private string? Cell(SheetRow row, string field) =>
            Map.TryGetValue(field, out var index) ? ImportFields.Clean(row[index]) : null;

        private string Header(string field) => Columns.First(c => c.Index == Map[field]).Header;

        private void Error(SheetRow row, string field, string? value, string message) =>
            Errors.Add(new ImportError(row.Number, Map.ContainsKey(field) ? Header(field) : null, value, message));

        public void Read(SheetRow row)
        {
            var name = Cell(row, ImportFields.Name);
            // A row for the customer above: same name (one row per contact), or the name left empty (merged cells).
            if (_current is not null && (name is null || name == _current.Customer.Name))
            {
                AddContact(row, _current);
                return;
            }
            if (_failedName is not null && (name is null || name == _failedName))
            {
                Errors.Add(new ImportError(row.Number, null, null, L["import.row.customerFailed", _failedCustomerRow]));
                return;
            }
            Complete();
            _failedName = null;
            if (name is null)
            {
                Error(row, ImportFields.Name, null, L["validation.required", L["field.name"].Value]);
                return;
            }
            var errorsBefore = Errors.Count;
            var customer = ReadCustomer(row, name);
            var pending = new Pending(row.Number, customer);
            AddContact(row, pending);
            if (Errors.Count > errorsBefore && Errors.Skip(errorsBefore).Any(e => e.Row == row.Number))
            {
                _failedName = name;
                _failedCustomerRow = row.Number;
                return;
            }
            _current = pending;
        }

        private Customer ReadCustomer(SheetRow row, string name)
        {
            var customer = new Customer { CreatedAt = now, UpdatedAt = now, Name = name, NameKey = CompanyNameKey.Compute(name), OwnerId = user.Id };
            if (name.Length is < 2 or > CustomerLimits.Name)
                Error(row, ImportFields.Name, name, L["validation.length", L["field.name"].Value, CustomerLimits.Name, 2]);

            if (Cell(row, ImportFields.CreditCode) is { } code)
            {
                var checkedCode = CustomerRules.CheckCreditCode(code, acceptMismatch: false, user);
                if (checkedCode.Failure is { } f) Error(row, ImportFields.CreditCode, code, f.Detail);
                else customer.CreditCode = checkedCode.Value;
            }
            if (Cell(row, ImportFields.Aliases) is { } aliases)
            {
                customer.Aliases = aliases.Split(['、', ',', ';', '/', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Distinct().ToList();
                if (customer.Aliases.Count > CustomerLimits.Aliases || customer.Aliases.Any(a => a.Length > CustomerLimits.Short))
                    Error(row, ImportFields.Aliases, aliases, L["import.aliases.invalid", CustomerLimits.Aliases, CustomerLimits.Short]);
            }
            customer.Industry = Limited(row, ImportFields.Industry, "field.industry", CustomerLimits.Short);
            customer.Region = Limited(row, ImportFields.Region, "field.region", CustomerLimits.Short);
            customer.Address = Limited(row, ImportFields.Address, "field.address", CustomerLimits.Address);
            customer.Source = Limited(row, ImportFields.Source, "field.source", CustomerLimits.Short);
            if (Cell(row, ImportFields.Level) is { } level)
            {
                if (Enum.TryParse<CustomerLevel>(level.TrimEnd('级', '类').ToUpperInvariant(), out var parsed) && level.Length <= 2 && Enum.IsDefined(parsed))
                    customer.Level = parsed;
                else Error(row, ImportFields.Level, level, L["validation.level", L["field.level"].Value]);
            }
            if (Cell(row, ImportFields.IsKey) is { } isKey)
            {
                if (ImportFields.TryYesNo(isKey, out var yes)) customer.IsKey = yes;
                else Error(row, ImportFields.IsKey, isKey, L["import.isKey.invalid"]);
            }
            if (Cell(row, ImportFields.Owner) is { } owner)
            {
                if (!users.TryGetValue(owner, out var ownerId)) Error(row, ImportFields.Owner, owner, L["import.owner.unknown", owner]);
                // Who may be given a customer follows CustomerRules.ResolveOwnerAsync: anyone for those who see
                // everything, the people of one's own scope otherwise.
                else if (!user.SeesEverything && !user.ScopeOwnerIds.Contains(ownerId)) Error(row, ImportFields.Owner, owner, L["import.owner.outOfScope", owner]);
                else customer.OwnerId = ownerId;
            }
            return customer;
        }

        private string? Limited(SheetRow row, string field, string label, int max)
        {
            var value = Cell(row, field);
            if (value is not null && value.Length > max)
            {
                Error(row, field, value, L["validation.maxLength", L[label].Value, max]);
                return null;
            }
            return value;
        }

        private void AddContact(SheetRow row, Pending pending)
        {
            var name = Cell(row, ImportFields.ContactName);
            var title = Cell(row, ImportFields.ContactTitle);
            var mobileText = ImportFields.PhoneText(Cell(row, ImportFields.Mobile));
            var phoneText = ImportFields.PhoneText(Cell(row, ImportFields.Phone));
            var email = Cell(row, ImportFields.Email);
            var weChat = Cell(row, ImportFields.WeChat);
            if (name is null && title is null && mobileText is null && phoneText is null && email is null && weChat is null) return;

            var errorsBefore = Errors.Count;
            if (name is null) Error(row, ImportFields.ContactName, null, L["import.contact.nameRequired"]);
            else if (name.Length > ContactLimits.Name) Error(row, ImportFields.ContactName, name, L["validation.maxLength", L["field.contacts"].Value, ContactLimits.Name]);
            if (title is { Length: > ContactLimits.Short }) Error(row, ImportFields.ContactTitle, title, L["validation.maxLength", L["field.title"].Value, ContactLimits.Short]);
            var mobile = CustomerRules.CheckPhone(mobileText, "mobile");
            if (mobile.Failure is { } mf) Error(row, ImportFields.Mobile, mobileText, mf.Detail);
            var phone = CustomerRules.CheckPhone(phoneText, "phone");
            if (phone.Failure is { } pf) Error(row, ImportFields.Phone, phoneText, pf.Detail);
            if (email is not null && (email.Length > ContactLimits.Email || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email)))
                Error(row, ImportFields.Email, email, L["validation.email", L["field.email"].Value]);
            if (weChat is { Length: > ContactLimits.Short }) Error(row, ImportFields.WeChat, weChat, L["validation.maxLength", L["field.weChat"].Value, ContactLimits.Short]);
            if (Errors.Count > errorsBefore) return;

            // The same person twice for one customer is a repeated row, not a second contact.
            if (pending.Customer.Contacts.Any(k => k.Name == name && (k.Mobile == mobile.Value || mobile.Value is null)))
            {
                Duplicates.Add(new ImportDuplicate(row.Number, "row", L["import.duplicate.row", pending.Row], pending.Row, null));
                return;
            }
            if (pending.Customer.Contacts.Count >= CustomerLimits.Contacts)
            {
                Errors.Add(new ImportError(row.Number, null, null, L["validation.maxItems", L["field.contacts"].Value, CustomerLimits.Contacts]));
                return;
            }
            pending.Customer.Contacts.Add(new Contact
            {
                CustomerId = pending.Customer.Id, Name = name!, Title = title, Mobile = mobile.Value, Phone = phone.Value,
                Email = email, WeChat = weChat, CreatedAt = now,
            });
        }

        /// <summary>The customer being assembled is complete: check it against the file so far, then queue it.</summary>
        public void Complete()
        {
            if (_current is not { } pending) return;
            _current = null;
            var c = pending.Customer;
            var mobiles = c.Contacts.Select(k => k.Mobile).OfType<string>().ToList();
            var (firstRow, reason) =
                c.CreditCode is not null && _creditCodes.TryGetValue(c.CreditCode, out var byCode) ? (byCode, "creditCode")
                : _nameKeys.TryGetValue(c.NameKey, out var byName) ? (byName, "name")
                : (mobiles.Select(m => _mobiles.GetValueOrDefault(m)).FirstOrDefault(r => r > 0), "mobile");
            if (firstRow > 0)
            {
                Duplicates.Add(new ImportDuplicate(pending.Row, reason,
                    L["import.duplicate.inFile", firstRow, L[$"import.reason.{reason}"].Value], firstRow, null));
                return;
            }
            if (c.CreditCode is not null) _creditCodes[c.CreditCode] = pending.Row;
            _nameKeys.TryAdd(c.NameKey, pending.Row);
            foreach (var mobile in c.Contacts.Select(k => k.Mobile).OfType<string>()) _mobiles.TryAdd(mobile, pending.Row);
            Batch.Add(pending);
        }

        /// <summary>Checks the queued customers against the database in a few set-based queries, then writes the rest.</summary>
        public async Task FlushAsync(CancellationToken ct)
        {
            if (Batch.Count == 0) return;
            var codes = Batch.Select(p => p.Customer.CreditCode).OfType<string>().ToList();
            var keys = Batch.Select(p => p.Customer.NameKey).Distinct().ToList();
            var mobiles = Batch.SelectMany(p => p.Customer.Contacts).Select(k => k.Mobile).OfType<string>().Distinct().ToList();
            var byCode = await db.Customers.AsNoTracking().Where(c => c.CreditCode != null && codes.Contains(c.CreditCode))
                .Select(c => new { c.CreditCode, c.Code }).ToDictionaryAsync(c => c.CreditCode!, c => c.Code, ct);
            var byName = (await db.Customers.AsNoTracking().Where(c => keys.Contains(c.NameKey))
                .Select(c => new { c.NameKey, c.Code }).ToListAsync(ct)).DistinctBy(c => c.NameKey).ToDictionary(c => c.NameKey, c => c.Code);
            var byMobile = (await db.Contacts.AsNoTracking().Where(k => k.Mobile != null && mobiles.Contains(k.Mobile))
                    .Join(db.Customers, k => k.CustomerId, c => c.Id, (k, c) => new { k.Mobile, c.Code }).ToListAsync(ct))
                .DistinctBy(x => x.Mobile).ToDictionary(x => x.Mobile!, x => x.Code);

            var fresh = new List<Customer>(Batch.Count);
            foreach (var pending in Batch)
            {
                var c = pending.Customer;
                var (existingCode, reason) =
                c.CreditCode is not null && byCode.TryGetValue(c.CreditCode, out var sameCode) ? (sameCode, "creditCode")
                : byName.TryGetValue(c.NameKey, out var sameName) ? (sameName, "name")
                : (c.Contacts.Select(k => k.Mobile).OfType<string>().Select(byMobile.GetValueOrDefault).FirstOrDefault(x => x is not null), "mobile");
                if (existingCode is not null)
                {
                    Duplicates.Add(new ImportDuplicate(pending.Row, reason,
                        L["import.duplicate.existing", existingCode, L[$"import.reason.{reason}"].Value], null, existingCode));
                    continue;
                }
                fresh.Add(c);
            }
            Batch.Clear();
            Created += fresh.Count;
            CreatedContacts += fresh.Sum(c => c.Contacts.Count);
            if (dryRun || fresh.Count == 0) return;

            var year = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).Year;
            var next = await db.NextAsync(prefix, year, ct, fresh.Count);
            foreach (var c in fresh) c.Code = CodeSequences.Format(prefix, year, next++);
            await (_customers ??= new(db)).InsertAsync(db, fresh, ct);
            await (_contacts ??= new(db)).InsertAsync(db, fresh.SelectMany(c => c.Contacts).ToList(), ct);
            // In key order: neighbouring rows land on neighbouring index pages.
            var terms = fresh.SelectMany(CustomerQueries.SearchTerms).OrderBy(t => t.Term, StringComparer.Ordinal).ToList();
            await (_terms ??= new(db)).InsertAsync(db, terms, ct);
            await (_audit ??= new(db)).InsertAsync(db, fresh.Select(Audit).ToList(), ct);
        }

        private BulkInsert<Customer>? _customers;
        private BulkInsert<Contact>? _contacts;
        private BulkInsert<SearchTerm>? _terms;
        private BulkInsert<AuditEntry>? _audit;

        /// <summary>
        /// Each imported customer's history starts with a "created" entry naming the import, as a customer made
        /// by hand does; its contacts are listed there rather than given an entry each (an import writes them all at once).
        /// </summary>
        private AuditEntry Audit(Customer c) => new()
        {
            At = now, UserId = user.Id, UserName = user.UserName, EntityType = nameof(Customer), EntityId = c.Id,
            RootType = nameof(Customer), RootId = c.Id, Action = AuditActions.Created,
            Changes = JsonSerializer.Serialize(new[]
            {
                new FieldChange("Code", null, c.Code), new FieldChange("Name", null, c.Name),
                new FieldChange("CreditCode", null, c.CreditCode), new FieldChange("Level", null, c.Level.ToString()),
                new FieldChange("OwnerId", null, c.OwnerId?.ToString()),
                new FieldChange("Contacts", null, c.Contacts.Count == 0 ? null : ListText.Join(c.Contacts.Select(k => k.Name))),
                new FieldChange("Import", null, Id.ToString()),
            }.Where(f => f.New is not null), JsonSerializerOptions.Web),
        };

        /// <summary>One entry for the import as a whole: who imported how many, and what was skipped.</summary>
        public async Task AuditJobAsync(CancellationToken ct)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserId = user.Id, UserName = user.UserName, EntityType = "CustomerImport", EntityId = Id,
                RootType = "CustomerImport", RootId = Id, Action = "imported",
                Changes = JsonSerializer.Serialize(new[]
                {
                    new FieldChange("Rows", null, TotalRows.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new FieldChange("Created", null, Created.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new FieldChange("SkippedDuplicates", null, Duplicates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new FieldChange("Errors", null, Errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                }, JsonSerializerOptions.Web),
            });
            await db.SaveChangesAsync(ct);
        }
    }

    private sealed record Pending(int Row, Customer Customer);
}
