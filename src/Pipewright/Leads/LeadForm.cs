using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Leads;

public enum LeadChannel { Website, Expo, Other }

/// <summary>
/// A place where strangers leave their details: the website's enquiry form, the QR code of one trade-show booth.
/// Submissions go to the form's owner, or in turn to the active sales reps of its team.
/// </summary>
public sealed class LeadForm : IAudited, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public LeadChannel Channel { get; set; }

    /// <summary>The public address /f/{FormKey}: random and unguessable, so that nobody can enumerate the forms.</summary>
    public string FormKey { get; set; } = NewKey();
    public Guid OwnerId { get; set; }

    /// <summary>When set, leads rotate among the team's active sales reps; the owner only takes them when the team has none.</summary>
    public Guid? TeamId { get; set; }

    /// <summary>The round-robin cursor: the rep who got the last lead; the next one goes to the rep after them.</summary>
    public Guid? LastAssignedUserId { get; set; }
    public bool IsActive { get; set; } = true;
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }

    /// <summary>128 random bits, base64url: 22 characters that are safe in a URL and a QR code.</summary>
    public static string NewKey() => Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public sealed class Configuration : IEntityTypeConfiguration<LeadForm>
    {
        public void Configure(EntityTypeBuilder<LeadForm> f)
        {
            f.Property(x => x.Name).HasMaxLength(LeadLimits.FormName);
            f.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
            f.Property(x => x.FormKey).HasMaxLength(32);
            f.HasIndex(x => x.FormKey).IsUnique();
            f.Property(x => x.Version).IsConcurrencyToken();
            f.HasIndex(x => x.OwnerId);
            f.HasIndex(x => x.TeamId);
        }
    }
}

public static class LeadFormQueries
{
    /// <summary>Forms whose owner or team lies in the caller's scope; management and admin see all.</summary>
    public static IQueryable<LeadForm> VisibleTo(this IQueryable<LeadForm> forms, CurrentUser user)
    {
        if (user.SeesEverything) return forms;
        var owners = user.ScopeOwnerIds.ToList();
        var teams = user.ScopeTeamIds.ToList();
        return forms.Where(f => owners.Contains(f.OwnerId) || (f.TeamId != null && teams.Contains(f.TeamId.Value)));
    }
}
