using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Pipewright.Activities.Attachments;
using Pipewright.Catalog;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Geo;
using Pipewright.Customers;

namespace Pipewright.Activities.RecordActivity;

public sealed record RecordActivityRequest
{
    [Required(ErrorMessage = "validation.required")] public Guid? CustomerId { get; init; }
    public Guid? OpportunityId { get; init; }

    [Required(ErrorMessage = "validation.required"), AllowedValues("visit", "call", "email", "meeting", "note", ErrorMessage = "activity.kind.invalid")]
    public string Kind { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), MaxLength(ActivityLimits.Content, ErrorMessage = "validation.maxLength")]
    public string Content { get; init; } = "";

    /// <summary>When it happened; now when left out (a call logged right after hanging up).</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    [MaxLength(ActivityLimits.NextStep, ErrorMessage = "validation.maxLength")] public string? NextStep { get; init; }
    public DateOnly? NextDate { get; init; }
    public CheckInInput? CheckIn { get; init; }

    [MaxLength(AttachmentLimits.PerActivity, ErrorMessage = "validation.maxItems")] public List<Guid>? AttachmentIds { get; init; }
    [MaxLength(ActivityLimits.Contacts, ErrorMessage = "validation.maxItems")] public List<Guid>? ContactIds { get; init; }

    /// <summary>Models talked about, with quantities (a dictated note's draft fills them in).</summary>
    [MaxLength(ActivityLimits.Products, ErrorMessage = "validation.maxItems")] public List<ActivityProductInput>? Products { get; init; }

    /// <summary>Money figures named, in yuan.</summary>
    [MaxLength(ActivityLimits.Amounts, ErrorMessage = "validation.maxItems")] public List<decimal>? Amounts { get; init; }
}

public sealed record ActivityProductInput
{
    [Required(ErrorMessage = "validation.required")] public Guid? ProductId { get; init; }
    [Range(0.0, 1_000_000_000.0, ErrorMessage = "validation.range")] public decimal? Quantity { get; init; }
}

/// <summary>Where the phone was, as it said: browsers give WGS-84, map SDKs GCJ-02 or BD-09.</summary>
public sealed record CheckInInput
{
    [Range(-90.0, 90.0, ErrorMessage = "validation.range")] public double Lat { get; init; }
    [Range(-180.0, 180.0, ErrorMessage = "validation.range")] public double Lng { get; init; }
    [Range(0.0, 100_000.0, ErrorMessage = "validation.range")] public double? Accuracy { get; init; }

    [Required(ErrorMessage = "validation.required"), AllowedValues("wgs84", "gcj02", "bd09", ErrorMessage = "validation.coordinateSystem")]
    public string System { get; init; } = "wgs84";
}

