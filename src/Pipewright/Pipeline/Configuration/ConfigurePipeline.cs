using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Pipeline.Progress;

namespace Pipewright.Pipeline.Configuration;

public sealed class GetPipelineHandler(IDbContextFactory<PipewrightDb> dbFactory)
{
    public async Task<PipelineSpec> HandleAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (spec, version) = await DefaultPipeline.CurrentAsync(db, ct);
        return Numbered(spec) with { Version = version };
    }

    internal static PipelineSpec Numbered(PipelineSpec spec) =>
        spec with { Stages = [.. spec.Stages.Select((s, i) => s with { Order = i + 1 })] };
}

/// <summary>
/// PUT /pipeline (Admin): replaces the funnel after checking it hangs together. A stage that still holds open
/// deals cannot be removed (422: move them first); deals keep their completions under the requirement keys.
/// </summary>
public sealed class SavePipelineHandler(IDbContextFactory<PipewrightDb> dbFactory, OpportunityProgress progress, TimeProvider clock)
{
    private static readonly Strings L = new();

    public async Task<Outcome<PipelineSpec>> HandleAsync(PipelineSpec request, CurrentUser user, CancellationToken ct)
    {
        var spec = Normalised(request);
        if (Check(spec) is { Count: > 0 } errors) return Failure.Invalid(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await db.PipelineDefinitions.SingleOrDefaultAsync(p => p.Id == PipelineDefinition.SingletonId, ct);
        if ((request.Version ?? row?.Version ?? 0) != (row?.Version ?? 0)) return Failure.Concurrency();
        var keys = spec.Stages.Select(s => s.Key).ToList();
        var stranded = await db.Opportunities.Where(o => o.Status == OpportunityStatus.Open && !keys.Contains(o.StageKey))
            .GroupBy(o => o.StageKey).Select(g => new { Stage = g.Key, Count = g.Count() }).ToListAsync(ct);
        if (stranded.Count > 0)
        {
            var (current, _) = await DefaultPipeline.CurrentAsync(db, ct);
            var names = string.Join("、", stranded.Select(s => $"{current.Stage(s.Stage)?.Name ?? s.Stage} ({s.Count})"));
            return Failure.Rule("pipeline.stage.holdsDeals", names);
        }

        if (row is null) db.PipelineDefinitions.Add(row = new PipelineDefinition());
        row.Document = JsonSerializer.Serialize(spec with { Version = null }, PipelineRules.Json);
        row.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Failure.Concurrency();
        }
        await transaction.CommitAsync(ct);
        return GetPipelineHandler.Numbered(spec) with { Version = row.Version };
    }

    private static PipelineSpec Normalised(PipelineSpec spec) => spec with
    {
        LostReasons = [.. spec.LostReasons.Select(r => r.Trim()).Where(r => r.Length > 0)],
        Stages = [.. spec.Stages.Select(s => s with { Name = s.Name.Trim(), Requirements = [.. s.Requirements.Select(r => r with { Name = r.Name.Trim() })] })],
    };

    private Dictionary<string, string[]> Check(PipelineSpec spec)
    {
        var errors = Validation.Validate(spec);
        void Add(string path, string key, params object[] args) =>
            errors[path] = [.. errors.GetValueOrDefault(path) ?? [], L[key, args].Value];

        if (spec.Stages.Count < 2) Add("stages", "pipeline.stages.tooFew");
        if (spec.Stages.Count(s => s.IsWon) != 1 || spec.Stages.Count > 0 && !spec.Stages[^1].IsWon) Add("stages", "pipeline.stages.wonLast");
        if (spec.LostReasons.Count == 0) Add("lostReasons", "pipeline.lostReasons.missing");
        if (spec.LostReasons.Any(r => r.Length > OpportunityLimits.Short)) Add("lostReasons", "pipeline.lostReasons.tooLong", OpportunityLimits.Short);
        var requirementKeys = new HashSet<string>();
        for (var i = 0; i < spec.Stages.Count; i++)
        {
            var stage = spec.Stages[i];
            if (spec.Stages.FindIndex(s => s.Key == stage.Key) != i) Add($"stages[{i}].key", "pipeline.key.duplicate", stage.Key);
            if (stage.IsWon && stage.Exit.Any()) Add($"stages[{i}].requirements", "pipeline.won.noExit");
            if (i == 0 && stage.Entry.Any()) Add($"stages[{i}].requirements", "pipeline.first.noEntry");
            for (var j = 0; j < stage.Requirements.Count; j++)
            {
                var requirement = stage.Requirements[j];
                var path = $"stages[{i}].requirements[{j}]";
                if (!requirementKeys.Add(requirement.Key)) Add($"{path}.key", "pipeline.key.duplicate", requirement.Key);
                if (progress.KindOf(requirement.Kind) is not { } kind)
                {
                    Add($"{path}.kind", "requirement.kind.unknown", requirement.Kind, string.Join(", ", progress.KnownKinds));
                    continue;
                }
                foreach (var (member, key) in kind.CheckDefinition(requirement)) Add($"{path}.{member}", key);
            }
        }
        return errors;
    }
}
