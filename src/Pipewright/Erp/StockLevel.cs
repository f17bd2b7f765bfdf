using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Erp;

/// <summary>
/// The built-in ERP's knowledge of one model, kept by hand or imported from the ERP's export:
/// stock on hand and how many the works can produce a week.
/// </summary>
public sealed class StockLevel : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The catalog's model key (Product.KeyOf): the ERP knows models, not our ids.</summary>
    public string ModelKey { get; set; } = "";
    public decimal OnHand { get; set; }
    public decimal WeeklyCapacity { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<StockLevel>
    {
        public void Configure(EntityTypeBuilder<StockLevel> s)
        {
            s.Property(x => x.ModelKey).HasMaxLength(64);
            s.HasIndex(x => x.ModelKey).IsUnique();
            s.Property(x => x.OnHand).HasPrecision(18, 3);
            s.Property(x => x.WeeklyCapacity).HasPrecision(18, 3);
        }
    }
}

public static class StockTables
{
    extension(PipewrightDb db)
    {
        public DbSet<StockLevel> StockLevels => db.Set<StockLevel>();
    }
}
