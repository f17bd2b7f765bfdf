using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Tasks;

/// <summary>A request's history (completion, reassignments) is shown to whoever may see the request.</summary>
public sealed class TaskAuditScope : IAuditScope
{
    public IReadOnlyCollection<string> EntityTypes { get; } = [nameof(TechTask), nameof(ChecklistTemplate), nameof(UserLeave)];

    public async Task<bool> CanSeeAsync(PipewrightDb db, CurrentUser user, string entityType, Guid entityId, CancellationToken ct) =>
        entityType == nameof(TechTask)
            ? await (await TaskScope.VisibleToAsync(db, user, ct)).AnyAsync(t => t.Id == entityId, ct)
            : user.SeesEverything;
}
