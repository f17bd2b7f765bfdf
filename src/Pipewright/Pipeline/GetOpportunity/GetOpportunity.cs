using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.CreateOpportunity;
using Pipewright.Pipeline.Progress;

namespace Pipewright.Pipeline.GetOpportunity;

/// <summary>A deal with everything its page shows: the requirements of the whole funnel and its stage history.</summary>
public sealed record OpportunityDetailsDto(
    Guid Id, string Code, Guid CustomerId, string CustomerName, string Title, Guid OwnerId, string OwnerName,
    StageDto Stage, string Status, decimal? ExpectedAmount, DateOnly? ExpectedCloseDate, string? ProductCategory,
    string? DecisionMaker, decimal? MarginEstimate, IReadOnlyList<Guid> ProductIds, string? LostReason, string? Competitor,
    Guid? LeadId, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, DateTimeOffset? StageEnteredAt, double DaysInStage,
    bool IsRotting, int Version, IReadOnlyList<RequirementStatusDto> Requirements, IReadOnlyList<StageHistoryDto> StageHistory);

/// <summary>One requirement of the funnel for this deal; <c>current</c> marks those between it and the next stage.</summary>
public sealed record RequirementStatusDto(
    string Key, string Name, string Kind, string StageKey, string AppliesOn, bool TakesValues, bool Current, bool Done,
    DateTimeOffset? DoneAt, Guid? DoneById, JsonNode? Values, IReadOnlyList<Guid> AttachmentIds, IReadOnlyList<Guid> ActivityIds,
    IReadOnlyList<Guid> EvidenceIds);

/// <summary>One stay in a stage. <c>overdue</c>: longer than the stage's normal dwell time.</summary>
public sealed record StageHistoryDto(
    string StageKey, string StageName, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt, string EnteredHow, Guid? EnteredById,
    string? LeftHow, string? Reason, double DwellDays, bool Overdue);

public sealed class GetOpportunityHandler(IDbContextFactory<PipewrightDb> dbFactory, OpportunityProgress progress, TimeProvider clock)
{
    public async Task<Outcome<OpportunityDetailsDto>> HandleAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await db.Opportunities.VisibleTo(user).AnyAsync(o => o.Id == id, ct);
        return visible ? await DetailsAsync(db, id, progress, clock.GetUtcNow(), ct) : Failure.NotFound();
    }

    /// <summary>The details as saved in <paramref name="db"/>; the caller has checked the scope.</summary>
    public static async Task<OpportunityDetailsDto> DetailsAsync(PipewrightDb db, Guid id, OpportunityProgress progress, DateTimeOffset now, CancellationToken ct)
    {
        var (spec, _) = await DefaultPipeline.CurrentAsync(db, ct);
        var o = await db.Opportunities.AsNoTracking().SingleAsync(x => x.Id == id, ct);
        var names = await (from c in db.Customers
                           from u in db.Users
                           where c.Id == o.CustomerId && u.Id == o.OwnerId
                           select new { Customer = c.Name, Owner = u.DisplayName }).SingleAsync(ct);
        var productIds = await db.OpportunityProducts.Where(p => p.OpportunityId == id).Select(p => p.ProductId).ToListAsync(ct);
        var completions = await db.RequirementCompletions.AsNoTracking().Where(c => c.OpportunityId == id).ToListAsync(ct);
        var visits = await db.StageVisits.AsNoTracking().Where(v => v.OpportunityId == id).OrderBy(v => v.EnteredAt).ToListAsync(ct);

        var index = spec.IndexOf(o.StageKey);
        var current = o.Status == OpportunityStatus.Open && index >= 0 && index + 1 < spec.Stages.Count
            ? OpportunityProgress.Path(spec, index, index + 1).Select(p => p.Requirement.Key).ToHashSet() : [];
        var requirements = spec.AllRequirements.Select(p =>
        {
            var c = completions.FirstOrDefault(x => x.RequirementKey == p.Requirement.Key);
            return new RequirementStatusDto(p.Requirement.Key, p.Requirement.Name, p.Requirement.Kind, p.Stage.Key, p.Requirement.AppliesOn,
                progress.KindOf(p.Requirement.Kind)?.TakesValues ?? false, current.Contains(p.Requirement.Key), c?.DoneAt is not null,
                c?.DoneAt, c?.DoneById, c?.Values is { } values ? JsonNode.Parse(values) : null,
                c?.AttachmentIds ?? [], c?.ActivityIds ?? [], c?.EvidenceIds ?? []);
        }).ToList();
        var history = visits.Select(v =>
        {
            var dwell = Dwell(v.EnteredAt, v.LeftAt ?? (o.Status == OpportunityStatus.Open ? now : o.ClosedAt ?? now));
            var norm = spec.Stage(v.StageKey)?.DwellDays;
            return new StageHistoryDto(v.StageKey, spec.StageOf(v.StageKey).Name, v.EnteredAt, v.LeftAt, Camel(v.EnteredHow), v.EnteredById,
                v.LeftHow is { } left ? Camel(left) : null, v.Reason, dwell, norm is { } days && dwell > days);
        }).ToList();
        var daysInStage = o.Status == OpportunityStatus.Open ? Dwell(o.StageEnteredAt ?? o.CreatedAt, now) : 0;
        return new OpportunityDetailsDto(o.Id, o.Code, o.CustomerId, names.Customer, o.Title, o.OwnerId, names.Owner,
            spec.StageOf(o.StageKey), o.Status.ToString().ToLowerInvariant(), o.ExpectedAmount?.Yuan, o.ExpectedCloseDate, o.ProductCategory,
            o.DecisionMaker, o.MarginEstimate, productIds, o.LostReason, o.Competitor, o.LeadId, o.CreatedAt, o.ClosedAt, o.StageEnteredAt,
            daysInStage, spec.Stage(o.StageKey)?.DwellDays is { } normal && daysInStage > normal, o.Version, requirements, history);
    }

    /// <summary>Days between two instants, to two decimals (a stay of 36 hours is 1.5 days).</summary>
    public static double Dwell(DateTimeOffset from, DateTimeOffset to) => Math.Round((to - from).TotalDays, 2);

    private static string Camel(StageMove move) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(move.ToString());
}
