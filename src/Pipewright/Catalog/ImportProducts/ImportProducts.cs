using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Pipewright.Catalog.SaveProduct;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;

namespace Pipewright.Catalog.ImportProducts;

/// <summary>What a catalog import did: rows with problems were skipped, every other row was written.</summary>
public sealed record ProductImportResult(int Created, int Updated, int Options, IReadOnlyList<SheetProblem> Errors);

/// <summary>
/// Imports the catalog from xlsx, upserting by model key. Sheet 产品 (or the first sheet) has one model a row;
/// an optional sheet 选项 lists standard options, one a row (型号, 选项组, 选项值, 加价, 加成本), added to or
/// updated on the model; options not listed are left alone, so a price-list update never drops an option
/// quotes may name. Rows are read streaming and written in batches.
/// </summary>
public sealed class ImportProductsHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public const string ProductSheet = "产品";
    public const string OptionSheet = "选项";
    private const int BatchSize = 200;
    private const int ListedErrors = 500;
    private static readonly Strings L = new();

    public static readonly string[] ModelHeaders = ["型号", "model"];
    private static readonly string[] NameHeaders = ["名称", "name"];
    private static readonly string[] CategoryHeaders = ["类别", "category"];
    private static readonly string[] UnitHeaders = ["单位", "unit"];
    private static readonly string[] ListPriceHeaders = ["目录价", "listPrice"];
    private static readonly string[] CostHeaders = ["单位成本", "unitCost"];
    private static readonly string[] FloorHeaders = ["最低价", "floorPrice"];
    private static readonly string[] GroupHeaders = ["选项组", "group"];
    private static readonly string[] ValueHeaders = ["选项值", "value"];
    private static readonly string[] PriceDeltaHeaders = ["加价", "priceDelta"];
    private static readonly string[] CostDeltaHeaders = ["加成本", "costDelta"];

    public async Task<Outcome<ProductImportResult>> HandleAsync(Stream file, CurrentUser user, CancellationToken ct)
    {
        if (!CatalogAccess.MayEdit(user)) return Failure.Forbidden();
        await using var xlsx = await SheetRows.SeekableAsync(file, ct);
        if (!SheetRows.LooksLikeXlsx(xlsx)) return Failure.Invalid("file", "products.import.notXlsx");

        var errors = new List<SheetProblem>();
        var (created, updated, options) = (0, 0, 0);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var seen = new Dictionary<string, int>();
        try
        {
            var names = SheetRows.SheetNames(xlsx);
            var batch = new List<(int Row, CreateProductRequest Fields)>();
            foreach (var (row, cells) in SheetRows.Read(xlsx, names.Contains(ProductSheet) ? ProductSheet : null))
            {
                if (ReadProduct(row, cells, errors) is not { } fields) continue;
                var key = Product.KeyOf(fields.Model);
                if (seen.TryGetValue(key, out var first))
                {
                    errors.Add(new SheetProblem(row, ModelHeaders[0], L["products.import.twice", first]));
                    continue;
                }
                seen[key] = row;
                batch.Add((row, fields));
                if (batch.Count < BatchSize) continue;
                var (c, u) = await WriteProductsAsync(db, batch, ct);
                (created, updated) = (created + c, updated + u);
                batch.Clear();
            }
            var (lastCreated, lastUpdated) = await WriteProductsAsync(db, batch, ct);
            (created, updated) = (created + lastCreated, updated + lastUpdated);

            if (names.Contains(OptionSheet)) options = await ImportOptionsAsync(db, xlsx, errors, ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException)
        {
            return Failure.Invalid("file", "products.import.unreadable");
        }
        return new ProductImportResult(created, updated, options, errors.Take(ListedErrors).ToList());
    }

    private static CreateProductRequest? ReadProduct(int row, IReadOnlyDictionary<string, object?> cells, List<SheetProblem> errors)
    {
        var numbers = new Dictionary<string, decimal?>();
        foreach (var headers in new[] { ListPriceHeaders, CostHeaders, FloorHeaders })
        {
            if (!SheetRows.TryNumber(cells, out var number, headers))
            {
                errors.Add(new SheetProblem(row, headers[0], L["products.import.notNumber", headers[0]]));
                return null;
            }
            numbers[headers[0]] = number;
        }
        var fields = new CreateProductRequest
        {
            Model = SheetRows.Text(cells, ModelHeaders) ?? "",
            Name = SheetRows.Text(cells, NameHeaders) ?? "",
            Category = SheetRows.Text(cells, CategoryHeaders) ?? "",
            Unit = SheetRows.Text(cells, UnitHeaders) ?? "台",
            ListPrice = numbers[ListPriceHeaders[0]] ?? 0,
            UnitCost = numbers[CostHeaders[0]],
            FloorPrice = numbers[FloorHeaders[0]],
        };
        var invalid = Validation.Validate(fields);
        if (invalid.Count == 0) return fields;
        foreach (var (field, messages) in invalid)
            errors.Add(new SheetProblem(row, HeaderOf(field), string.Join(" ", messages)));
        return null;
    }

    private static string? HeaderOf(string field) => field switch
    {
        "model" => ModelHeaders[0],
        "name" => NameHeaders[0],
        "category" => CategoryHeaders[0],
        "unit" => UnitHeaders[0],
        "listPrice" => ListPriceHeaders[0],
        "unitCost" => CostHeaders[0],
        "floorPrice" => FloorHeaders[0],
        _ => null,
    };

    private async Task<(int Created, int Updated)> WriteProductsAsync(PipewrightDb db, List<(int Row, CreateProductRequest Fields)> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return (0, 0);
        var keys = batch.Select(b => Product.KeyOf(b.Fields.Model)).ToList();
        var existing = await db.Products.Include(p => p.Options).Where(p => keys.Contains(p.ModelKey)).ToDictionaryAsync(p => p.ModelKey, ct);
        var now = clock.GetUtcNow();
        var (created, updated) = (0, 0);
        foreach (var (_, fields) in batch)
        {
            if (existing.TryGetValue(Product.KeyOf(fields.Model), out var product))
            {
                SaveProductHandler.Apply(db, product, fields);
                product.UpdatedAt = now;
                updated++;
            }
            else
            {
                product = new Product { CreatedAt = now, UpdatedAt = now };
                db.Products.Add(product);
                SaveProductHandler.Apply(db, product, fields);
                created++;
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (created, updated);
    }

    private async Task<int> ImportOptionsAsync(PipewrightDb db, Stream xlsx, List<SheetProblem> errors, CancellationToken ct)
    {
        var count = 0;
        var rows = new List<(int Row, string Key, ProductOptionInput Option)>();
        foreach (var (row, cells) in SheetRows.Read(xlsx, OptionSheet))
        {
            if (!SheetRows.TryNumber(cells, out var price, PriceDeltaHeaders) || !SheetRows.TryNumber(cells, out var cost, CostDeltaHeaders))
            {
                errors.Add(new SheetProblem(row, PriceDeltaHeaders[0], L["products.import.notNumber", PriceDeltaHeaders[0]]));
                continue;
            }
            var model = SheetRows.Text(cells, ModelHeaders);
            var option = new ProductOptionInput
            {
                Group = SheetRows.Text(cells, GroupHeaders) ?? "", Value = SheetRows.Text(cells, ValueHeaders) ?? "",
                PriceDelta = price ?? 0, CostDelta = cost ?? 0,
            };
            var invalid = Validation.Validate(option);
            if (model is null || invalid.Count > 0)
            {
                errors.Add(new SheetProblem(row, model is null ? ModelHeaders[0] : null,
                    model is null ? L["products.import.modelRequired"] : string.Join(" ", invalid.SelectMany(i => i.Value))));
                continue;
            }
            rows.Add((row, Product.KeyOf(model), option));
            if (rows.Count < BatchSize) continue;
            count += await WriteOptionsAsync(db, rows, errors, ct);
            rows.Clear();
        }
        return count + await WriteOptionsAsync(db, rows, errors, ct);
    }

    private async Task<int> WriteOptionsAsync(PipewrightDb db, List<(int Row, string Key, ProductOptionInput Option)> rows,
        List<SheetProblem> errors, CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        var keys = rows.Select(r => r.Key).Distinct().ToList();
        var products = await db.Products.Include(p => p.Options).Where(p => keys.Contains(p.ModelKey)).ToDictionaryAsync(p => p.ModelKey, ct);
        var count = 0;
        foreach (var (row, key, input) in rows)
        {
            if (!products.TryGetValue(key, out var product))
            {
                errors.Add(new SheetProblem(row, ModelHeaders[0], L["products.import.unknownModel"]));
                continue;
            }
            var (group, value) = (input.Group.Trim(), input.Value.Trim());
            var option = product.Options.FirstOrDefault(o => o.Group == group && o.Value == value);
            if (option is null)
            {
                option = new ProductOption { ProductId = product.Id, Group = group, Value = value };
                product.Options.Add(option);
                db.ProductOptions.Add(option);
            }
            option.PriceDelta = Money.FromYuan(input.PriceDelta);
            option.CostDelta = Money.FromYuan(input.CostDelta);
            product.UpdatedAt = clock.GetUtcNow();
            count++;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return count;
    }

    /// <summary>The template: both sheets with their Chinese headers and one example each.</summary>
    public static byte[] Template()
    {
        var sheets = new Dictionary<string, object>
        {
            [ProductSheet] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["型号"] = "Z41H-16C DN100", ["名称"] = "法兰闸阀", ["类别"] = "闸阀", ["单位"] = "台",
                    ["目录价"] = 1680m, ["单位成本"] = 1090m, ["最低价"] = 1420m,
                },
            },
            [OptionSheet] = new[]
            {
                new Dictionary<string, object?> { ["型号"] = "Z41H-16C DN100", ["选项组"] = "材质", ["选项值"] = "CF8 不锈钢", ["加价"] = 620m, ["加成本"] = 410m },
            },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }
}