/// <summary>
/// Records a follow-up by the caller on a customer they may see, links its files, and lets the modules above
/// (leads' first response, the pipeline's evidence) react inside the same transaction.
/// </summary>
public sealed class RecordActivityHandler(
    IDbContextFactory<PipewrightDb> dbFactory, IEnumerable<IActivityObserver> observers, TimeProvider clock)
{
    /// <summary>Phones' clocks run a little ahead; a follow-up "in the future" beyond this is a mistake.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<Outcome<ActivityDto>> HandleAsync(RecordActivityRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var customerId = await db.Customers.VisibleTo(user).Where(c => c.Id == request.CustomerId).Select(c => (Guid?)c.Id)
            .SingleOrDefaultAsync(ct);
        if (customerId is null) return Failure.Invalid("customerId", "activity.customer.unknown");

        var now = clock.GetUtcNow();
        var occurredAt = (request.OccurredAt ?? now).ToUniversalTime();
        if (occurredAt > now + ClockSkew) return Failure.Invalid("occurredAt", "activity.occurredAt.future");
        var occurredOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(occurredAt, ChinaTime.Zone).DateTime);
        if (request.NextDate < occurredOn) return Failure.Invalid("nextDate", "activity.nextDate.beforeOccurred");
        var kind = Enum.Parse<ActivityKind>(request.Kind, ignoreCase: true);
        // A check-in says "I was there": only a visit has a there.
        if (request.CheckIn is not null && kind != ActivityKind.Visit) return Failure.Invalid("checkIn", "activity.checkIn.visitOnly");
        if (request.OpportunityId is { } opportunityId && !await OpportunityOfAsync(db, opportunityId, customerId.Value, ct))
            return Failure.Invalid("opportunityId", "activity.opportunity.unknown");

        var contactIds = request.ContactIds?.Distinct().ToList() ?? [];
        if (contactIds.Count > 0
            && await db.Contacts.CountAsync(c => c.CustomerId == customerId && contactIds.Contains(c.Id), ct) != contactIds.Count)
            return Failure.Invalid("contactIds", "activity.contact.unknown");

        var productIds = request.Products?.Select(p => p.ProductId!.Value).Distinct().ToList() ?? [];
        var models = productIds.Count == 0 ? []
            : await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Model, ct);
        if (models.Count != productIds.Count) return Failure.Invalid("products", "activity.product.unknown");
        if (request.Amounts?.Any(a => a is <= 0 or > ActivityLimits.AmountYuan) == true) return Failure.Invalid("amounts", "activity.amount.invalid");

        var attachmentIds = request.AttachmentIds?.Distinct().ToList() ?? [];
        var attachments = attachmentIds.Count == 0 ? []
            : await db.Attachments.Where(a => attachmentIds.Contains(a.Id) && a.UploadedById == user.Id && a.ActivityId == null).ToListAsync(ct);
        if (attachments.Count != attachmentIds.Count) return Failure.Invalid("attachmentIds", "activity.attachment.unavailable");

        var activity = new Activity
        {
            CustomerId = customerId.Value,
            OpportunityId = request.OpportunityId,
            Kind = kind,
            Content = request.Content.Trim(),
            OccurredAt = occurredAt,
            NextStep = string.IsNullOrWhiteSpace(request.NextStep) ? null : request.NextStep.Trim(),
            NextDate = request.NextDate,
            AuthorId = user.Id,
            ContactIds = contactIds,
            Products = request.Products?.DistinctBy(p => p.ProductId)
                .Select(p => new ActivityProduct { ProductId = p.ProductId!.Value, Model = models[p.ProductId!.Value], Quantity = p.Quantity }).ToList() ?? [],
            Amounts = request.Amounts?.Select(a => new ActivityAmount { Value = Money.FromYuan(a) }).ToList() ?? [],
            CreatedAt = now,
        };
        if (request.CheckIn is { } checkIn)
        {
            var point = GeoPoint.From(checkIn.Lat, checkIn.Lng, Enum.Parse<CoordinateSystem>(checkIn.System, ignoreCase: true));
            (activity.CheckInLat, activity.CheckInLng, activity.CheckInSystem) = (point.Lat, point.Lng, point.System);
            (activity.CheckInWgsLat, activity.CheckInWgsLng, activity.CheckInAccuracy) = (point.WgsLat, point.WgsLng, checkIn.Accuracy);
        }
        foreach (var attachment in attachments) (attachment.ActivityId, attachment.CustomerId) = (activity.Id, activity.CustomerId);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Activities.Add(activity);
        foreach (var observer in observers) await observer.OnRecordedAsync(db, activity, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another follow-up took one of the files between our check and our save (ActivityId is a concurrency token).
            return Failure.Invalid("attachmentIds", "activity.attachment.unavailable");
        }
        await transaction.CommitAsync(ct);
        return (await db.ToDtosAsync([activity], ct)).Single();
    }

    /// <summary>
    /// Whether the deal belongs to the customer. Pipeline sits on the same layer as Activities, so its type is out
    /// of reach: its table and columns are looked up in the model by name, the one place Activities knows them.
    /// </summary>
    private static async Task<bool> OpportunityOfAsync(PipewrightDb db, Guid opportunityId, Guid customerId, CancellationToken ct)
    {
        var entity = db.Model.GetEntityTypes().Single(e => e.ClrType.Name == "Opportunity");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var id = entity.FindProperty("Id")!.GetColumnName(table);
        var customer = entity.FindProperty("CustomerId")!.GetColumnName(table);
#pragma warning disable EF1002 // identifiers come from the model, the values are parameters
        var owners = await db.Database
            .SqlQueryRaw<Guid>($$"""SELECT "{{customer}}" AS "Value" FROM "{{table.Name}}" WHERE "{{id}}" = {0}""", opportunityId)
            .ToListAsync(ct);
#pragma warning restore EF1002
        return owners.Count == 1 && owners[0] == customerId;
    }
}
