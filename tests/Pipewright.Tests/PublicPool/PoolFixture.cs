using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Activities;
using Pipewright.Common.Data;
using Pipewright.PublicPool.Sweep;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.PublicPool;

/// <summary>What the pool tests do besides calling the API: run the nightly rules, add follow-ups, read rows.</summary>
public static class PoolTesting
{
    public static Task<PoolRunSummary> RunRulesAsync(this PipewrightApp app) =>
        app.Services.GetRequiredService<PoolSweep>().RunAsync(CancellationToken.None);

    /// <summary>A follow-up by the given person, now on the app's clock (the Activities API is another module's).</summary>
    public static async Task FollowUpAsync(this PipewrightApp app, Guid customerId, Guid authorId)
    {
        await using var db = await app.Db();
        var now = app.Clock.GetUtcNow();
        db.Activities.Add(new Activity
        {
            CustomerId = customerId, AuthorId = authorId, Kind = ActivityKind.Call, Content = "电话回访", OccurredAt = now, CreatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    public static Task<PipewrightDb> Db(this PipewrightApp app) =>
        app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();

    /// <summary>A new sales rep of 宁波组 of one's own, so that quotas and caps of one test do not touch another's.</summary>
    public static async Task<(Guid Id, string UserName)> NewRepAsync(this CompanyApp app, string prefix = "rep")
    {
        var userName = PipewrightApp.Unique(prefix);
        var id = await app.CreateUserAsync(await app.AdminAsync(), userName, "新销售" + userName[^4..], "SalesRep", app.Ningbo);
        return (id, userName);
    }

    public static async Task<Guid> NewCustomerAsync(HttpClient client, string level = "C", string? mobile = null)
    {
        var customer = await CompanyApp.CreateCustomerAsync(client, new
        {
            name = PipewrightApp.Unique("宁波公海测试阀门") + "有限公司", level,
            contacts = mobile is null ? null : new[] { new { name = "张经理", mobile } },
        });
        return customer["id"]!.GetValue<Guid>();
    }

    public static async Task<JsonArray> NotificationsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/v1/notifications?pageSize=200"))!["items"]!.AsArray();
}
