using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Pipewright.Catalog;
using Pipewright.Catalog.ListProducts;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;

namespace Pipewright.Erp.StockLevels;

public sealed record ListStockRequest : PagedQuery
{
    [MaxLength(100, ErrorMessage = "validation.maxLength")] public string? Search { get; init; }
}

/// <summary>A catalog model with what the built-in ERP knows of it (null: nothing recorded yet).</summary>
public sealed record StockRow(string Model, string Name, string Category, string Unit, decimal? OnHand, decimal? WeeklyCapacity, DateTimeOffset? UpdatedAt);

public sealed record SetStockRequest
{
    [Required(ErrorMessage = "validation.required"), Range(typeof(decimal), "0", "100000000", ErrorMessage = "stock.validation.notNegative")]
    public decimal? OnHand { get; init; }

    [Required(ErrorMessage = "validation.required"), Range(typeof(decimal), "0", "100000000", ErrorMessage = "stock.validation.notNegative")]
    public decimal? WeeklyCapacity { get; init; }
}

public sealed record StockImportResult(int Updated, IReadOnlyList<SheetProblem> Errors);

/// <summary>
/// The built-in ERP's stock table: listed beside the catalog, edited by hand or imported from the works' sheet
/// (型号, 库存, 周产能). The people who keep the catalog keep it (<see cref="CatalogAccess.MayEdit"/>); everyone reads it.
/// Only catalog models are accepted: a typo in a model must not become a phantom line nobody can quote.
/// </summary>
public sealed class StockLevelsHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    private const int BatchSize = 200;
    private static readonly Strings L = new();
    private static readonly string[] ModelHeaders = ["型号", "model"];
    private static readonly string[] OnHandHeaders = ["库存", "onHand"];
    private static readonly string[] CapacityHeaders = ["周产能", "weeklyCapacity"];

    public async Task<Paged<StockRow>> ListAsync(ListStockRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var products = db.Products.AsNoTracking().Where(p => p.IsActive);
        if (!string.IsNullOrWhiteSpace(request.Search)) products = products.Matching(request.Search);
        var rows = from p in products
                   join s in db.StockLevels.AsNoTracking() on p.ModelKey equals s.ModelKey into levels
                   from s in levels.DefaultIfEmpty()
                   orderby p.Category, p.ModelKey
                   select new StockRow(p.Model, p.Name, p.Category, p.Unit,
                       s == null ? null : s.OnHand, s == null ? null : s.WeeklyCapacity, s == null ? null : s.UpdatedAt);
        return await rows.ToPageAsync(request, ct);
    }

    public async Task<Outcome<StockRow>> SetAsync(string model, SetStockRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!CatalogAccess.MayEdit(user)) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var key = Product.KeyOf(model);
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.ModelKey == key, ct);
        if (product is null) return Failure.NotFound();
        var level = await db.StockLevels.SingleOrDefaultAsync(s => s.ModelKey == key, ct);
        if (level is null) db.StockLevels.Add(level = new StockLevel { ModelKey = key });
        level.OnHand = request.OnHand!.Value;
        level.WeeklyCapacity = request.WeeklyCapacity!.Value;
        level.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first entries for one model at once: the unique index kept one, this save is the late one.
            return Failure.Concurrency();
        }
        return new StockRow(product.Model, product.Name, product.Category, product.Unit, level.OnHand, level.WeeklyCapacity, level.UpdatedAt);
    }

    public async Task<Outcome<StockImportResult>> ImportAsync(Stream file, CurrentUser user, CancellationToken ct)
    {
        if (!CatalogAccess.MayEdit(user)) return Failure.Forbidden();
        await using var xlsx = await SheetRows.SeekableAsync(file, ct);
        if (!SheetRows.LooksLikeXlsx(xlsx)) return Failure.Invalid("file", "stock.import.notXlsx");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var errors = new List<SheetProblem>();
        var updated = 0;
        try
        {
            var batch = new List<(int Row, string Key, decimal OnHand, decimal Capacity)>();
            foreach (var (row, cells) in SheetRows.Read(xlsx, null))
            {
                if (Read(row, cells, errors) is not { } read) continue;
                batch.Add((row, read.Key, read.OnHand, read.Capacity));
                if (batch.Count < BatchSize) continue;
                updated += await WriteAsync(db, batch, errors, ct);
                batch.Clear();
            }
            updated += await WriteAsync(db, batch, errors, ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException)
        {
            return Failure.Invalid("file", "stock.import.unreadable");
        }
        return new StockImportResult(updated, errors.Take(500).ToList());
    }

    private static (string Key, decimal OnHand, decimal Capacity)? Read(int row, IReadOnlyDictionary<string, object?> cells, List<SheetProblem> errors)
    {
        var model = SheetRows.Text(cells, ModelHeaders);
        if (model is null)
        {
            errors.Add(new SheetProblem(row, ModelHeaders[0], L["stock.import.modelRequired"]));
            return null;
        }
        if (!SheetRows.TryNumber(cells, out var onHand, OnHandHeaders) || onHand is not >= 0)
        {
            errors.Add(new SheetProblem(row, OnHandHeaders[0], L["stock.import.badNumber", OnHandHeaders[0]]));
            return null;
        }
        if (!SheetRows.TryNumber(cells, out var capacity, CapacityHeaders) || capacity is < 0)
        {
            errors.Add(new SheetProblem(row, CapacityHeaders[0], L["stock.import.badNumber", CapacityHeaders[0]]));
            return null;
        }
        return (Product.KeyOf(model), onHand.Value, capacity ?? 0);
    }

    private async Task<int> WriteAsync(PipewrightDb db, List<(int Row, string Key, decimal OnHand, decimal Capacity)> batch,
        List<SheetProblem> errors, CancellationToken ct)
    {
        if (batch.Count == 0) return 0;
        var keys = batch.Select(b => b.Key).Distinct().ToList();
        var known = await db.Products.Where(p => keys.Contains(p.ModelKey)).Select(p => p.ModelKey).ToHashSetAsync(ct);
        var levels = await db.StockLevels.Where(s => keys.Contains(s.ModelKey)).ToDictionaryAsync(s => s.ModelKey, ct);
        var now = clock.GetUtcNow();
        var count = 0;
        foreach (var (row, key, onHand, capacity) in batch)
        {
            if (!known.Contains(key))
            {
                errors.Add(new SheetProblem(row, ModelHeaders[0], L["stock.import.unknownModel"]));
                continue;
            }
            if (!levels.TryGetValue(key, out var level)) db.StockLevels.Add(levels[key] = level = new StockLevel { ModelKey = key });
            (level.OnHand, level.WeeklyCapacity, level.UpdatedAt) = (onHand, capacity, now);
            count++;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return count;
    }

    public static byte[] Template()
    {
        var rows = new[] { new Dictionary<string, object?> { ["型号"] = "Z41H-16C DN100", ["库存"] = 12m, ["周产能"] = 40m } };
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "库存产能");
        return stream.ToArray();
    }
}
