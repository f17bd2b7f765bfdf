using Pipewright.Pipeline.Requirements;

namespace Pipewright.Evidence;

/// <summary>
/// Where follow-ups and files become funnel evidence. Activities and Pipeline sit side by side (layer 3) and may
/// not know each other; this small module above both connects them: the activity requirement kind, the files
/// requirements take, and the observer that re-evaluates a deal when a follow-up on it is recorded.
/// </summary>
public static class EvidenceModule
{
    public static IServiceCollection AddEvidence(this IServiceCollection services)
    {
        services.AddSingleton<IRequirementKind, ActivityKind>();
        services.AddSingleton<IEvidenceFiles, AttachmentEvidence>();
        services.AddScoped<Activities.IActivityObserver, FollowUpEvidence>();
        services.AddSingleton(new Pipeline.Ui.EvidenceUploader(typeof(EvidenceUpload)));
        services.AddSingleton(new Pipeline.Ui.OpportunityTab("followUps", "opportunity.tab.followUps", typeof(OpportunityFollowUps), 10));
        return services;
    }
}
