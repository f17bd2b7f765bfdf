using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;
using Pipewright.Common.Geo;

namespace Pipewright.Customers;

public enum CustomerLevel { A, B, C }

/// <summary>A company we sell to: one record per real firm, the company's asset rather than a salesperson's.</summary>
public sealed class Customer : IAudited, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>People-facing code (KH202600042), from a sequence, never reused.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The normalized company name that duplicate warnings compare (see CompanyNameKey).</summary>
    public string NameKey { get; set; } = "";
    public string? CreditCode { get; set; }
    public List<string> Aliases { get; set; } = [];
    public string? Industry { get; set; }
    public string? Region { get; set; }
    public string? Address { get; set; }
    public double? Lat { get; set; }
    public double? Lng { get; set; }
    public CoordinateSystem? CoordinateSystem { get; set; }
    public double? WgsLat { get; set; }
    public double? WgsLng { get; set; }
    public CustomerLevel Level { get; set; } = CustomerLevel.C;
    public bool IsKey { get; set; }

    /// <summary>Null while the customer is in the public pool (公海).</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>When the current owner got it (created, assigned, claimed, handed over): the pool's clock starts no earlier.</summary>
    public DateTimeOffset? OwnerSince { get; set; }

    /// <summary>While in the pool: who held it last (their re-claim cooldown), since when, and why.</summary>
    public Guid? PreviousOwnerId { get; set; }
    public DateTimeOffset? PooledAt { get; set; }
    public string? PoolReason { get; set; }

    /// <summary>Set when the owner was warned: the business date it returns to the pool unless followed up.</summary>
    public DateOnly? PoolReturnOn { get; set; }
    public string? Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<Contact> Contacts { get; set; } = [];

    /// <summary>A new owner (assigned, claimed, handed over) starts a fresh pool period; the customer leaves the pool.</summary>
    public void TakeOver(Guid? owner, DateTimeOffset now)
    {
        OwnerId = owner;
        OwnerSince = owner is null ? null : now;
        PoolReturnOn = null;
        if (owner is not null) (PooledAt, PoolReason) = (null, null);
        UpdatedAt = now;
    }

    public GeoPoint? Location
    {
        get => Lat is { } lat && Lng is { } lng && CoordinateSystem is { } system
            ? new GeoPoint(lat, lng, system, WgsLat ?? lat, WgsLng ?? lng)
            : null;
        set
        {
            Lat = value?.Lat;
            Lng = value?.Lng;
            CoordinateSystem = value?.System;
            WgsLat = value?.WgsLat;
            WgsLng = value?.WgsLng;
        }
    }

    public sealed class Configuration : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> c)
        {
            c.Ignore(x => x.Location);
            c.Property(x => x.Code).HasMaxLength(32);
            c.HasIndex(x => x.Code).IsUnique();
            c.Property(x => x.Name).HasMaxLength(CustomerLimits.Name);
            c.Property(x => x.NameKey).HasMaxLength(CustomerLimits.Name);
            c.HasIndex(x => x.NameKey);
            c.Property(x => x.CreditCode).HasMaxLength(18);
            c.HasIndex(x => x.CreditCode).IsUnique(); // the last guard against two creates racing
            c.Property(x => x.Industry).HasMaxLength(CustomerLimits.Short);
            c.Property(x => x.Region).HasMaxLength(CustomerLimits.Short);
            c.Property(x => x.Address).HasMaxLength(CustomerLimits.Address);
            c.Property(x => x.Source).HasMaxLength(CustomerLimits.Short);
            c.Property(x => x.PoolReason).HasMaxLength(CustomerLimits.Short);
            c.Property(x => x.Level).HasConversion<string>().HasMaxLength(1);
            c.Property(x => x.CoordinateSystem).HasConversion<string>().HasMaxLength(8);
            c.Property(x => x.Version).IsConcurrencyToken();
            // An owner's customers in list order; with the id, a search walks them in the index alone and reads a
            // customer's row only when it matches (half the time of a sales rep's broad search).
            c.HasIndex(x => new { x.OwnerId, x.Code, x.Id });
            // A search's matches by id: whether each is in the user's scope and where it sorts, from the index alone,
            // so that a page of a few hundred matches reads only its own rows (a third of the time).
            c.HasIndex(x => new { x.Id, x.OwnerId, x.Code });
            // Reports: data completeness of the customers created in a period.
            c.HasIndex(x => x.CreatedAt);
            c.HasMany(x => x.Contacts).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

public static class CustomerLimits
{
    public const int Name = 100;
    public const int Short = 50;
    public const int Address = 200;
    public const int Aliases = 10;
    public const int Contacts = 50;
}

public static class CustomerTables
{
    extension(PipewrightDb db)
    {
        public DbSet<Customer> Customers => db.Set<Customer>();
        public DbSet<Contact> Contacts => db.Set<Contact>();
    }
}
