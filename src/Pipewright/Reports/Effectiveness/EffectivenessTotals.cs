using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Approvals;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Leads;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Rollup;
using Pipewright.Tasks;

namespace Pipewright.Reports.Effectiveness;

/// <summary>
/// Running totals of the records behind the effectiveness figures (docs/metrics.md §5–10), per measure, category and
/// <see cref="DaySpans">span of days</see> of the instant that puts a record in a period: everyone's figures over a
/// year of a large company add up a few hundred rows instead of reading hundreds of thousands of records.
/// Which columns a measure uses: <see cref="EffectivenessMeasure"/>.
/// </summary>
public sealed class EffectivenessTotal
{
    public string Measure { get; set; } = "";

    /// <summary>"" holds every category; a deal's records also count under the deal's category.</summary>
    public string Category { get; set; } = "";

    public long Span { get; set; }

    /// <summary>An approval step's position (1st, 2nd … step); 0 for the other measures.</summary>
    public int Part { get; set; }

    public long Count { get; set; }

    /// <summary>Leads whose deal is won, requests done on time, required fields filled.</summary>
    public long Matched { get; set; }

    /// <summary>Deals' created → won, steps' activated → decided.</summary>
    public long Milliseconds { get; set; }

    public long Responded { get; set; }
    public long ResponseMinutes { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<EffectivenessTotal>
    {
        public void Configure(EntityTypeBuilder<EffectivenessTotal> t)
        {
            t.HasKey(x => new { x.Measure, x.Category, x.Span, x.Part });
            t.Property(x => x.Measure).HasMaxLength(16);
            t.Property(x => x.Category).HasMaxLength(OpportunityLimits.Short);
        }
    }
}

/// <summary>What each measure counts, at which instant, and whether a category narrows it (docs/metrics.md).</summary>
public static class EffectivenessMeasure
{
    /// <summary>Deals won, at closing: count and created → closed.</summary>
    public const string Won = "won";

    /// <summary>Leads, at creation: count, won (their deal won), responded and response minutes. No category.</summary>
    public const string Lead = "lead";

    /// <summary>Technical requests not cancelled, at their due time: count and done on time.</summary>
    public const string Task = "task";

    /// <summary>Approval steps approved or rejected, at the decision, per position: count and activated → decided. No category.</summary>
    public const string Step = "step";

    /// <summary>Customers with an owner, at creation: count and filled fields of 5. No category.</summary>
    public const string Customer = "customer";

    /// <summary>Contacts of those customers, at the customer's creation: count and filled fields of 2. No category.</summary>
    public const string Contact = "contact";

    /// <summary>Deals, at creation: count and filled fields of 4.</summary>
    public const string Deal = "deal";

    /// <summary>The measures a product category narrows: those of deals and their technical requests.</summary>
    public static readonly string[] ByCategory = [Won, Task, Deal];
}

/// <summary>One record's contribution to <see cref="EffectivenessTotal"/>.</summary>
public readonly record struct EffectivenessFact(string Measure, string? Category, DateTimeOffset At, int Part, long Count, long Matched,
    long Milliseconds, long Responded, long ResponseMinutes);

/// <summary>
/// Reads the facts of records from the database, the same way before a save and after it (inside its transaction):
/// the difference is what the save changed, including in records it did not touch itself (a lead whose deal is won,
/// the requests of a deal whose category changed, the contacts of a customer released to the pool).
/// </summary>
public static class EffectivenessFacts
{
    private static long Filled(string? text) => string.IsNullOrEmpty(text) ? 0 : 1;

    private static long Milliseconds(DateTimeOffset from, DateTimeOffset to) => (long)Math.Round((to - from).TotalMilliseconds);

    public static async Task ReadAsync(PipewrightDb db, Records records, List<EffectivenessFact> into, CancellationToken ct)
    {
        foreach (var chunk in records.Deals.Chunk(500)) await DealsAsync(db.Opportunities.Where(o => chunk.Contains(o.Id)), into, ct);
        foreach (var chunk in records.Leads.Chunk(500)) await LeadsAsync(db, db.Leads.Where(l => chunk.Contains(l.Id)), into, ct);
        foreach (var chunk in records.Tasks.Chunk(500)) await TasksAsync(db, db.TechTasks.Where(t => chunk.Contains(t.Id)), into, ct);
        foreach (var chunk in records.Steps.Chunk(500)) await StepsAsync(db.ApprovalSteps.Where(s => chunk.Contains(s.Id)), into, ct);
        foreach (var chunk in records.Customers.Chunk(500)) await CustomersAsync(db.Customers.Where(c => chunk.Contains(c.Id)), into, ct);
        foreach (var chunk in records.Contacts.Chunk(500)) await ContactsAsync(db, db.Contacts.Where(k => chunk.Contains(k.Id)), into, ct);
    }

