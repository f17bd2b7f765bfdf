using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Approvals.Delegation;

public sealed record DelegateRequest
{
    [Required(ErrorMessage = "validation.required")] public Guid? DelegateId { get; init; }

    /// <summary>Now when left out.</summary>
    public DateTimeOffset? From { get; init; }
    [Required(ErrorMessage = "validation.required")] public DateTimeOffset? Until { get; init; }
}

public sealed record DelegationDto(Guid Id, Guid UserId, Guid DelegateId, string? DelegateName, DateTimeOffset From, DateTimeOffset Until);

/// <summary>An approver away sets a colleague to take their new approval tasks for a period.</summary>
public sealed class DelegationsHandler(IDbContextFactory<PipewrightDb> dbFactory, CurrentUserLoader users, TimeProvider clock)
{
    public async Task<IReadOnlyList<DelegationDto>> ListAsync(CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var names = await users.DisplayNamesAsync(ct);
        return (await db.ApprovalDelegations.AsNoTracking().Where(d => d.UserId == user.Id && d.Until > now).ToListAsync(ct))
            .OrderBy(d => d.From).Select(d => new DelegationDto(d.Id, d.UserId, d.DelegateId, names.GetValueOrDefault(d.DelegateId), d.From, d.Until)).ToList();
    }

    public async Task<Outcome<DelegationDto>> AddAsync(DelegateRequest request, CurrentUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var from = request.From ?? now;
        if (request.Until <= from) return Failure.Invalid("until", "approval.delegation.untilBeforeFrom");
        if (request.DelegateId == user.Id) return Failure.Invalid("delegateId", "approval.delegation.self");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        if (!await db.Users.AnyAsync(u => u.Id == request.DelegateId && u.IsActive, ct)) return Failure.Invalid("delegateId", "approval.delegation.unknown");
        var delegation = new ApprovalDelegation { UserId = user.Id, DelegateId = request.DelegateId!.Value, From = from, Until = request.Until!.Value, CreatedAt = now };
        db.ApprovalDelegations.Add(delegation);
        await db.SaveChangesAsync(ct);
        var names = await users.DisplayNamesAsync(ct);
        return new DelegationDto(delegation.Id, user.Id, delegation.DelegateId, names.GetValueOrDefault(delegation.DelegateId), from, delegation.Until);
    }

    public async Task<Failure?> RemoveAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var delegation = await db.ApprovalDelegations.SingleOrDefaultAsync(d => d.Id == id && d.UserId == user.Id, ct);
        if (delegation is null) return Failure.NotFound();
        db.ApprovalDelegations.Remove(delegation);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
