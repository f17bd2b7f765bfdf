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
    /// </summary>
    public static async Task<long> NextAsync(this PipewrightDb db, string kind, int year, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "CodeSequences" ("Kind", "Year", "Last") VALUES ({kind}, {year}, 0) ON CONFLICT DO NOTHING""", ct);
        var next = await db.Database.SqlQuery<long>(
            $"""UPDATE "CodeSequences" SET "Last" = "Last" + 1 WHERE "Kind" = {kind} AND "Year" = {year} RETURNING "Last" AS "Value" """)
            .ToListAsync(ct);
        return next.Single();
    }

    public static string Format(string prefix, int year, long number) => $"{prefix}{year}{number:D5}";
}