    /// <summary>Every record's facts, for a rebuild.</summary>
    public static async Task ReadAllAsync(PipewrightDb db, Func<List<EffectivenessFact>, Task> flush, CancellationToken ct)
    {
        var facts = new List<EffectivenessFact>();
        await DealsAsync(db.Opportunities, facts, ct);
        await flush(facts);
        await LeadsAsync(db, db.Leads, facts, ct);
        await flush(facts);
        await TasksAsync(db, db.TechTasks, facts, ct);
        await flush(facts);
        await StepsAsync(db.ApprovalSteps, facts, ct);
        await flush(facts);
        await CustomersAsync(db.Customers, facts, ct);
        await flush(facts);
        await ContactsAsync(db, db.Contacts, facts, ct);
        await flush(facts);
    }

    private static async Task DealsAsync(IQueryable<Opportunity> deals, List<EffectivenessFact> into, CancellationToken ct)
    {
        var rows = deals.AsNoTracking().Select(o => new
        {
            o.Status, o.CreatedAt, o.ClosedAt, o.ProductCategory, HasAmount = o.ExpectedAmount != null, HasCloseDate = o.ExpectedCloseDate != null,
            o.DecisionMaker,
        });
        await foreach (var o in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var filled = (o.HasAmount ? 1 : 0) + (o.HasCloseDate ? 1 : 0) + Filled(o.ProductCategory) + Filled(o.DecisionMaker);
            into.Add(new(EffectivenessMeasure.Deal, o.ProductCategory, o.CreatedAt, 0, 1, filled, 0, 0, 0));
            if (o.Status == OpportunityStatus.Won && o.ClosedAt is { } closed)
                into.Add(new(EffectivenessMeasure.Won, o.ProductCategory, closed, 0, 1, 0, Milliseconds(o.CreatedAt, closed), 0, 0));
        }
    }

    private static async Task LeadsAsync(PipewrightDb db, IQueryable<Lead> leads, List<EffectivenessFact> into, CancellationToken ct)
    {
        var opportunities = db.Opportunities;
        var rows = leads.AsNoTracking().Select(l => new
        {
            l.CreatedAt, l.FirstResponseMinutes, Won = opportunities.Any(o => o.Id == l.OpportunityId && o.Status == OpportunityStatus.Won),
        });
        await foreach (var l in rows.AsAsyncEnumerable().WithCancellation(ct))
            into.Add(new(EffectivenessMeasure.Lead, null, l.CreatedAt, 0, 1, l.Won ? 1 : 0, 0, l.FirstResponseMinutes is null ? 0 : 1,
                l.FirstResponseMinutes ?? 0));
    }

    private static async Task TasksAsync(PipewrightDb db, IQueryable<TechTask> tasks, List<EffectivenessFact> into, CancellationToken ct)
    {
        var rows = from t in tasks.AsNoTracking()
                   join o in db.Opportunities on t.OpportunityId equals o.Id
                   where t.Status != TechTaskStatus.Cancelled
                   select new { t.DueAt, OnTime = t.Status == TechTaskStatus.Done && t.CompletedAt <= t.DueAt, o.ProductCategory };
        await foreach (var t in rows.AsAsyncEnumerable().WithCancellation(ct))
            into.Add(new(EffectivenessMeasure.Task, t.ProductCategory, t.DueAt, 0, 1, t.OnTime ? 1 : 0, 0, 0, 0));
    }

    private static async Task StepsAsync(IQueryable<ApprovalStep> steps, List<EffectivenessFact> into, CancellationToken ct)
    {
        var rows = steps.AsNoTracking()
            .Where(s => (s.Status == StepStatus.Approved || s.Status == StepStatus.Rejected) && s.ActivatedAt != null && s.CompletedAt != null)
            .Select(s => new { s.Order, ActivatedAt = s.ActivatedAt!.Value, CompletedAt = s.CompletedAt!.Value });
        await foreach (var s in rows.AsAsyncEnumerable().WithCancellation(ct))
            into.Add(new(EffectivenessMeasure.Step, null, s.CompletedAt, s.Order, 1, 0, Milliseconds(s.ActivatedAt, s.CompletedAt), 0, 0));
    }

