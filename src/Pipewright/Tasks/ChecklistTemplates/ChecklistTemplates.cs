using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Tasks.ChecklistTemplates;

public sealed record SaveChecklistRequest
{
    [Required(ErrorMessage = "validation.required"), MinLength(1, ErrorMessage = "tasks.checklist.empty"),
     MaxLength(TechTaskLimits.ChecklistItems, ErrorMessage = "validation.maxItems")]
    public List<string> Items { get; init; } = [];
}

/// <summary>A category's template; <see cref="IsDefault"/> while nobody has edited the built-in one.</summary>
public sealed record ChecklistDto(string Category, IReadOnlyList<string> Items, bool IsDefault);

public sealed class ChecklistTemplatesHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public async Task<List<ChecklistDto>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var saved = await db.ChecklistTemplates.AsNoTracking().ToDictionaryAsync(c => c.Category, c => c.Items, ct);
        return ChecklistDefaults.Templates.Keys.Union(saved.Keys).Order(StringComparer.Ordinal)
            .Select(category => saved.TryGetValue(category, out var items)
                ? new ChecklistDto(category, items, false)
                : new ChecklistDto(category, ChecklistDefaults.Templates[category], true))
            .ToList();
    }

    /// <summary>Admin only (the endpoint says so). New requests take the new items; open ones keep their snapshot.</summary>
    public async Task<Outcome<ChecklistDto>> SaveAsync(string category, SaveChecklistRequest request, CurrentUser user, CancellationToken ct)
    {
        category = category.Trim();
        if (category.Length is 0 or > TechTaskLimits.Category) return Failure.Invalid("category", "tasks.checklist.category");
        var items = request.Items.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().ToList();
        if (items.Count == 0) return Failure.Invalid("items", "tasks.checklist.empty");
        if (items.FirstOrDefault(i => i.Length > TechTaskLimits.ChecklistItem) is { } tooLong)
            return Failure.Invalid("items", "tasks.checklist.itemTooLong", tooLong, TechTaskLimits.ChecklistItem);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var template = await db.ChecklistTemplates.SingleOrDefaultAsync(c => c.Category == category, ct);
        if (template is null) db.ChecklistTemplates.Add(template = new ChecklistTemplate { Category = category });
        template.Items = items;
        template.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Failure.Concurrency();
        }
        return new ChecklistDto(category, items, false);
    }
}
