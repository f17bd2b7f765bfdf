using System.Collections;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;

namespace Pipewright.Common.Audit;

/// <summary>Turns the tracked changes of audited records into audit entries, inside the same save.</summary>
internal static class AuditRecorder
{
    // Secrets and bookkeeping columns say nothing a reviewer needs, and some must never be copied.
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedUserName", "NormalizedEmail",
        "Version", "NameKey", "UpdatedAt", "AccessFailedCount", "LockoutEnd", "LockoutEnabled",
        "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled",
        "ProtectedKey", "ProtectedSecret",
        // The entry's own time and its root already say these.
        "CreatedAt", "CustomerId",
    };

    public static void Record(PipewrightDb db, DateTimeOffset now)
    {
        var entries = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified)
                versioned.Version++;
            if (entry.Entity is not IAudited audited) continue;
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.Created,
                EntityState.Modified => AuditActions.Updated,
                EntityState.Deleted => AuditActions.Deleted,
                _ => null,
            };
            if (action is null) continue;
            var changes = Changes(entry, entry.State).ToList();
            if (action == AuditActions.Updated && changes.Count == 0) continue;
            var root = audited.AuditRoot;
            entries.Add(new AuditEntry
            {
                At = now,
                UserId = db.Actor.UserId,
                UserName = db.Actor.Name,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = audited.Id,
                RootType = root.Type,
                RootId = root.Id,
                Action = action,
                Changes = JsonSerializer.Serialize(changes, JsonSerializerOptions.Web),
            });
        }
        db.AuditEntries.AddRange(entries);
    }

    private static IEnumerable<FieldChange> Changes(EntityEntry entry, EntityState state)
    {
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Hidden.Contains(name) || property.Metadata.IsPrimaryKey()) continue;
            var old = state == EntityState.Added ? null : Text(property.OriginalValue);
            var @new = state == EntityState.Deleted ? null : Text(property.CurrentValue);
            if (state == EntityState.Added && string.IsNullOrEmpty(@new)) continue;
            if (old != @new) yield return new FieldChange(name, old, @new);
        }
        foreach (var reference in entry.References.Where(r => r.TargetEntry?.Metadata.IsOwned() == true))
        {
            foreach (var change in Changes(reference.TargetEntry!, reference.TargetEntry!.State == EntityState.Unchanged ? state : reference.TargetEntry.State))
                yield return change with { Field = $"{reference.Metadata.Name}.{change.Field}" };
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        // Lists (aliases, specialties) read as people write them: 永晟化工、永晟.
        IEnumerable<string> list => ListText.Join(list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