    private static async Task CustomersAsync(IQueryable<Customer> customers, List<EffectivenessFact> into, CancellationToken ct)
    {
        var rows = customers.AsNoTracking().Where(c => c.OwnerId != null)
            .Select(c => new { c.CreatedAt, c.CreditCode, c.Industry, c.Region, c.Address, c.Source });
        await foreach (var c in rows.AsAsyncEnumerable().WithCancellation(ct))
            into.Add(new(EffectivenessMeasure.Customer, null, c.CreatedAt, 0, 1,
                Filled(c.CreditCode) + Filled(c.Industry) + Filled(c.Region) + Filled(c.Address) + Filled(c.Source), 0, 0, 0));
    }

    private static async Task ContactsAsync(PipewrightDb db, IQueryable<Contact> contacts, List<EffectivenessFact> into, CancellationToken ct)
    {
        var rows = from k in contacts.AsNoTracking()
                   join c in db.Customers on k.CustomerId equals c.Id
                   where c.OwnerId != null
                   select new { c.CreatedAt, k.Title, k.Mobile };
        await foreach (var k in rows.AsAsyncEnumerable().WithCancellation(ct))
            into.Add(new(EffectivenessMeasure.Contact, null, k.CreatedAt, 0, 1, Filled(k.Title) + Filled(k.Mobile), 0, 0, 0));
    }

    /// <summary>The records whose facts a save may change.</summary>
    public sealed class Records
    {
        public HashSet<Guid> Deals { get; } = [];
        public HashSet<Guid> Leads { get; } = [];
        public HashSet<Guid> Tasks { get; } = [];
        public HashSet<Guid> Steps { get; } = [];
        public HashSet<Guid> Customers { get; } = [];
        public HashSet<Guid> Contacts { get; } = [];

        public bool IsEmpty => Deals.Count + Leads.Count + Tasks.Count + Steps.Count + Customers.Count + Contacts.Count == 0;
    }
}

/// <summary>Adds facts, signed, to the totals of every span and category they belong to.</summary>
public sealed class EffectivenessTotalsChange
{
    public const string Name = "effectiveness";

    /// <summary>Raised whenever what the totals count changes: the start then rebuilds them from the records.</summary>
    public const int Version = 1;

    private readonly Dictionary<(string Measure, string Category, long Span, int Part), long[]> _totals = [];

    public void Add(IEnumerable<EffectivenessFact> facts, int sign)
    {
        foreach (var fact in facts)
        {
            var day = ChinaTime.DateOf(fact.At).DayNumber;
            var categories = string.IsNullOrEmpty(fact.Category) || !EffectivenessMeasure.ByCategory.Contains(fact.Measure) ? [""] : new[] { "", fact.Category };
            foreach (var category in categories)
                foreach (var span in DaySpans.Holding(day))
                {
                    var key = (fact.Measure, category, span, fact.Part);
                    if (!_totals.TryGetValue(key, out var sums)) _totals[key] = sums = new long[5];
                    sums[0] += sign * fact.Count;
                    sums[1] += sign * fact.Matched;
                    sums[2] += sign * fact.Milliseconds;
                    sums[3] += sign * fact.Responded;
                    sums[4] += sign * fact.ResponseMinutes;
                }
        }
    }

    /// <summary>Adds what changed, rows in key order (PostgreSQL: concurrent saves lock shared rows in one order).</summary>
    public async Task SaveAsync(PipewrightDb db, CancellationToken ct)
    {
        var rows = _totals.Where(t => t.Value.Any(v => v != 0))
            .OrderBy(t => t.Key.Measure, StringComparer.Ordinal).ThenBy(t => t.Key.Category, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Span).ThenBy(t => t.Key.Part)
            .Select(t => new EffectivenessTotal
            {
                Measure = t.Key.Measure, Category = t.Key.Category, Span = t.Key.Span, Part = t.Key.Part, Count = t.Value[0],
                Matched = t.Value[1], Milliseconds = t.Value[2], Responded = t.Value[3], ResponseMinutes = t.Value[4],
            })
            .ToList();
        _totals.Clear();
        await new BulkInsert<EffectivenessTotal>(db, addToExisting: true).InsertAsync(db, rows, ct);
    }

