using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Pipeline;

/// <summary>
/// What a deal has for one requirement of the funnel: the values people posted (a form, ticked items), the
/// evidence found (follow-ups, files) and, once the requirement is met, when and by whom.
/// </summary>
public sealed class RequirementCompletion : IAudited, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OpportunityId { get; set; }
    public string RequirementKey { get; set; } = "";

    /// <summary>Posted values as a JSON object (fieldKey → value), null for evidence kinds.</summary>
    public string? Values { get; set; }
    public List<Guid> AttachmentIds { get; set; } = [];
    public List<Guid> ActivityIds { get; set; } = [];

    /// <summary>Ids of records of other modules (an approved quote, a completed task) that met it.</summary>
    public List<Guid> EvidenceIds { get; set; } = [];
    public DateTimeOffset? DoneAt { get; set; }
    public Guid? DoneById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    (string Type, Guid Id) IAudited.AuditRoot => (nameof(Opportunity), OpportunityId);

    public sealed class Configuration : IEntityTypeConfiguration<RequirementCompletion>
    {
        public void Configure(EntityTypeBuilder<RequirementCompletion> c)
        {
            c.Property(x => x.RequirementKey).HasMaxLength(OpportunityLimits.Key);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasIndex(x => new { x.OpportunityId, x.RequirementKey }).IsUnique();
            c.HasOne<Opportunity>().WithMany().HasForeignKey(x => x.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
