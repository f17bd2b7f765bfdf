using Microsoft.EntityFrameworkCore;
using Pipewright.Catalog;
using Pipewright.Common.Data;

namespace Pipewright.Erp;

/// <summary>
/// Availability from the built-in stock table: what is on hand ships today (China date); the rest is produced at
/// the weekly capacity, a full week per batch, because works plan production by the week.
/// </summary>
public sealed class BuiltInErp(IDbContextFactory<PipewrightDb> dbs, TimeProvider clock) : IErpGateway
{
    public const string Source = "builtin";

    public async Task<Availability> GetAvailabilityAsync(string model, decimal quantity, DateOnly? needBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var key = Product.KeyOf(model);
        var stock = await db.StockLevels.AsNoTracking().FirstOrDefaultAsync(s => s.ModelKey == key, ct);
        if (stock is null) return new Availability(model, null, null, null, Source, now) { Reason = ErpReasons.UnknownModel };

        var earliest = EarliestDate(stock.OnHand, stock.WeeklyCapacity, quantity, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).DateTime));
        var canMeet = earliest is { } date && (needBy is not { } need || date <= need);
        return new Availability(model, stock.OnHand, earliest, canMeet, Source, stock.UpdatedAt);
    }

    /// <summary>Null when the quantity can never be made (no stock to cover it and no capacity).</summary>
    public static DateOnly? EarliestDate(decimal onHand, decimal weeklyCapacity, decimal quantity, DateOnly today)
    {
        var shortfall = quantity - Math.Max(onHand, 0);
        if (shortfall <= 0) return today;
        if (weeklyCapacity <= 0) return null;
        var weeks = (int)Math.Ceiling(shortfall / weeklyCapacity);
        return today.AddDays(7 * weeks);
    }
}
