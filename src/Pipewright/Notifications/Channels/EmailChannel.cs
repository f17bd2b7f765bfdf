using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Pipewright.Notifications.Channels;

/// <summary>E-mail over SMTP (MailKit): subject and a plain-text and HTML body.</summary>
public sealed class EmailChannel : INotificationChannel
{
    public string Channel => NotificationChannels.Email;

    public string? Incomplete(ChannelConfig config) =>
        string.IsNullOrWhiteSpace(config.BaseAddress) ? "channels.missing.smtpHost"
        : !MailboxAddress.TryParse(config.Sender, out _) ? "channels.missing.sender"
        : null;

    public static MimeMessage Compose(ChannelConfig config, OutgoingMessage message)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(config.Sender!));
        mail.To.Add(MailboxAddress.Parse(message.Recipient));
        mail.Subject = message.Subject;
        // The outbox id as Message-ID: mail systems that see the same message twice (a resend after a crash) can drop it.
        mail.MessageId = $"{message.Id:N}@pipewright";
        var html = System.Net.WebUtility.HtmlEncode(message.Body).Replace("\n", "<br>", StringComparison.Ordinal);
        mail.Body = new BodyBuilder
        {
            TextBody = message.Body,
            HtmlBody = $"<html><body><p>{html}</p><p style=\"color:#888\">匠销 Pipewright</p></body></html>",
        }.ToMessageBody();
        return mail;
    }

    public async Task<ChannelAnswer> SendAsync(ChannelConfig config, OutgoingMessage message, CancellationToken ct)
    {
        if (!MailboxAddress.TryParse(message.Recipient, out _))
            return ChannelAnswer.Of(AnswerKind.Permanent, $"invalid recipient {message.Recipient}");
        using var client = new SmtpClient { Timeout = 15_000 };
        var port = config.Port ?? (config.UseTls ? 465 : 25);
        var security = !config.UseTls ? SecureSocketOptions.None : port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        try
        {
            await client.ConnectAsync(config.BaseAddress, port, security, ct);
            if (!string.IsNullOrEmpty(config.Account)) await client.AuthenticateAsync(config.Account, config.Secret ?? "", ct);
            var answer = await client.SendAsync(Compose(config, message), ct);
            await client.DisconnectAsync(quit: true, ct);
            return ChannelAnswer.Of(AnswerKind.Delivered, answer);
        }
        catch (SmtpCommandException e)
        {
            // 4xx: the server is busy or greylisting, try later; 5xx: it refuses this message for good.
            var kind = (int)e.StatusCode is >= 400 and < 500 ? AnswerKind.Transient : AnswerKind.Permanent;
            return ChannelAnswer.Of(kind, $"SMTP {(int)e.StatusCode} {e.Message}");
        }
        catch (AuthenticationException e)
        {
            return ChannelAnswer.Of(AnswerKind.Permanent, $"SMTP authentication: {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException)
        {
            return ChannelAnswer.Of(AnswerKind.Transient, $"SMTP: {e.Message}");
        }
    }
}
