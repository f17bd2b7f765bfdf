using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Common.Search;
using Pipewright.Customers.Rules;

namespace Pipewright.Customers.ImportCustomers;

/// <summary>A run's state: the customer being assembled, the batch to write, what was seen so far in the file.</summary>
internal sealed class ImportRun(PipewrightDb db, CurrentUser user, bool dryRun,
    Dictionary<string, Guid> users, string prefix, DateTimeOffset now)
{
    private static readonly Strings L = new();

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
            // Contacts are listed by CreatedAt: a millisecond per contact keeps them in the sheet's order
            // (SQLite stores instants to 0.1 ms, so a tick apart would tie).
            Email = email, WeChat = weChat, CreatedAt = now.AddMilliseconds(pending.Customer.Contacts.Count),
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
        // EF.Parameter: each list as one parameter (a JSON array on SQLite, an array on PostgreSQL). By default EF
        // binds every element separately, and a batch's thousands of parameters cost more than the lookups themselves.
        var byCode = await db.Customers.AsNoTracking().Where(c => c.CreditCode != null && EF.Parameter(codes).Contains(c.CreditCode))
            .Select(c => new { c.CreditCode, c.Code }).ToDictionaryAsync(c => c.CreditCode!, c => c.Code, ct);
        var byName = (await db.Customers.AsNoTracking().Where(c => EF.Parameter(keys).Contains(c.NameKey))
            .Select(c => new { c.NameKey, c.Code }).ToListAsync(ct)).DistinctBy(c => c.NameKey).ToDictionary(c => c.NameKey, c => c.Code);
        var byMobile = (await db.Contacts.AsNoTracking().Where(k => k.Mobile != null && EF.Parameter(mobiles).Contains(k.Mobile))
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
        // In term order: neighbouring rows land on neighbouring pages of the search index (Kind, Term, SharedPrefix, EntityId).
        if (db.IsPostgres)
            await (_terms ??= new(db)).InsertAsync(db, fresh.SelectMany(CustomerQueries.SearchTerms).OrderBy(t => t.Term, StringComparer.Ordinal).ToList(), ct);
        else await (_sqliteTerms ??= new(db)).AddAsync(fresh, ct);
        await (_audit ??= new(db)).InsertAsync(db, fresh.Select(Audit).ToList(), ct);
    }

    private BulkInsert<Customer>? _customers;
    private BulkInsert<Contact>? _contacts;
    private BulkInsert<SearchTerm>? _terms;
    private BulkInsert<AuditEntry>? _audit;
    private SqliteSearchRows? _sqliteTerms;

    /// <summary>The last writes of an import: on SQLite the search index, when a big import dropped it (see <see cref="SqliteSearchRows"/>).</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        if (_sqliteTerms is not null) await _sqliteTerms.FinishAsync(ct);
    }

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
                new FieldChange("Rows", null, TotalRows.ToString(CultureInfo.InvariantCulture)),
                new FieldChange("Created", null, Created.ToString(CultureInfo.InvariantCulture)),
                new FieldChange("SkippedDuplicates", null, Duplicates.Count.ToString(CultureInfo.InvariantCulture)),
                new FieldChange("Errors", null, Errors.Count.ToString(CultureInfo.InvariantCulture)),
            }, JsonSerializerOptions.Web),
        });
        await db.SaveChangesAsync(ct);
    }
}

internal sealed record Pending(int Row, Customer Customer);
