using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;
using Pipewright.Common.Geo;

namespace Pipewright.Activities;

public enum ActivityKind { Visit, Call, Email, Meeting, Note }

/// <summary>A follow-up (跟进记录) with a customer: what happened, the next step and, for a visit, where the rep checked in.</summary>
public sealed class Activity : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }
    public Guid? OpportunityId { get; set; }
    public ActivityKind Kind { get; set; }
    public string Content { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public string? NextStep { get; set; }
    public DateOnly? NextDate { get; set; }

    /// <summary>When a later follow-up on the customer took care of the next step (it leaves the due list).</summary>
    public DateTimeOffset? NextStepDoneAt { get; set; }

    /// <summary>Who followed up: the first-response time and the pool's "days without a follow-up" count their own.</summary>
    public Guid AuthorId { get; set; }
    public List<Guid> ContactIds { get; set; } = [];

    /// <summary>Models talked about, with the quantity the customer named (a dictated note fills them in).</summary>
    public List<ActivityProduct> Products { get; set; } = [];

    /// <summary>Money figures named in the follow-up (budget, price, contract value), as said; nothing sums them.</summary>
    public List<ActivityAmount> Amounts { get; set; } = [];

    /// <summary>The raw check-in reading as the phone gave it, with WGS-84 kept as the canonical value.</summary>
    public double? CheckInLat { get; set; }
    public double? CheckInLng { get; set; }
    public double? CheckInAccuracy { get; set; }
    public CoordinateSystem? CheckInSystem { get; set; }
    public double? CheckInWgsLat { get; set; }
    public double? CheckInWgsLng { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    (string Type, Guid Id) IAudited.AuditRoot => ("Customer", CustomerId);

    public sealed class Configuration : IEntityTypeConfiguration<Activity>
    {
        public void Configure(EntityTypeBuilder<Activity> a)
        {
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(8);
            a.Property(x => x.Content).HasMaxLength(ActivityLimits.Content);
            a.Property(x => x.NextStep).HasMaxLength(ActivityLimits.NextStep);
            a.Property(x => x.CheckInSystem).HasConversion<string>().HasMaxLength(8);
            a.HasIndex(x => new { x.CustomerId, x.OccurredAt });
            a.HasIndex(x => new { x.AuthorId, x.OccurredAt });
            a.HasIndex(x => x.OpportunityId);
            a.HasIndex(x => new { x.CustomerId, x.NextStepDoneAt, x.NextDate });
            a.OwnsMany(x => x.Products, p => p.ToJson());
            a.OwnsMany(x => x.Amounts, m => m.ToJson());
        }
    }
}

/// <summary>A catalog model named in a follow-up; the model is kept as it was, should the catalog change.</summary>
public sealed class ActivityProduct
{
    public Guid ProductId { get; set; }
    public string Model { get; set; } = "";
    public decimal? Quantity { get; set; }
}

public sealed class ActivityAmount
{
    public Common.Money Value { get; set; }
}

public static class ActivityLimits
{
    public const int Products = 20;
    public const int Amounts = 10;

    /// <summary>The largest money figure a follow-up takes, in yuan (1000 亿): beyond it a figure is a slip of the keyboard.</summary>
    public const decimal AmountYuan = 100_000_000_000m;
    public const int Content = 4000;
    public const int NextStep = 200;
    public const int Contacts = 20;
}

/// <summary>
/// Modules above Activities react to a follow-up inside its transaction (a lead's first response, a stage's
/// visit requirement) without Activities knowing them.
/// </summary>
public interface IActivityObserver
{
    Task OnRecordedAsync(PipewrightDb db, Activity activity, CancellationToken ct);
}

public static class ActivityTables
{
    extension(PipewrightDb db)
    {
        public DbSet<Activity> Activities => db.Set<Activity>();
    }
}
