using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Customers;

/// <summary>A person at a customer. Phone numbers are stored in E.164 so that duplicates can be found.</summary>
public sealed class Contact : IAudited, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }
    public string Name { get; set; } = "";
    public string? Title { get; set; }
    public string? Mobile { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? WeChat { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }

    (string Type, Guid Id) IAudited.AuditRoot => (nameof(Customer), CustomerId);

    public sealed class Configuration : IEntityTypeConfiguration<Contact>
    {
        public void Configure(EntityTypeBuilder<Contact> c)
        {
            c.Property(x => x.Name).HasMaxLength(ContactLimits.Name);
            c.Property(x => x.Title).HasMaxLength(ContactLimits.Short);
            c.Property(x => x.Mobile).HasMaxLength(32);
            c.Property(x => x.Phone).HasMaxLength(40);
            c.Property(x => x.Email).HasMaxLength(ContactLimits.Email);
            c.Property(x => x.WeChat).HasMaxLength(ContactLimits.Short);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasIndex(x => x.Mobile);
            c.HasIndex(x => x.Phone);
        }
    }
}

public static class ContactLimits
{
    public const int Name = 50;
    public const int Short = 50;
    public const int Email = 254;
}
