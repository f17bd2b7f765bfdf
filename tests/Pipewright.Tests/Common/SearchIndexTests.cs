using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Common.Data;
using Pipewright.Common.Search;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Common;

/// <summary>Counting a search's records from the index alone: one row per record and prefix shares less than the prefix has.</summary>
public sealed class SearchIndexTests(PipewrightApp app) : IClassFixture<PipewrightApp>
{
    // Few letters, so that terms share prefixes and texts repeat fragments; characters above U+FFFF and in
    // U+E000…U+FFFF sort differently in UTF-16 and in the database's code-point order.
    private static readonly string[] Letters = ["有", "限", "公", "司", "A", "1", "𠮷", "\ue000", "\ufffd", "中"];

    private static List<string> RandomTexts(Random random) =>
        Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 21)).Select(_ => Letters[random.Next(Letters.Length)])))
            .ToList();

    private static int CodePoints(string text) => text.Count(c => !char.IsLowSurrogate(c));

    [Fact]
    public void Of_a_records_terms_that_start_with_a_prefix_exactly_one_shares_fewer_characters_than_it_has()
    {
        var random = new Random(20261128);
        for (var record = 0; record < 300; record++)
        {
            var terms = SearchIndex.Terms("test", Guid.NewGuid(), RandomTexts(random)).ToList();
            Assert.Equal(terms.Select(t => t.Term).Order(SearchIndex.CodePointOrder), terms.Select(t => t.Term));
            var prefixes = terms.SelectMany(t => Enumerable.Range(1, t.Term.Length)
                    .Where(n => !char.IsHighSurrogate(t.Term[n - 1])).Select(n => t.Term[..n]))
                .Append("司司司司司").Append("𠮷\ue000").Distinct();
            foreach (var prefix in prefixes)
            {
                var matching = terms.Where(t => t.Term.StartsWith(prefix, StringComparison.Ordinal)).ToList();
                Assert.Equal(matching.Count > 0 ? 1 : 0, matching.Count(t => t.SharedPrefix < CodePoints(prefix)));
            }
        }
    }

    [Fact]
    public void Code_point_order_is_the_order_of_utf8_bytes()
    {
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var (a, b) = (RandomTexts(random)[0], RandomTexts(random)[0]);
            var bytes = Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
            Assert.Equal(Math.Sign(bytes), Math.Sign(SearchIndex.CodePointOrder.Compare(a, b)));
        }
    }

    [Fact]
    public async Task The_migrations_backfill_computes_in_sql_what_the_index_writes()
    {
        var random = new Random(42);
        var expected = Enumerable.Range(0, 200)
            .SelectMany(_ => SearchIndex.Terms("backfill", Guid.NewGuid(), RandomTexts(random))).ToList();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        db.SearchTerms.AddRange(expected.Select(t => new SearchTerm { Kind = t.Kind, Term = t.Term, EntityId = t.EntityId, SharedPrefix = 99 }));
        await db.SaveChangesAsync();

        await db.Database.ExecuteSqlRawAsync(SharedPrefixBackfill.Sql(db.IsPostgres));

        var stored = await db.SearchTerms.AsNoTracking().Where(t => t.Kind == "backfill")
            .ToDictionaryAsync(t => (t.EntityId, t.Term), t => t.SharedPrefix);
        Assert.Equal(expected.Count, stored.Count);
        Assert.All(expected, t => Assert.Equal(t.SharedPrefix, stored[(t.EntityId, t.Term)]));

        // Counted in the database, the records that have a term starting with a prefix are those C# finds.
        foreach (var prefix in new[] { "有限", "公", "A1", "𠮷", "\ue000", "司中" })
        {
            var matching = expected.Where(t => t.Term.StartsWith(prefix, StringComparison.Ordinal)).Select(t => t.EntityId).Distinct().Count();
            Assert.Equal(matching, await db.SearchTerms.Records("backfill", prefix).CountAsync());
            // The same count in plain SQL, as a search sends it, whole and up to a limit.
            Assert.Equal(matching, await db.CountRecordsAsync("backfill", prefix, limit: null, default));
            Assert.Equal(Math.Min(matching, 3), await db.CountRecordsAsync("backfill", prefix, limit: 3, default));
        }
        Assert.True(await db.CountRecordsAsync("backfill", "公", limit: null, default) > 3); // the limit above was tested
    }
}
