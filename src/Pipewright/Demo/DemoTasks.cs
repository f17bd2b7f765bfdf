using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Notifications;
using Pipewright.Pipeline.CreateOpportunity;
using Pipewright.Tasks;
using Pipewright.Tasks.RequestEvaluation;

namespace Pipewright.Demo;

/// <summary>
/// Technical requests in the demo: 王磊 asked for evaluations on five new deals. Open ones are routed like real
/// requests (specialty, load, round-robin; 郑国栋 is on leave this week), one is overdue and will be escalated by
/// the first run of the reminder job; two finished ones carry response and completion metrics (one late).
/// </summary>
public static class DemoTasks
{
    private sealed record Plan(string Category, string Title, string Need, double CreatedHoursAgo, double DueInHours,
        double? FirstActionAfterHours = null, double? DoneAfterHours = null, int Checked = 0);

    private static readonly Plan[] Plans =
    [
        new("闸阀", "污水厂闸阀更换", "DN300 PN16 污水管线，现有闸阀关不严，请现场确认口径和法兰标准。", 2, 30),
        new("球阀", "热电厂球阀技改", "DN100 Class600 高温蒸汽，客户要求金属硬密封，请评估材质。", 72, -20),
        new("蝶阀", "自来水厂蝶阀采购", "DN800 对夹蝶阀 12 台，确认执行机构和安装空间。", 5, 20, FirstActionAfterHours: 1),
        new("闸阀", "化工园区闸阀年框", "明杆楔式闸阀，介质含氯，确认阀体材质。", 240, -192, FirstActionAfterHours: 1.5, DoneAfterHours: 20, Checked: 5),
        new("调节阀", "锅炉给水调节阀", "给水调节阀 Kv 值核算，现场有旧阀铭牌照片。", 200, -152, FirstActionAfterHours: 6, DoneAfterHours: 60, Checked: 4),
    ];

    public static async Task LoadAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var db = services.GetRequiredService<PipewrightDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var people = await db.Users.Where(u => u.UserName == "wanglei" || u.UserName == "zhengguodong")
            .ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        var wanglei = people["wanglei"];
        var today = TaskScope.ChinaDate(now);
        db.UserLeaves.Add(new UserLeave
        {
            UserId = people["zhengguodong"], From = today, To = today.AddDays(4), Note = "年假", CreatedById = wanglei, CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);

        var customers = await db.Customers.Where(c => c.OwnerId == wanglei).OrderBy(c => c.Code).Take(Plans.Length)
            .Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        var year = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).Year;
        for (var i = 0; i < Math.Min(Plans.Length, customers.Count); i++)
        {
            var plan = Plans[i];
            var customer = customers[i];
            var created = now.AddHours(-plan.CreatedHoursAgo);
            var opportunity = await Opportunities.OpenAsync(db, customer.Id, wanglei, plan.Title, null, null, plan.Category, null, created, ct);
            if (await EngineerRouting.PickAsync(db, plan.Category, created, ct) is not { } assignee) continue;
            var task = new TechTask
            {
                Code = CodeSequences.Format(TechTask.CodePrefix, year, await db.NextAsync(TechTask.CodePrefix, year, ct)),
                OpportunityId = opportunity.Id, CustomerId = customer.Id, RequesterId = wanglei, Category = plan.Category,
                Description = plan.Need, DueAt = now.AddHours(plan.DueInHours), AssigneeId = assignee,
                ChecklistItems = await Checklists.ItemsForAsync(db, plan.Category, ct), CreatedAt = created, AssignedAt = created,
            };
            if (plan.FirstActionAfterHours is { } first) task.RecordFirstAction(created.AddHours(first));
            if (plan.DoneAfterHours is { } done)
                task.Complete(task.ChecklistItems.Take(plan.Checked), "现场已确认，详见匹配项。", [], created.AddHours(done));
            db.TechTasks.Add(task);
            if (task.IsOpen) TaskNotices.Assigned(notifier, db, task, customer.Name);
            await db.SaveChangesAsync(ct); // routing counts the saved requests
        }
    }
}