    /// <summary>Counts every record afresh when the table is new or <see cref="Version"/> changed, or when forced.</summary>
    public static Task RebuildAsync(IDbContextFactory<PipewrightDb> dbFactory, bool force, CancellationToken ct) =>
        RollupVersion.RebuildAsync(dbFactory, Name, Version, RebuildLock, force, async (db, token) =>
        {
            await db.Set<EffectivenessTotal>().ExecuteDeleteAsync(token);
            var change = new EffectivenessTotalsChange();
            await EffectivenessFacts.ReadAllAsync(db, facts =>
            {
                change.Add(facts, +1);
                facts.Clear();
                return Task.CompletedTask;
            }, token);
            await change.SaveAsync(db, token);
        }, ct);

    private const long RebuildLock = 727274011;
}

/// <summary>
/// Keeps <see cref="EffectivenessTotal"/> in every save that adds, changes or removes deals, leads, technical requests,
/// approval steps, customers or contacts: the facts of the records concerned are read before the save and again after
/// it, in its transaction, and the difference is added.
/// </summary>
internal sealed class EffectivenessTotalsInterceptor : SaveChangesInterceptor
{
    private sealed record Pending(EffectivenessFacts.Records Records, List<EffectivenessFact> Before);

    private static readonly ConditionalWeakTable<DbContext, Pending> Saving = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not PipewrightDb db) return result;
        var records = await RecordsAsync(db, cancellationToken);
        if (records.IsEmpty) return result;
        await SaveTransaction.EnsureAsync(db, cancellationToken);
        var before = new List<EffectivenessFact>();
        await EffectivenessFacts.ReadAsync(db, records, before, cancellationToken);
        Saving.AddOrUpdate(db, new Pending(records, before));
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not PipewrightDb db || !Saving.TryGetValue(db, out var pending)) return result;
        Saving.Remove(db);
        var after = new List<EffectivenessFact>();
        await EffectivenessFacts.ReadAsync(db, pending.Records, after, cancellationToken);
        var change = new EffectivenessTotalsChange();
        change.Add(pending.Before, -1);
        change.Add(after, +1);
        await change.SaveAsync(db, cancellationToken);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Saving.Remove(db);
        return Task.CompletedTask;
    }

    // As for the stays: nothing saves these records synchronously, and a save that did would leave the totals behind.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PipewrightDb db && Touched(db).Any())
            throw new InvalidOperationException("Deals, leads, requests, approvals and customers are saved with SaveChangesAsync, which keeps the report totals.");
        return result;
    }

    private static IEnumerable<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> Touched(PipewrightDb db) =>
        db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Opportunity or Lead or TechTask or ApprovalStep or Customer or Contact);

    private static async Task<EffectivenessFacts.Records> RecordsAsync(PipewrightDb db, CancellationToken ct)
    {
        var records = new EffectivenessFacts.Records();
        var dealsAffectingOthers = new List<Guid>();
        var customersAffectingContacts = new List<Guid>();
        foreach (var entry in Touched(db))
        {
            var whole = entry.State != EntityState.Modified;
            switch (entry.Entity)
            {
                case Opportunity o:
                    records.Deals.Add(o.Id);
                    // A lead counts as won by its deal's status; a request counts under its deal's category.
                    if (whole || entry.Property(nameof(Opportunity.Status)).IsModified || entry.Property(nameof(Opportunity.ProductCategory)).IsModified)
                        dealsAffectingOthers.Add(o.Id);
                    break;
                case Lead l: records.Leads.Add(l.Id); break;
                case TechTask t: records.Tasks.Add(t.Id); break;
                case ApprovalStep s: records.Steps.Add(s.Id); break;
                case Customer c:
                    records.Customers.Add(c.Id);
                    // A customer's contacts count from its creation day, and only while it has an owner.
                    if (whole || entry.Property(nameof(Customer.OwnerId)).IsModified || entry.Property(nameof(Customer.CreatedAt)).IsModified)
                        customersAffectingContacts.Add(c.Id);
                    break;
                case Contact k: records.Contacts.Add(k.Id); break;
            }
        }
        foreach (var chunk in dealsAffectingOthers.Chunk(500))
        {
            records.Leads.UnionWith(await db.Leads.AsNoTracking().Where(l => l.OpportunityId != null && chunk.Contains(l.OpportunityId.Value)).Select(l => l.Id).ToListAsync(ct));
            records.Tasks.UnionWith(await db.TechTasks.AsNoTracking().Where(t => chunk.Contains(t.OpportunityId)).Select(t => t.Id).ToListAsync(ct));
        }
        foreach (var chunk in customersAffectingContacts.Chunk(500))
            records.Contacts.UnionWith(await db.Contacts.AsNoTracking().Where(k => chunk.Contains(k.CustomerId)).Select(k => k.Id).ToListAsync(ct));
        return records;
    }
}
