using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Catalog;

/// <summary>
/// A catalog model (型号) that may be quoted. Prices are per unit; the floor price is the lowest price finance
/// accepts at all, below it every quote needs approval whatever the policy says about discounts.
/// </summary>
public sealed class Product : IAudited, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The model code as the trade writes it (Z41H-16C DN100); unique, compared without case.</summary>
    public string Model { get; set; } = "";

    /// <summary>Upper-cased model without spaces, the unique key and what dictation and search match on.</summary>
    public string ModelKey { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Product category (闸阀, 球阀 …): routes technical requests and filters reports.</summary>
    public string Category { get; set; } = "";

    /// <summary>Unit of measure (台, 套, 只, 件).</summary>
    public string Unit { get; set; } = "台";
    public Money ListPrice { get; set; }
    public Money? UnitCost { get; set; }
    public Money? FloorPrice { get; set; }

    /// <summary>Withdrawn models stay for old quotes but can no longer be quoted.</summary>
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<ProductOption> Options { get; set; } = [];

    public static string KeyOf(string model) =>
        string.Concat(model.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    public sealed class Configuration : IEntityTypeConfiguration<Product>
    {
        public void Configure(EntityTypeBuilder<Product> p)
        {
            p.Property(x => x.Model).HasMaxLength(ProductLimits.Model);
            p.Property(x => x.ModelKey).HasMaxLength(ProductLimits.Model);
            p.HasIndex(x => x.ModelKey).IsUnique();
            p.Property(x => x.Name).HasMaxLength(ProductLimits.Name);
            p.Property(x => x.Category).HasMaxLength(ProductLimits.Short);
            p.HasIndex(x => x.Category);
            p.Property(x => x.Unit).HasMaxLength(8);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.HasMany(x => x.Options).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>
/// A standard option of a model (材质: CF8M 不锈钢, 压力等级: PN40) and what choosing it adds to the list price
/// and to the unit cost. Options of one group exclude each other.
/// </summary>
public sealed class ProductOption : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProductId { get; set; }

    /// <summary>The option group (材质, 压力等级, 驱动方式).</summary>
    public string Group { get; set; } = "";
    public string Value { get; set; } = "";
    public Money PriceDelta { get; set; }
    public Money CostDelta { get; set; }

    (string Type, Guid Id) IAudited.AuditRoot => (nameof(Product), ProductId);

    public sealed class Configuration : IEntityTypeConfiguration<ProductOption>
    {
        public void Configure(EntityTypeBuilder<ProductOption> o)
        {
            o.Property(x => x.Group).HasMaxLength(ProductLimits.Short);
            o.Property(x => x.Value).HasMaxLength(ProductLimits.Short);
            o.HasIndex(x => new { x.ProductId, x.Group, x.Value }).IsUnique();
        }
    }
}

public static class ProductLimits
{
    public const int Model = 64;
    public const int Name = 100;
    public const int Short = 50;
    public const int Options = 60;
}

public static class ProductTables
{
    extension(PipewrightDb db)
    {
        public DbSet<Product> Products => db.Set<Product>();
        public DbSet<ProductOption> ProductOptions => db.Set<ProductOption>();
    }
}
