using Microsoft.EntityFrameworkCore;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.Requirements;

namespace Pipewright.Tasks;

/// <summary>
/// The funnel's <c>task</c> requirement: a technical request (技术评估) on the deal is done. It ticks itself when the
/// engineer hands in (<see cref="WorkOnTasks.WorkOnTaskHandler.CompleteAsync"/> re-evaluates the deal).
/// </summary>
public sealed class CompletedTechRequestKind : IRequirementKind
{
    public string Kind => "task";
    public bool TakesValues => false;

    public IEnumerable<(string Path, string MessageKey)> CheckDefinition(RequirementSpec spec) => [];

    public Task<Dictionary<string, string[]>> ApplyAsync(RequirementContext context, RequirementInput input, CancellationToken ct) =>
        throw new InvalidOperationException("Evidence kinds take no values.");

    public Task<bool> IsMetAsync(RequirementContext context, CancellationToken ct) =>
        context.Db.TechTasks.AnyAsync(t => t.OpportunityId == context.Opportunity.Id && t.Status == TechTaskStatus.Done, ct);
}
