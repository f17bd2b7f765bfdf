using Microsoft.EntityFrameworkCore;
using Pipewright.Activities.Attachments;
using Pipewright.Common.Data;
using Pipewright.Common.Geo;
using Pipewright.Customers;

namespace Pipewright.Activities;

public sealed record ActivityDto(
    Guid Id, Guid CustomerId, Guid? OpportunityId, string Kind, string Content, DateTimeOffset OccurredAt,
    string? NextStep, DateOnly? NextDate, DateTimeOffset? NextStepDoneAt, Guid AuthorId, string? AuthorName,
    IReadOnlyList<ActivityContactDto> Contacts, CheckInDto? CheckIn, IReadOnlyList<AttachmentDto> Attachments,
    DateTimeOffset CreatedAt, IReadOnlyList<ActivityProductDto> Products, IReadOnlyList<decimal> Amounts);

public sealed record ActivityProductDto(Guid ProductId, string Model, decimal? Quantity);

public sealed record ActivityContactDto(Guid Id, string Name);

/// <summary>The check-in as read (system, accuracy), its WGS-84 value, and how far it was from the customer's recorded location.</summary>
public sealed record CheckInDto(double Lat, double Lng, double? Accuracy, string System, double WgsLat, double WgsLng, double? DistanceMeters);

public static class ActivityViews
{
    public static string KindName(this ActivityKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>
    /// Completes a page of follow-ups with author names, contact names, files and the distance from each check-in
    /// to its customer: one query each for the whole page.
    /// </summary>
    public static async Task<List<ActivityDto>> ToDtosAsync(this PipewrightDb db, IReadOnlyList<Activity> activities, CancellationToken ct)
    {
        var ids = activities.Select(a => a.Id).ToList();
        var authorIds = activities.Select(a => a.AuthorId).Distinct().ToList();
        var contactIds = activities.SelectMany(a => a.ContactIds).Distinct().ToList();
        var customerIds = activities.Where(a => a.CheckInWgsLat is not null).Select(a => a.CustomerId).Distinct().ToList();
        var authors = await db.Users.Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var contacts = contactIds.Count == 0 ? []
            : await db.Contacts.Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var places = customerIds.Count == 0 ? []
            : await db.Customers.Where(c => customerIds.Contains(c.Id) && c.WgsLat != null && c.WgsLng != null)
                .ToDictionaryAsync(c => c.Id, c => (Lat: c.WgsLat!.Value, Lng: c.WgsLng!.Value), ct);
        var files = (await db.Attachments.AsNoTracking().Where(a => a.ActivityId != null && ids.Contains(a.ActivityId.Value))
                .ToListAsync(ct))
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .ToLookup(a => a.ActivityId!.Value);

        return activities.Select(a => new ActivityDto(
            a.Id, a.CustomerId, a.OpportunityId, a.Kind.KindName(), a.Content, a.OccurredAt, a.NextStep, a.NextDate, a.NextStepDoneAt,
            a.AuthorId, authors.GetValueOrDefault(a.AuthorId),
            a.ContactIds.Where(contacts.ContainsKey).Select(c => new ActivityContactDto(c, contacts[c])).ToList(),
            CheckIn(a, places.TryGetValue(a.CustomerId, out var place) ? place : null),
            files[a.Id].Select(f => f.ToDto()).ToList(),
            a.CreatedAt,
            a.Products.Select(p => new ActivityProductDto(p.ProductId, p.Model, p.Quantity)).ToList(),
            a.Amounts.Select(m => m.Value.Yuan).ToList())).ToList();
    }

    private static CheckInDto? CheckIn(Activity a, (double Lat, double Lng)? customer) =>
        a is { CheckInLat: { } lat, CheckInLng: { } lng, CheckInSystem: { } system, CheckInWgsLat: { } wLat, CheckInWgsLng: { } wLng }
            ? new CheckInDto(lat, lng, a.CheckInAccuracy, system.ToString().ToLowerInvariant(), wLat, wLng,
                customer is { } c ? Math.Round(Coordinates.DistanceMeters(wLat, wLng, c.Lat, c.Lng)) : null)
            : null;
}
