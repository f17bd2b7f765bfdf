using Pipewright.Common.Data;
using Pipewright.Dictation.Competitors;

namespace Pipewright.Demo;

/// <summary>The valve makers 恒信阀业 meets in its deals, so that dictated notes name them.</summary>
public static class DemoDictation
{
    private static readonly (string Name, string[] Aliases)[] Competitors =
    [
        ("远大阀门", ["远大"]),
        ("永盛阀门", []),
        ("海达流体", []),
        ("苏阀科技", ["苏阀"]),
        ("中核科技", []),
    ];

    public static async Task LoadAsync(PipewrightDb db, DateTimeOffset now, CancellationToken ct)
    {
        db.Competitors.AddRange(Competitors.Select(c => new Competitor
        {
            Name = c.Name, NameKey = Competitor.KeyOf(c.Name), Aliases = [.. c.Aliases], CreatedAt = now, UpdatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
    }
}
