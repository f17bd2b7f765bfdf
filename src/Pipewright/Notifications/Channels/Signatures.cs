using System.Security.Cryptography;
using System.Text;

namespace Pipewright.Notifications.Channels;

/// <summary>The robots' request signatures (see docs/domain-facts.md for the algorithms and their test vectors).</summary>
public static class Signatures
{
    /// <summary>DingTalk: Base64(HMAC-SHA256(key = secret, message = timestampMs + "\n" + secret)), before URL-encoding.</summary>
    public static string DingTalk(string secret, long timestampMilliseconds) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{timestampMilliseconds}\n{secret}")));

    /// <summary>Feishu: Base64(HMAC-SHA256(key = timestampSeconds + "\n" + secret, message = empty)).</summary>
    public static string Feishu(string secret, long timestampSeconds) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{timestampSeconds}\n{secret}"), Array.Empty<byte>()));
}
