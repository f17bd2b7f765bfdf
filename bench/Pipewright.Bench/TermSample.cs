using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;
using Pipewright.Common.Phones;
using Pipewright.Customers;
using Pipewright.Customers.Rules;

namespace Pipewright.Bench;

/// <summary>
/// terms: what people type into the customer search box, sampled from the data itself —
/// 2–6 characters of a company name or alias, a contact's name, the start or the end of a code,
/// 4–7 digits of a mobile.
/// </summary>
internal static class TermSample
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var root = options.Required("root");
        var output = options.Required("out");
        var count = options.Number("count", 500);
        var seed = options.Number("seed", 1);
        var owner = options.Optional("owner");

        using var host = BenchHost.Create(root);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        var customers = db.Customers.AsNoTracking();
        if (owner is not null)
        {
            var ownerId = await db.Users.Where(u => u.UserName == owner).Select(u => (Guid?)u.Id).SingleOrDefaultAsync()
                ?? throw new CommandLineException($"No user '{owner}'.");
            customers = customers.Where(c => c.OwnerId == ownerId);
        }
        var rows = await customers
            // Ids are random: ordered by code and by value, the same data gives the same terms on every run.
            .OrderBy(c => c.Code)
            .Select(c => new Source(c.Code, c.Name, c.Aliases, c.Contacts.Select(k => k.Name).Order().ToList(),
                c.Contacts.Where(k => k.Mobile != null).Select(k => k.Mobile!).Order().ToList()))
            .ToListAsync();
        if (rows.Count == 0) throw new CommandLineException("No customers to sample from.");

        var terms = Sample(rows, count, seed);
        var encoded = new StringBuilder();
        var readable = new StringBuilder();
        foreach (var (kind, term) in terms)
        {
            encoded.Append(Uri.EscapeDataString(term)).Append('\n');
            readable.Append(kind).Append('\t').Append(term).Append('\n');
        }
        await File.WriteAllTextAsync(output, encoded.ToString());
        await File.WriteAllTextAsync(output + ".txt", readable.ToString());
        var mix = string.Join(", ", terms.GroupBy(t => t.Kind).Select(g => $"{g.Count()} {g.Key}"));
        Console.WriteLine($"{terms.Count} terms from {rows.Count:N0} customers{(owner is null ? "" : $" of {owner}")} → {output} ({mix})");
        return 0;
    }

    private sealed record Source(string Code, string Name, List<string> Aliases, List<string> Contacts, List<string> Mobiles);

    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "The term list must be reproducible from a seed.")]
    private static List<(string Kind, string Term)> Sample(List<Source> rows, int count, int seed)
    {
        var random = new Random(seed);
        var terms = new List<(string, string)>(count);
        while (terms.Count < count)
        {
            var row = rows[random.Next(rows.Count)];
            var roll = random.Next(100);
            (string Kind, string? Term) pick = roll switch
            {
                // 2–6 consecutive characters of the company name, anywhere in it.
                < 30 => ("name", Slice(random, row.Name, 2, 6)),
                < 38 => ("alias", row.Aliases.Count == 0 ? null : Slice(random, row.Aliases[random.Next(row.Aliases.Count)], 2, 6)),
                // A contact's full name (2–3 characters), sometimes only the given name.
                < 58 => ("contact", row.Contacts.Count == 0 ? null : ContactName(random, row.Contacts[random.Next(row.Contacts.Count)])),
                // KH2026001… as people type a code they read somewhere: its start, 9–11 characters, or its last digits.
                < 70 => ("code", row.Code[..random.Next(9, row.Code.Length + 1)]),
                < 75 => ("code-end", row.Code[^random.Next(4, 6)..]),
                // 4–7 consecutive digits of a contact's mobile.
                _ => ("phone", row.Mobiles.Count == 0 ? null : Slice(random, PhoneNumber.Digits(row.Mobiles[random.Next(row.Mobiles.Count)]), 4, 7)),
            };
            if (pick.Term is { Length: > 0 } term) terms.Add((pick.Kind, term));
        }
        return terms;
    }

    private static string? Slice(Random random, string text, int min, int max)
    {
        if (text.Length < min) return null;
        var length = random.Next(min, Math.Min(max, text.Length) + 1);
        return text.Substring(random.Next(0, text.Length - length + 1), length);
    }

    private static string ContactName(Random random, string name) =>
        name.Length >= 3 && random.Next(4) == 0 ? name[1..] : name;
}
