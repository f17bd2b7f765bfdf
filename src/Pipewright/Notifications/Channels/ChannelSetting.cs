using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Audit;
using Pipewright.Common.Data;

namespace Pipewright.Notifications.Channels;

/// <summary>
/// How Pipewright reaches one channel, set by an administrator. The fields are shared by the channel types:
/// <list type="bullet">
/// <item>WeCom robot: Key = webhook key.</item>
/// <item>DingTalk robot: Key = access_token, Secret = signing secret (SEC…).</item>
/// <item>Feishu bot: Key = hook id, Secret = signing secret.</item>
/// <item>WeCom app: Account = corp id, Sender = agent id, Secret = corp secret.</item>
/// <item>E-mail: BaseAddress = SMTP host, Port, UseTls, Account = SMTP user, Secret = password, Sender = from address.</item>
/// </list>
/// Key and Secret are stored encrypted with Data Protection and never leave the server.
/// </summary>
public sealed class ChannelSetting : IAudited, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Channel { get; set; } = "";
    public bool Enabled { get; set; }

    /// <summary>Overrides the channel's public address (tests and private deployments point it elsewhere).</summary>
    public string? BaseAddress { get; set; }
    public int? Port { get; set; }
    public bool UseTls { get; set; }
    public string? Account { get; set; }
    public string? Sender { get; set; }
    public string? ProtectedKey { get; set; }
    public string? ProtectedSecret { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<ChannelSetting>
    {
        public void Configure(EntityTypeBuilder<ChannelSetting> c)
        {
            c.Property(x => x.Channel).HasMaxLength(32);
            c.HasIndex(x => x.Channel).IsUnique();
            c.Property(x => x.BaseAddress).HasMaxLength(300);
            c.Property(x => x.Account).HasMaxLength(200);
            c.Property(x => x.Sender).HasMaxLength(200);
            c.Property(x => x.ProtectedKey).HasMaxLength(2000);
            c.Property(x => x.ProtectedSecret).HasMaxLength(2000);
            c.Property(x => x.Version).IsConcurrencyToken();
        }
    }
}

/// <summary>A channel's settings with its secrets decrypted, for the moment of sending.</summary>
public sealed record ChannelConfig(string Channel, string BaseAddress, int? Port, bool UseTls, string? Account, string? Sender,
    string? Key, string? Secret);

/// <summary>Encrypts channel secrets at rest; the keys live with the data (see AuthSetup).</summary>
public sealed class ChannelSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Pipewright.Notifications.ChannelSecrets.v1");

    public string? Protect(string? plain) => string.IsNullOrEmpty(plain) ? null : _protector.Protect(plain);

    public string? Unprotect(string? protectedValue) => protectedValue is null ? null : _protector.Unprotect(protectedValue);
}

public static class ChannelTables
{
    extension(PipewrightDb db)
    {
        public DbSet<ChannelSetting> ChannelSettings => db.Set<ChannelSetting>();
    }
}
