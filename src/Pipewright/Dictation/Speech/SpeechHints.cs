using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Catalog;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;

namespace Pipewright.Dictation.Speech;

/// <summary>
/// Words the engine should expect in this person's note: names it would otherwise write by sound
/// ("华强" heard as "花墙", "Z41H" as "Z41 H"). Most important first; engines cut the list where they must.
/// </summary>
public sealed record SpeechHints(IReadOnlyList<string> Terms)
{
    public static readonly SpeechHints Empty = new([]);

    /// <summary>The terms as one prompt of at most <paramref name="maxChars"/> characters, whole terms only.</summary>
    public string Prompt(int maxChars)
    {
        var prompt = new System.Text.StringBuilder();
        foreach (var term in Terms)
        {
            var separator = prompt.Length == 0 ? 0 : 1;
            if (prompt.Length + separator + term.Length > maxChars) break;
            if (separator > 0) prompt.Append('、');
            prompt.Append(term);
        }
        return prompt.ToString();
    }
}

/// <summary>
/// One kind of master data that names things people say in visit notes. Customers and catalog models come
/// with this folder; the competitor list (Dictation/Competitors) adds itself by registering another source.
/// </summary>
public interface ISpeechHintSource
{
    /// <summary>Lower comes first in the prompt.</summary>
    int Order { get; }

    Task<IReadOnlyList<string>> TermsAsync(PipewrightDb db, CurrentUser user, int max, CancellationToken ct);
}

/// <summary>The customers the person may see, the ones worked on lately first, with their short names (aliases).</summary>
public sealed class CustomerHints : ISpeechHintSource
{
    public int Order => 0;

    public async Task<IReadOnlyList<string>> TermsAsync(PipewrightDb db, CurrentUser user, int max, CancellationToken ct)
    {
        var customers = await db.Customers.AsNoTracking().VisibleTo(user)
            .OrderByDescending(c => c.UpdatedAt).Take(max)
            .Select(c => new { c.Name, c.Aliases }).ToListAsync(ct);
        return customers.SelectMany(c => c.Aliases.Prepend(c.Name)).ToList();
    }
}

/// <summary>Catalog models that may be quoted: codes like "Z41H-16C" are what speech engines get wrong most.</summary>
public sealed class ProductHints : ISpeechHintSource
{
    public int Order => 10;

    public async Task<IReadOnlyList<string>> TermsAsync(PipewrightDb db, CurrentUser user, int max, CancellationToken ct) =>
        await db.Set<Product>().AsNoTracking().Where(p => p.IsActive)
            .OrderByDescending(p => p.UpdatedAt).Take(max)
            .Select(p => p.Model).ToListAsync(ct);
}

/// <summary>Collects the hints of every source for one person: distinct terms, sources in order, bounded.</summary>
public sealed class SpeechHintsBuilder(IDbContextFactory<PipewrightDb> dbFactory, IEnumerable<ISpeechHintSource> sources, IOptions<SpeechOptions> options)
{
    /// <summary>Rows asked of each source: far more than fit in a prompt, so that short names are not crowded out by long ones.</summary>
    private const int PerSource = 100;

    public async Task<SpeechHints> ForAsync(CurrentUser user, CancellationToken ct)
    {
        if (options.Value.MaxHintChars == 0) return SpeechHints.Empty;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var perSource = new List<IReadOnlyList<string>>();
        foreach (var source in sources.OrderBy(s => s.Order))
            perSource.Add(await source.TermsAsync(db, user, PerSource, ct));
        // Taken in turns, so that a long customer list does not leave no room for a single model code.
        for (var i = 0; perSource.Any(list => i < list.Count); i++)
            foreach (var list in perSource)
                if (i < list.Count && list[i].Trim() is { Length: > 0 } term && seen.Add(term))
                    terms.Add(term);
        return new SpeechHints(terms);
    }
}
