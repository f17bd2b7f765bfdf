using Microsoft.EntityFrameworkCore;
using Pipewright.Activities;
using Pipewright.Common.Data;
using Pipewright.Common.Geo;
using Pipewright.Customers;

namespace Pipewright.Demo;

/// <summary>
/// A year of follow-ups on the demo customers: visits checked in at the gate, calls, meetings and notes, each
/// customer's latest one with a next step — some due today, some overdue — so that 王磊's morning list is real.
/// Deterministic (seeded) and written in one save.
/// </summary>
public static class DemoActivities
{
    private static readonly string[] Visits =
    [
        "拜访设备科，看了 DN150 闸阀的安装现场，客户反映密封面有渗漏，想换硬密封。",
        "和采购经理见面，介绍了 Z41H 系列新价格，对方希望年框价格再降 3%。",
        "陪技术工程师看现场工况：介质为蒸汽，温度 380℃，需要确认阀体材质。",
        "拜访生产部，了解到二期技改明年开工，球阀需求约 200 台。",
        "送样品到仓库，和质检部确认了验收标准。",
    ];

    private static readonly string[] Calls =
    [
        "电话沟通报价进度，对方说本周内给答复。",
        "采购来电询问 DN300 蝶阀交期，答复 35 天。",
        "电话回访上批货使用情况，反馈良好。",
        "和设备科长通话，对方在等预算审批。",
    ];

    private static readonly string[] Meetings =
    [
        "参加客户的技术交流会，演示了电动执行器的远程控制。",
        "与客户技术部、采购部三方会议，确认了技术协议条款。",
    ];

    private static readonly string[] Notes =
    [
        "客户新来的采购总监姓周，之前在同行工作，注意价格敏感。",
        "竞争对手上周也去拜访过，报价比我们低 8% 左右。",
        "客户的付款一般 60 天，年底资金紧张。",
    ];

    private static readonly string[] NextSteps =
    [
        "发送修订后的报价单", "寄样品", "约技术交流", "跟进预算审批结果", "确认交期", "邀请来厂参观", "回访使用情况",
    ];

    public static async Task LoadAsync(PipewrightDb db, DateTimeOffset now, CancellationToken ct)
    {
        var random = new Random(20261128);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).DateTime);
        var customers = await db.Customers.AsNoTracking().Where(c => c.OwnerId != null)
            .OrderBy(c => c.Code)
            .Select(c => new { c.Id, OwnerId = c.OwnerId!.Value, c.WgsLat, c.WgsLng, Contacts = c.Contacts.Select(k => k.Id).ToList() })
            .ToListAsync(ct);
        var n = 0;
        foreach (var customer in customers)
        {
            var count = random.Next(3, 11);
            // Spread over the last year, the latest within the last four weeks.
            var days = Enumerable.Range(0, count).Select(i => i == 0 ? random.Next(0, 28) : random.Next(0, 365)).Order().ToList();
            for (var i = 0; i < count; i++)
            {
                var occurredAt = new DateTimeOffset(today.AddDays(-days[i]).ToDateTime(new TimeOnly(8 + random.Next(0, 10), random.Next(0, 60))),
                    TimeSpan.FromHours(8)).ToUniversalTime();
                if (occurredAt > now) occurredAt = now.AddMinutes(-random.Next(5, 120));
                var kind = (ActivityKind)(random.Next(10) switch { < 3 => 0, < 7 => 1, 7 => 3, 8 => 2, _ => 4 });
                var activity = new Activity
                {
                    CustomerId = customer.Id, AuthorId = customer.OwnerId, Kind = kind, OccurredAt = occurredAt, CreatedAt = occurredAt,
                    Content = Pick(random, kind switch
                    {
                        ActivityKind.Visit => Visits,
                        ActivityKind.Call or ActivityKind.Email => Calls,
                        ActivityKind.Meeting => Meetings,
                        _ => Notes,
                    }),
                    ContactIds = customer.Contacts.Count > 0 && kind != ActivityKind.Note ? [customer.Contacts[random.Next(customer.Contacts.Count)]] : [],
                };
                if (kind == ActivityKind.Visit && customer is { WgsLat: { } lat, WgsLng: { } lng })
                {
                    // Within about 80 m of the gate, as a phone reads it.
                    var point = GeoPoint.From(lat + (random.NextDouble() - 0.5) * 0.0014, lng + (random.NextDouble() - 0.5) * 0.0016, CoordinateSystem.Wgs84);
                    (activity.CheckInLat, activity.CheckInLng, activity.CheckInSystem) = (point.Lat, point.Lng, point.System);
                    (activity.CheckInWgsLat, activity.CheckInWgsLng, activity.CheckInAccuracy) = (point.WgsLat, point.WgsLng, 8 + random.Next(0, 50));
                }
                var occurredOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(occurredAt, ChinaTime.Zone).DateTime);
                if (i == 0)
                {
                    // Every customer's latest follow-up has a next step: a quarter due today, some overdue, the rest ahead.
                    activity.NextStep = Pick(random, NextSteps);
                    var due = (n++ % 4) switch { 0 => today, 1 => today.AddDays(-random.Next(1, 6)), _ => today.AddDays(random.Next(1, 21)) };
                    activity.NextDate = due < occurredOn ? occurredOn : due;
                }
                else if (random.Next(3) == 0)
                {
                    // Earlier next steps were taken care of by the follow-up after them.
                    activity.NextStep = Pick(random, NextSteps);
                    activity.NextDate = occurredOn.AddDays(random.Next(1, 14));
                    activity.NextStepDoneAt = Min(occurredAt.AddDays(random.Next(1, 14)), now);
                }
                db.Activities.Add(activity);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];
}
