using Microsoft.EntityFrameworkCore;

namespace Pipewright.Common.Data;

/// <summary>The last number handed out for a kind of people-facing code (KH, SJ, BJ …) in a year.</summary>
public sealed class CodeSequence
{
    public string Kind { get; set; } = "";
    public int Year { get; set; }
    public long Last { get; set; }
}

public static class CodeSequences
{
    /// <summary>
    /// Takes the next number atomically in the caller's transaction (UPDATE … RETURNING on both providers):
    /// numbers are never handed out twice and never reused, even when the insert that used one fails.
    /// With <paramref name="count"/> &gt; 1 it reserves a block (bulk imports) and returns its first number.
    /// </summary>
    public static async Task<long> NextAsync(this PipewrightDb db, string kind, int year, CancellationToken ct, int count = 1)
    {
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "CodeSequences" ("Kind", "Year", "Last") VALUES ({kind}, {year}, 0) ON CONFLICT DO NOTHING""", ct);
        var last = await db.Database.SqlQuery<long>(
            $"""UPDATE "CodeSequences" SET "Last" = "Last" + {count} WHERE "Kind" = {kind} AND "Year" = {year} RETURNING "Last" AS "Value" """)
            .ToListAsync(ct);
        return last.Single() - count + 1;
    }

    public static string Format(string prefix, int year, long number) => $"{prefix}{year}{number:D5}";
}
