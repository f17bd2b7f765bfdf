using Microsoft.EntityFrameworkCore;
using Pipewright.Catalog;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Dictation.Competitors;

namespace Pipewright.Dictation.Extraction;

/// <summary>
/// The vocabulary of the whole company, kept between notes and built again when the master data has changed:
/// each call compares a cheap stamp (row counts and latest change per table) with the one it was built from.
/// Who may see which customer is applied per note, not here.
/// </summary>
public sealed class VocabularyCache(IDbContextFactory<PipewrightDb> dbFactory)
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private (string Stamp, VoiceVocabulary Vocabulary)? _current;

    public async Task<VoiceVocabulary> GetAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stamp = await StampAsync(db, ct);
        if (_current is { } current && current.Stamp == stamp) return current.Vocabulary;
        await _building.WaitAsync(ct);
        try
        {
            if (_current is { } built && built.Stamp == stamp) return built.Vocabulary;
            var vocabulary = await BuildAsync(db, ct);
            _current = (stamp, vocabulary);
            return vocabulary;
        }
        finally
        {
            _building.Release();
        }
    }

    private static async Task<string> StampAsync(PipewrightDb db, CancellationToken ct)
    {
        var customers = await db.Customers.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Versions = g.Sum(c => c.Version), Latest = g.Max(c => c.UpdatedAt) }).FirstOrDefaultAsync(ct);
        var contacts = await db.Contacts.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Versions = g.Sum(c => c.Version), Latest = g.Max(c => c.CreatedAt) }).FirstOrDefaultAsync(ct);
        var products = await db.Products.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Versions = g.Sum(c => c.Version), Latest = g.Max(c => c.UpdatedAt) }).FirstOrDefaultAsync(ct);
        var competitors = await db.Competitors.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Latest = g.Max(c => c.UpdatedAt) }).FirstOrDefaultAsync(ct);
        return $"{customers}|{contacts}|{products}|{competitors}";
    }

    private static async Task<VoiceVocabulary> BuildAsync(PipewrightDb db, CancellationToken ct)
    {
        var customers = await db.Customers.AsNoTracking().Select(c => new { c.Id, c.Name, c.Aliases }).ToListAsync(ct);
        var contacts = await db.Contacts.AsNoTracking().Select(c => new VocabularyContact(c.Id, c.CustomerId, c.Name, c.Title)).ToListAsync(ct);
        var products = await db.Products.AsNoTracking().Where(p => p.IsActive)
            .Select(p => new VocabularyProduct(p.Id, p.Model, p.Name, p.Category)).ToListAsync(ct);
        var competitors = await db.Competitors.AsNoTracking().Select(c => new { c.Name, c.Aliases }).ToListAsync(ct);
        return new VoiceVocabulary(
            customers.Select(c => new VocabularyCustomer(c.Id, c.Name, c.Aliases)), contacts, products,
            competitors.Select(c => new VocabularyCompetitor(c.Name, c.Aliases)));
    }
}
