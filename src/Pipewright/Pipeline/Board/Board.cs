using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.GetOpportunity;

namespace Pipewright.Pipeline.Board;

public sealed record BoardRequest
{
    /// <summary>Deals owned by members of this team or of its sub-teams.</summary>
    public Guid? TeamId { get; init; }
    public Guid? OwnerId { get; init; }

    [MaxLength(OpportunityLimits.Short, ErrorMessage = "validation.maxLength")] public string? ProductCategory { get; init; }

    [Range(1, 100, ErrorMessage = "validation.range")] public int? PerColumn { get; init; }
}

public sealed record BoardDto(IReadOnlyList<BoardColumnDto> Columns);

/// <summary>An open stage: how many deals, their expected amount in yuan, and the first cards (longest in the stage first).</summary>
public sealed record BoardColumnDto(string StageKey, string Name, decimal Probability, int? DwellDays, int Count, decimal Amount,
    IReadOnlyList<BoardCardDto> Cards);

public sealed record BoardCardDto(Guid Id, string Code, string Title, Guid CustomerId, string CustomerName, Guid OwnerId, string OwnerName,
    decimal? ExpectedAmount, DateOnly? ExpectedCloseDate, double DaysInStage, bool IsRotting, int Version);

/// <summary>
/// The kanban's data in one request: per open stage a count and a sum computed in SQL, and the first N cards,
/// within the caller's data scope.
/// </summary>
public sealed class BoardHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public const int DefaultPerColumn = 25;

    public async Task<Outcome<BoardDto>> HandleAsync(BoardRequest request, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (spec, _) = await DefaultPipeline.CurrentAsync(db, ct);
        var now = clock.GetUtcNow();
        var open = db.Opportunities.AsNoTracking().VisibleTo(user).Where(o => o.Status == OpportunityStatus.Open);
        if (request.OwnerId is { } ownerId) open = open.Where(o => o.OwnerId == ownerId);
        if (!string.IsNullOrWhiteSpace(request.ProductCategory)) open = open.Where(o => o.ProductCategory == request.ProductCategory.Trim());
        if (request.TeamId is { } teamId)
        {
            var teams = await TeamTree.WithDescendantsAsync(db, teamId, ct);
            var members = await db.Users.Where(u => u.TeamId != null && teams.Contains(u.TeamId.Value)).Select(u => u.Id).ToListAsync(ct);
            open = open.Where(o => members.Contains(o.OwnerId));
        }

        // Money is whole fen in a long column: summed by the database on both providers.
        var totals = await open.GroupBy(o => o.StageKey)
            .Select(g => new { Stage = g.Key, Count = g.Count(), Fen = g.Sum(o => (long?)EF.Property<long?>(o, nameof(Opportunity.ExpectedAmount))) })
            .ToListAsync(ct);
        var perColumn = request.PerColumn ?? DefaultPerColumn;
        var customers = db.Customers;
        var users = db.Users;
        // Every column's first cards in one statement: a UNION ALL of one ordered, limited query per stage.
        IQueryable<CardRow>? firstCards = null;
        foreach (var stage in spec.Stages.Where(s => !s.IsWon && totals.Any(t => t.Stage == s.Key)))
        {
            var key = stage.Key;
            var column = open.Where(o => o.StageKey == key).OrderBy(o => o.StageEnteredAt).ThenBy(o => o.Id).Take(perColumn)
                .Select(o => new CardRow
                {
                    Id = o.Id, Code = o.Code, Title = o.Title, CustomerId = o.CustomerId, OwnerId = o.OwnerId, StageKey = o.StageKey,
                    ExpectedAmount = o.ExpectedAmount, ExpectedCloseDate = o.ExpectedCloseDate, Version = o.Version,
                    EnteredAt = o.StageEnteredAt ?? o.CreatedAt,
                    Customer = customers.Where(c => c.Id == o.CustomerId).Select(c => c.Name).FirstOrDefault(),
                    Owner = users.Where(u => u.Id == o.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                });
            firstCards = firstCards is null ? column : firstCards.Concat(column);
        }
        var cards = firstCards is null ? [] : await firstCards.ToListAsync(ct);

        var columns = spec.Stages.Where(s => !s.IsWon).Select(stage =>
        {
            var total = totals.FirstOrDefault(t => t.Stage == stage.Key);
            return new BoardColumnDto(stage.Key, stage.Name, stage.Probability, stage.DwellDays, total?.Count ?? 0, new Money(total?.Fen ?? 0).Yuan,
                [.. cards.Where(c => c.StageKey == stage.Key).OrderBy(c => c.EnteredAt).ThenBy(c => c.Id).Select(c =>
                {
                    var days = GetOpportunityHandler.Dwell(c.EnteredAt, now);
                    return new BoardCardDto(c.Id, c.Code, c.Title, c.CustomerId, c.Customer ?? "", c.OwnerId, c.Owner ?? "",
                        c.ExpectedAmount?.Yuan, c.ExpectedCloseDate, days, stage.DwellDays is { } norm && days > norm, c.Version);
                })]);
        }).ToList();
        return new BoardDto(columns);
    }
}

internal sealed class CardRow
{
    public Guid Id { get; init; }
    public string Code { get; init; } = "";
    public string Title { get; init; } = "";
    public Guid CustomerId { get; init; }
    public Guid OwnerId { get; init; }
    public string StageKey { get; init; } = "";
    public Money? ExpectedAmount { get; init; }
    public DateOnly? ExpectedCloseDate { get; init; }
    public int Version { get; init; }
    public DateTimeOffset EnteredAt { get; init; }
    public string? Customer { get; init; }
    public string? Owner { get; init; }
}
