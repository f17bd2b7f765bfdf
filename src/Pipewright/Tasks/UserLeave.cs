using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Tasks;

/// <summary>
/// A period someone is away (请假/出差), China dates inclusive. Only routing reads it today, so it lives with the
/// requests rather than in Organisation; an attendance module could take it over.
/// </summary>
public sealed class UserLeave : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public string? Note { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<UserLeave>
    {
        public void Configure(EntityTypeBuilder<UserLeave> l)
        {
            l.ToTable("UserLeaves");
            l.Property(x => x.Note).HasMaxLength(200);
            l.HasIndex(x => new { x.UserId, x.To });
        }
    }
}
