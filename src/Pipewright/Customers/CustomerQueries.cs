using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Phones;
using Pipewright.Common.Search;
using Pipewright.Customers.Rules;

namespace Pipewright.Customers;

public static class CustomerQueries
{
    public const string SearchKind = "customer";

    /// <summary>
    /// The data scope of api-v1.md: a sales rep their own customers, a regional manager those of their
    /// team's tree, finance / general manager / admin everything. An engineer's scope arrives with tasks.
    /// </summary>
    public static IQueryable<Customer> VisibleTo(this IQueryable<Customer> customers, CurrentUser user)
    {
        if (user.SeesEverything) return customers;
        // A sales rep: one owner, a plain parameter (a list goes through EF's collection handling on every query).
        if (user.ScopeOwnerIds.Count == 1)
        {
            var owner = user.ScopeOwnerIds.First();
            return customers.Where(c => c.OwnerId == owner);
        }
        var owners = user.ScopeOwnerIds.ToList();
        return customers.Where(c => c.OwnerId != null && owners.Contains(c.OwnerId.Value));
    }

    /// <summary>
    /// From this many matching customers on, a search is broad ("公司", "有限", "KH2026"): fetching and sorting every
    /// match would cost milliseconds per thousand, so the page is found instead by walking the customers in list order
    /// and probing each one's search rows (the table's key, EntityId first), which stops after one page. Below it,
    /// the matches are fewer than the customers such a walk passes (measured on 20,000: about the same at 500).
    /// </summary>
    public const int BroadSearch = 500;

    /// <summary>
    /// Customers whose code, name, aliases, contact names or phone digits contain the text: <c>Page</c> to fetch a
    /// page from, <c>Count</c> to count (the same customers, in the form that counts fastest), and
    /// <c>MatchCount</c> when the search rows alone give the total (nothing else filtered).
    /// </summary>
    public static async Task<CustomerSearch> MatchingAsync(this IQueryable<Customer> customers, PipewrightDb db, string text,
        bool unfiltered, bool oneOwner, CancellationToken ct)
    {
        var query = SearchIndex.Normalize(text);
        if (query.Length == 0) return new(customers, customers, null);
        var rows = db.SearchTerms.Rows(SearchKind, query);
        // One row per matching customer, counted in the index without sorting ids out.
        var records = db.SearchTerms.Records(SearchKind, query);
        // Terms are cut at MaxTermLength characters; a longer query is confirmed against the name itself.
        var cut = query.Length > SearchIndex.MaxTermLength;
        int? total = null;
        bool broad;
        if (unfiltered && !cut)
        {
            // Everyone's customers: the matching customers are the total, and tell whether the search is broad.
            total = await db.CountRecordsAsync(SearchKind, query, limit: null, ct);
            broad = total >= BroadSearch;
        }
        else broad = await db.CountRecordsAsync(SearchKind, query, BroadSearch, ct) == BroadSearch;
        // Narrow: from the few matching ids to their customers. Broad: from the customers (in list order, or the
        // user's own) to a probe of their rows — the ids would be thousands.
        var ids = records.Select(t => t.EntityId);
        var byIds = customers.Where(c => ids.Contains(c.Id));
        var paged = broad ? customers.Where(c => rows.Any(t => t.EntityId == c.Id)) : byIds;
        if (cut)
        {
            var trimmed = text.Trim();
            (paged, byIds) = (paged.Where(c => c.Name.Contains(trimmed)), byIds.Where(c => c.Name.Contains(trimmed)));
        }
        // Counting a broad search for a user who sees part of the customers costs a probe per visible customer, or
        // a lookup per match. One owner's customers are few: a single walk in list order finds every match, which
        // gives both the total and the page (walking for the page and again for the count took twice as long when
        // the matches were sparse). A manager's customers are many, and the matches fewer.
        if (broad && oneOwner)
        {
            var matches = await paged.OrderByDescending(c => c.Code).Select(c => c.Id).ToListAsync(ct);
            return new(paged, paged, matches.Count) { InListOrder = matches };
        }
        return new(paged, byIds, total) { Narrow = broad || cut ? null : SearchIndex.RangeOf(query) };
    }

    /// <summary>Rewrites the search rows of one customer after it or its contacts changed.</summary>
    public static async Task ReindexAsync(this PipewrightDb db, Customer customer, CancellationToken ct)
    {
        if (db.Entry(customer).State != EntityState.Added)
            await db.SearchTerms.Where(t => t.Kind == SearchKind && t.EntityId == customer.Id).ExecuteDeleteAsync(ct);
        db.SearchTerms.AddRange(SearchTerms(customer));
    }

