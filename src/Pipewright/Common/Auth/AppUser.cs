using Microsoft.AspNetCore.Identity;

namespace Pipewright.Common.Auth;

/// <summary>A person who signs in. Identity keeps the password, lockout and security stamp.</summary>
public sealed class AppUser : IdentityUser<Guid>, Audit.IAudited
{
    public string DisplayName { get; set; } = "";
    public Guid? TeamId { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Product categories an engineer can evaluate (routing of technical requests).</summary>
    public List<string> Specialties { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }
    public Guid? SuccessorId { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole() { }
    public AppRole(string name) : base(name) => NormalizedName = name.ToUpperInvariant();
}
