using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Common.Auth;

/// <summary>A node of the sales organisation (华东区 → 宁波组). Data scopes follow this tree.</summary>
public sealed class Team : IAudited, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public Guid? ParentId { get; set; }
    public Guid? ManagerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
}