    /// <summary>
    /// Saves a changed customer, then its search rows, in one transaction. The customer row goes first:
    /// its version check refuses a concurrent edit and its row lock keeps two re-indexings apart.
    /// </summary>
    public static async Task SaveWithSearchIndexAsync(this PipewrightDb db, Customer customer, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.ReindexAsync(customer, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public static IEnumerable<SearchTerm> SearchTerms(Customer customer) =>
        SearchIndex.Terms(SearchKind, customer.Id, SearchTexts(customer));

    /// <summary>What a customer is found by: code, name, aliases, contact names and phone digits.</summary>
    public static IEnumerable<string?> SearchTexts(Customer customer) =>
        new[] { customer.Code, customer.Name }
            .Concat(customer.Aliases)
            .Concat(customer.Contacts.Select(c => c.Name))
            .Concat(customer.Contacts.SelectMany(c => new[] { c.Mobile, c.Phone })
                .Where(p => p is not null).SelectMany(p => PhoneDigits(p!)));

    /// <summary>People type landlines with their trunk 0 (0574…) and mobiles without: index both forms.</summary>
    private static IEnumerable<string> PhoneDigits(string e164)
    {
        var digits = PhoneNumber.Digits(e164);
        yield return digits;
        if (!digits.StartsWith('1')) yield return "0" + digits;
    }

    /// <summary>Existing customers that the new data would duplicate, by rule, with what a user may see of them.</summary>
    public static async Task<DuplicateReport> FindDuplicatesAsync(this PipewrightDb db,
        string? creditCode, string? name, IReadOnlyCollection<string> phones, Guid? except, CancellationToken ct)
    {
        var customers = db.Customers.AsNoTracking().Where(c => c.Id != except);
        var hard = creditCode is null
            ? []
            : await customers.Where(c => c.CreditCode == creditCode).Select(Candidate("creditCode")).ToListAsync(ct);
        var similar = new List<DuplicateCandidate>();
        if (!string.IsNullOrWhiteSpace(name))
        {
            var key = CompanyNameKey.Compute(name);
            similar.AddRange(await customers.Where(c => c.NameKey == key).Select(Candidate("name")).Take(20).ToListAsync(ct));
        }
        if (phones.Count > 0)
        {
            var phoneList = phones.ToList();
            var byPhone = db.Contacts.Where(k => (k.Mobile != null && phoneList.Contains(k.Mobile))
                                                 || (k.Phone != null && phoneList.Contains(k.Phone)))
                .Select(k => k.CustomerId);
            similar.AddRange(await customers.Where(c => byPhone.Contains(c.Id)).Select(Candidate("phone")).Take(20).ToListAsync(ct));
        }
        var hardIds = hard.Select(h => h.Id).ToHashSet();
        var distinctSimilar = similar.Where(s => !hardIds.Contains(s.Id)).DistinctBy(s => s.Id).ToList();
        await db.FillOwnerNamesAsync(hard.Concat(distinctSimilar).ToList(), ct);
        return new DuplicateReport(hard, distinctSimilar);
    }

    private static System.Linq.Expressions.Expression<Func<Customer, DuplicateCandidate>> Candidate(string reason) =>
        c => new DuplicateCandidate(c.Id, c.Code, c.Name, reason, c.OwnerId);

    private static async Task FillOwnerNamesAsync(this PipewrightDb db, List<DuplicateCandidate> candidates, CancellationToken ct)
    {
        var ownerIds = candidates.Where(c => c.OwnerId != null).Select(c => c.OwnerId!.Value).Distinct().ToList();
        if (ownerIds.Count == 0) return;
        var names = await db.Users.Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        foreach (var candidate in candidates)
            candidate.OwnerName = candidate.OwnerId is { } id && names.TryGetValue(id, out var n) ? n : null;
    }
}

/// <summary>An existing customer a new one may duplicate: only what any user may see (no contacts).</summary>
public sealed record DuplicateCandidate(Guid Id, string Code, string Name, string Reason, Guid? OwnerId)
{
    public string? OwnerName { get; set; }
}

public sealed record DuplicateReport(IReadOnlyList<DuplicateCandidate> Duplicates, IReadOnlyList<DuplicateCandidate> Similar)
{
    public bool Any => Duplicates.Count > 0 || Similar.Count > 0;
}

public sealed record CustomerSearch(IQueryable<Customer> Page, IQueryable<Customer> Count, int? MatchCount)
{
    /// <summary>Every match's id in list order (code, newest first), when one walk found them all.</summary>
    public IReadOnlyList<Guid>? InListOrder { get; init; }

    /// <summary>When the matches are few and the search rows alone decide them: the rows' range.</summary>
    public RecordRange? Narrow { get; init; }
}
