using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Dictation.Competitors;

/// <summary>A firm we meet in deals (竞争对手); dictated notes are matched against its name and aliases.</summary>
public sealed class Competitor : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";

    /// <summary>The name without case, width and spaces: the unique key, so "远大 阀门" is the same firm.</summary>
    public string NameKey { get; set; } = "";
    public List<string> Aliases { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string KeyOf(string name) =>
        string.Concat(name.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    public sealed class Configuration : IEntityTypeConfiguration<Competitor>
    {
        public void Configure(EntityTypeBuilder<Competitor> c)
        {
            c.Property(x => x.Name).HasMaxLength(CompetitorLimits.Name);
            c.Property(x => x.NameKey).HasMaxLength(CompetitorLimits.Name);
            c.HasIndex(x => x.NameKey).IsUnique();
        }
    }
}

public static class CompetitorLimits
{
    public const int Name = 100;
    public const int Aliases = 10;
}

public static class CompetitorTables
{
    extension(PipewrightDb db)
    {
        public DbSet<Competitor> Competitors => db.Set<Competitor>();
    }
}
