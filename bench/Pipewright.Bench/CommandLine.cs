using System.Globalization;

namespace Pipewright.Bench;

internal sealed class CommandLineException(string message) : Exception(message);

/// <summary>--name value pairs and --flag switches; nothing clever.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static CommandLine Parse(IEnumerable<string> args)
    {
        var parsed = new CommandLine();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
                throw new CommandLineException($"Unexpected argument '{list[i]}'.");
            var name = list[i][2..];
            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[name] = hasValue ? list[++i] : null;
        }
        return parsed;
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw new CommandLineException($"--{name} is required.");

    public string? Optional(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public string Text(string name, string fallback) => Optional(name) ?? fallback;

    public int Number(string name, int fallback) =>
        Optional(name) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? n
                : throw new CommandLineException($"--{name} must be a whole number, not '{text}'.")
            : fallback;

    public bool Flag(string name) => _values.ContainsKey(name);

    public static int Usage()
    {
        Console.Error.WriteLine("""
            Pipewright.Bench — data generator and helpers for bench/customer-search.sh

              generate --root DIR [--customers 20000] [--seed 1] [--admin-password P] [--password P] [--force]
                  Creates DIR/pipewright.db: migrations, roles, the admin, the demo company's teams and people,
                  and N customers (about 3 contacts each) with their search rows, owned by the sales reps.
              terms --root DIR --out FILE [--count 500] [--seed 1] [--owner USERNAME]
                  Samples search terms from the data (name and contact-name substrings, code prefixes, phone
                  digits) and writes them URL-encoded, one a line (FILE.txt gets them readable).
              import-sheet --out FILE [--rows 100000] [--seed 1]
                  Writes a messy customer sheet (title row, own header words, full-width characters, phones as
                  Excel numbers, ~1% bad phones, bad credit codes and repeated customers) for bench/customer-import.sh.
              voice --notes FILE.jsonl --master FILE.json [--rounds 200] [--misses]
                  Scores the dictation extractor on a labeled corpus (micro P/R/F1 per field and overall) and
                  times it: the first call with the vocabulary build, then p50/p95 per note; --misses lists errors.
              funnel --root DIR [--opportunities 10000] [--history 50000] [--seed 1]
                  Adds to a generated database a funnel of 7 open stages and a won one, N deals on the reps'
                  customers and exactly H stage history rows, for bench/kanban.sh.
              explain --root DIR [--terms FILE] [--user USERNAME] [--iterations 200] [--pieces]
                  Runs the list handler in-process on the terms, prints the SQL it emits, EXPLAIN QUERY PLAN
                  and where the time goes; --pieces adds wall and CPU time of the parts of a request.
            """);
        return 2;
    }
}
