using Microsoft.EntityFrameworkCore;
using Pipewright.Activities;
using Pipewright.Activities.Attachments;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.Requirements;

namespace Pipewright.Evidence;

/// <summary>At least N follow-ups of a kind on the deal (one 现场勘测 visit with photos): it ticks itself.</summary>
public sealed class ActivityKind : IRequirementKind
{
    public string Kind => "activity";
    public bool TakesValues => false;

    public IEnumerable<(string Path, string MessageKey)> CheckDefinition(RequirementSpec spec)
    {
        if (!Enum.TryParse<Activities.ActivityKind>(spec.ActivityKind, ignoreCase: true, out _) || spec.ActivityKind!.Any(char.IsDigit))
            yield return ("activityKind", "requirement.activityKind.invalid");
    }

    public Task<Dictionary<string, string[]>> ApplyAsync(RequirementContext context, RequirementInput input, CancellationToken ct) =>
        throw new InvalidOperationException("Evidence kinds take no values.");

    public async Task<bool> IsMetAsync(RequirementContext context, CancellationToken ct)
    {
        var kind = Enum.Parse<Activities.ActivityKind>(context.Spec.ActivityKind!, ignoreCase: true);
        var db = context.Db;
        var id = context.Opportunity.Id;
        var withPhotos = context.Spec.WithPhotos == true;
        var attachments = db.Attachments;
        var saved = await db.Activities.Where(a => a.OpportunityId == id && a.Kind == kind)
            .Where(a => !withPhotos || attachments.Any(f => f.ActivityId == a.Id && f.ContentType.StartsWith("image/")))
            .OrderBy(a => a.OccurredAt).Select(a => a.Id).ToListAsync(ct);
        // The follow-up being recorded is in the context, not yet in the database (the observer runs before the save).
        var pending = db.ChangeTracker.Entries<Activity>()
            .Where(e => e.State == EntityState.Added && e.Entity.OpportunityId == id && e.Entity.Kind == kind)
            .Where(e => !withPhotos || db.ChangeTracker.Entries<Attachment>().Any(f => f.Entity.ActivityId == e.Entity.Id && f.Entity.IsImage))
            .Select(e => e.Entity.Id);
        var found = saved.Concat(pending).Distinct().ToList();
        if (!found.SequenceEqual(context.Completion.ActivityIds)) context.Completion.ActivityIds = found;
        return found.Count >= (context.Spec.MinCount ?? 1);
    }
}
