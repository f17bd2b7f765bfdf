using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Tasks.Leave;

public sealed record RecordLeaveRequest
{
    [Required(ErrorMessage = "validation.required")] public Guid? UserId { get; init; }
    [Required(ErrorMessage = "validation.required")] public DateOnly? From { get; init; }
    [Required(ErrorMessage = "validation.required")] public DateOnly? To { get; init; }
    [MaxLength(200, ErrorMessage = "validation.maxLength")] public string? Note { get; init; }
}

public sealed record LeaveDto(Guid Id, Guid UserId, string UserName, DateOnly From, DateOnly To, string? Note);

/// <summary>
/// Leave that routing skips. A person records their own; their manager (team manager up the tree, a regional
/// manager over them) and the administrator record anyone's in their charge.
/// </summary>
public sealed class LeaveHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public async Task<Outcome<LeaveDto>> RecordAsync(RecordLeaveRequest request, CurrentUser user, CancellationToken ct)
    {
        if (request.To < request.From) return Failure.Invalid("to", "tasks.leave.toBeforeFrom");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var person = await db.Users.Where(u => u.Id == request.UserId && u.IsActive).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(ct);
        if (person is null) return Failure.Invalid("userId", "tasks.leave.unknownUser");
        if (!await MayManageAsync(db, user, person.Id, ct)) return Failure.Forbidden();
        var leave = new UserLeave
        {
            UserId = person.Id, From = request.From!.Value, To = request.To!.Value,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), CreatedById = user.Id, CreatedAt = clock.GetUtcNow(),
        };
        db.UserLeaves.Add(leave);
        await db.SaveChangesAsync(ct);
        return new LeaveDto(leave.Id, leave.UserId, person.DisplayName, leave.From, leave.To, leave.Note);
    }

    /// <summary>Current and coming leave of the people the caller may manage (themself included).</summary>
    public async Task<List<LeaveDto>> ListAsync(CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = TaskScope.ChinaDate(clock.GetUtcNow());
        var leaves = db.UserLeaves.AsNoTracking().Where(l => l.To >= today);
        if (!user.IsAdmin && !user.IsInRole(Roles.GeneralManager))
        {
            var people = (await TaskScope.ManagedPeopleAsync(db, user.Id, ct)).Union(user.ScopeOwnerIds).ToList();
            leaves = leaves.Where(l => people.Contains(l.UserId));
        }
        return await leaves.OrderBy(l => l.From)
            .Join(db.Users, l => l.UserId, u => u.Id, (l, u) => new LeaveDto(l.Id, l.UserId, u.DisplayName, l.From, l.To, l.Note))
            .ToListAsync(ct);
    }

    public async Task<Outcome<bool>> CancelAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var leave = await db.UserLeaves.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (leave is null || !await MayManageAsync(db, user, leave.UserId, ct)) return Failure.NotFound();
        db.UserLeaves.Remove(leave);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static async Task<bool> MayManageAsync(PipewrightDb db, CurrentUser user, Guid personId, CancellationToken ct) =>
        personId == user.Id || user.IsAdmin || user.IsInRole(Roles.GeneralManager) || user.ScopeOwnerIds.Contains(personId)
        || (await TaskScope.ManagedPeopleAsync(db, user.Id, ct)).Contains(personId);
}
