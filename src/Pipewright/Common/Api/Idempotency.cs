using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Common.Api;

/// <summary>
/// The first answer to a request made with an Idempotency-Key header, so that a phone that lost the answer
/// (not the request) can send it again and get the same answer without the work being done twice.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid UserId { get; set; }
    public string Key { get; set; } = "";

    /// <summary>Method and path: a key reused for another request is refused, not answered with the wrong body.</summary>
    public string Request { get; set; } = "";

    /// <summary>0 while the first request is still running.</summary>
    public int Status { get; set; }
    public string? Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<IdempotencyRecord>
    {
        public void Configure(EntityTypeBuilder<IdempotencyRecord> r)
        {
            r.HasKey(x => new { x.UserId, x.Key });
            r.Property(x => x.Key).HasMaxLength(Idempotency.MaxKeyLength);
            r.Property(x => x.Request).HasMaxLength(300);
            r.HasIndex(x => x.CreatedAt);
        }
    }
}

public static class Idempotency
{
    private static readonly Localization.Strings L = new();

    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 64;

    /// <summary>How long an answer is kept: a day covers a phone that was offline until the evening.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// Replays the stored answer for a repeated key; a key whose first request is still running gets a 409.
    /// Only successful answers are kept: after a failure (a validation error, a lost race) a retry really runs.
    /// </summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = http.Request.Headers[Header].ToString();
            var user = context.Arguments.OfType<CurrentUser>().FirstOrDefault();
            if (key.Length == 0 || user is null) return await next(context);
            if (key.Length > MaxKeyLength) return Failure.Invalid("idempotencyKey", "ui.idempotency.key", MaxKeyLength).ToProblem();

            var services = http.RequestServices;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var request = $"{http.Request.Method} {http.Request.Path}";
            var factory = services.GetRequiredService<IDbContextFactory<PipewrightDb>>();
            await using (var db = await factory.CreateDbContextAsync(http.RequestAborted))
            {
                var records = db.Set<IdempotencyRecord>();
                var expired = now - Retention;
                await records.Where(r => r.UserId == user.Id && r.CreatedAt < expired).ExecuteDeleteAsync(http.RequestAborted);
                records.Add(new IdempotencyRecord { UserId = user.Id, Key = key, Request = request, CreatedAt = now });
                try
                {
                    await db.SaveChangesAsync(http.RequestAborted);
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear();
                    var first = await records.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == user.Id && r.Key == key, http.RequestAborted);
                    if (first is null || first.Request != request || first.Status == 0)
                        return new Failure(409, "ui.idempotency.conflict", L["ui.idempotency.conflict.detail"]).ToProblem();
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    return Results.Text(first.Body ?? "", "application/json", statusCode: first.Status);
                }
            }

            object? result;
            try
            {
                result = await next(context);
            }
            catch
            {
                await ForgetAsync(factory, user.Id, key);
                throw;
            }
            if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
            {
                var body = result is IValueHttpResult { Value: { } value }
                    ? JsonSerializer.Serialize(value, value.GetType(), services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions)
                    : null;
                await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
                await db.Set<IdempotencyRecord>().Where(r => r.UserId == user.Id && r.Key == key)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, success.StatusCode!.Value).SetProperty(r => r.Body, body), CancellationToken.None);
            }
            else await ForgetAsync(factory, user.Id, key);
            return result;
        });

    private static async Task ForgetAsync(IDbContextFactory<PipewrightDb> factory, Guid userId, string key)
    {
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        await db.Set<IdempotencyRecord>().Where(r => r.UserId == userId && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
    }
}
