using Microsoft.EntityFrameworkCore;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Catalog.SaveProduct;

public sealed record CreateProductRequest : ProductFields;

public sealed record UpdateProductRequest : ProductFields
{
    /// <summary>The version the editor started from; a save over a newer version is refused.</summary>
    public int Version { get; init; }
}

/// <summary>Creates, changes, withdraws and restores catalog products; the API, the catalog page and the import share it.</summary>
public sealed class SaveProductHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public async Task<Outcome<ProductDto>> CreateAsync(CreateProductRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!CatalogAccess.MayEdit(user)) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var key = Product.KeyOf(request.Model);
        if (await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.ModelKey == key, ct) is { } existing)
            return ProductMapping.Duplicate(existing);

        var now = clock.GetUtcNow();
        var product = new Product { CreatedAt = now, UpdatedAt = now };
        db.Products.Add(product);
        Apply(db, product, request);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone created the same model between our check and the insert: the unique index said no.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            if (await again.Products.AsNoTracking().FirstOrDefaultAsync(p => p.ModelKey == key, ct) is { } raced)
                return ProductMapping.Duplicate(raced);
            throw;
        }
        return product.ToDto(user);
    }

    public async Task<Outcome<ProductDto>> UpdateAsync(Guid id, UpdateProductRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!CatalogAccess.MayEdit(user)) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var product = await db.Products.Include(p => p.Options).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return Failure.NotFound();
        if (product.Version != request.Version) return Failure.Concurrency();
        var key = Product.KeyOf(request.Model);
        if (key != product.ModelKey
            && await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.ModelKey == key, ct) is { } existing)
            return ProductMapping.Duplicate(existing);

        Apply(db, product, request);
        product.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Concurrency();
        }
        catch (DbUpdateException)
        {
            // Another edit took this model between our check and the save.
            return Failure.Concurrency();
        }
        return product.ToDto(user);
    }

    /// <summary>Withdraws a model from quoting (false) or brings it back (true); old quotes keep pointing at it.</summary>
    public async Task<Outcome<ProductDto>> SetActiveAsync(Guid id, bool active, CurrentUser user, CancellationToken ct)
    {
        if (!CatalogAccess.MayEdit(user)) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var product = await db.Products.Include(p => p.Options).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return Failure.NotFound();
        if (product.IsActive != active)
        {
            product.IsActive = active;
            product.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return product.ToDto(user);
    }

    /// <summary>
    /// Copies the fields onto a product. Options are matched by group and value: a kept option keeps its id (quotes
    /// may name it) and only its deltas change; options not listed any more are removed. A null option list on an
    /// update leaves the options as they are.
    /// </summary>
    internal static void Apply(PipewrightDb db, Product product, ProductFields fields)
    {
        product.Model = fields.Model.Trim();
        product.ModelKey = Product.KeyOf(fields.Model);
        product.Name = fields.Name.Trim();
        product.Category = fields.Category.Trim();
        product.Unit = fields.Unit.Trim();
        product.ListPrice = Money.FromYuan(fields.ListPrice);
        product.UnitCost = fields.UnitCost is { } cost ? Money.FromYuan(cost) : null;
        product.FloorPrice = fields.FloorPrice is { } floor ? Money.FromYuan(floor) : null;
        if (fields.Options is not { } options) return;

        var wanted = options.ToDictionary(o => (o.Group.Trim(), o.Value.Trim()));
        product.Options.RemoveAll(o => !wanted.ContainsKey((o.Group, o.Value)));
        foreach (var ((group, value), input) in wanted)
        {
            var option = product.Options.FirstOrDefault(o => o.Group == group && o.Value == value);
            if (option is null)
            {
                option = new ProductOption { ProductId = product.Id, Group = group, Value = value };
                product.Options.Add(option);
                // Its key is already set: DetectChanges would take it for an existing row of a tracked product.
                db.ProductOptions.Add(option);
            }
            option.PriceDelta = Money.FromYuan(input.PriceDelta);
            option.CostDelta = Money.FromYuan(input.CostDelta);
        }
    }
}
