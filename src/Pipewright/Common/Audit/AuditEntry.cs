namespace Pipewright.Common.Audit;

/// <summary>One create, change or delete of a business record: who, when, which fields, old → new.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string EntityType { get; set; } = "";
    public Guid EntityId { get; set; }

    /// <summary>The record whose page shows this change (a contact's changes show on its customer).</summary>
    public string RootType { get; set; } = "";
    public Guid RootId { get; set; }

    public string Action { get; set; } = "";

    /// <summary>JSON array of <see cref="FieldChange"/>.</summary>
    public string Changes { get; set; } = "[]";
}

public sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>A business record whose every change is kept in the audit trail.</summary>
public interface IAudited
{
    Guid Id { get; }

    /// <summary>The record this one belongs to, for its history page; itself by default.</summary>
    (string Type, Guid Id) AuditRoot => (GetType().Name, Id);
}

public static class AuditActions
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
}
