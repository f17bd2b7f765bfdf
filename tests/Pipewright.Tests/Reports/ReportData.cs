using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipewright.Approvals;
using Pipewright.Common;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Leads;
using Pipewright.Pipeline;
using Pipewright.Tasks;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Reports;

/// <summary>A stay in a stage, in days after <see cref="ReportData.T0"/>; How is how it ended.</summary>
public sealed record Stay(string Stage, double In, double? Out, StageMove? How = null);

public sealed record Deal(string Key, string Owner, decimal? Amount, string? Category, double Created, OpportunityStatus Status, double? Closed,
    string? Reason, string? Competitor, DateOnly? CloseDate, string? DecisionMaker, Stay[] Stays, CustomerFields Customer);

public sealed record CustomerFields(string? CreditCode, string? Industry, string? Region, string? Address, string? Source, (string? Title, string? Mobile)[] Contacts);

public sealed record HandLead(string Owner, double Created, int? ResponseMinutes, string? Deal);

public sealed record HandTask(string Deal, double Due, double? Completed, TechTaskStatus Status);

/// <summary>One decided (or still open) approval step: owner of the approval, order, activated and completed in days after T0.</summary>
public sealed record HandStep(string Approval, string Owner, int Order, double Activated, double? Completed, StepStatus Status);

/// <summary>
/// The small company of the report tests, written by hand: every figure the reports show is recomputed in the tests
/// from these lists with plain LINQ. March 2026 (China dates) is the period; "now" is 1 April 2026, 10:00 China time.
/// </summary>
public static class ReportData
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 4, 1, 2, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset PeriodStart = new(2026, 2, 28, 16, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset PeriodEnd = new(2026, 3, 31, 16, 0, 0, TimeSpan.Zero);
    public const string Period = "from=2026-03-01&to=2026-03-31";

    public static readonly string[] Stages = ["initial", "needs", "technical", "proposal", "negotiation", "contract"];
    public static readonly Dictionary<string, decimal> Probability = new()
    {
        ["initial"] = 0.1m, ["needs"] = 0.2m, ["technical"] = 0.4m, ["proposal"] = 0.6m, ["negotiation"] = 0.8m, ["contract"] = 1m,
    };

    /// <summary>The default funnel's dwell norms in days.</summary>
    public static readonly Dictionary<string, int> Norms = new()
    {
        ["initial"] = 14, ["needs"] = 14, ["technical"] = 21, ["proposal"] = 14, ["negotiation"] = 21,
    };

    public static DateTimeOffset At(double days) => T0.AddTicks((long)Math.Round(days * TimeSpan.TicksPerDay));

    public static bool InPeriod(DateTimeOffset at) => at >= PeriodStart && at < PeriodEnd;

    private static readonly CustomerFields Empty = new(null, null, null, null, null, []);

    public static readonly Deal[] Deals =
    [
        new("A", "rep1", 100000m, "闸阀", 0, OpportunityStatus.Won, 26, null, "远大阀门", new(2026, 3, 28), "张总",
            [new("initial", 0, 3), new("needs", 3, 8.25), new("technical", 8.25, 18), new("proposal", 18, 22), new("negotiation", 22, 26), new("contract", 26, null)],
            new("91330200MA2AAAAA1A", "通用设备", "浙江宁波", "北仑区大港路 8 号", "展会", [("采购经理", "+8613800000001"), (null, "+8613800000002")])),
        new("B", "rep1", 50000m, "球阀", 1, OpportunityStatus.Lost, 15, "价格过高", "远大阀门", null, null,
            [new("initial", 1, 2), new("needs", 2, 6), new("technical", 6, 9, StageMove.MovedBack), new("needs", 9, 11), new("technical", 11, 15, StageMove.Lost)],
            new(null, "化工", "浙江慈溪", null, null, [(null, null)])),
        new("C", "rep2", 80000m, "闸阀", 2, OpportunityStatus.Open, null, null, null, new(2026, 4, 30), null,
            [new("initial", 2, 4), new("needs", 4, null)], Empty),
        new("D", "rep2", 30000m, "闸阀", 5, OpportunityStatus.Lost, 7, "交期不满足", null, null, null,
            [new("initial", 5, 5.5), new("needs", 5.5, 7, StageMove.Lost)], new(null, "水务", "浙江余姚", "阳明街道 1 号", null, [])),
        new("E", "southrep", 200000m, "蝶阀", 3, OpportunityStatus.Open, null, null, null, new(2026, 5, 10), "李工",
            [new("initial", 3, 10), new("needs", 10, 12), new("technical", 12, null)],
            new("91440300MA5BBBBB2B", "电力", "广东深圳", "南山区科技园", "官网", [("厂长", "+8613900000003")])),
        new("F", "rep1", 60000m, "闸阀", -20, OpportunityStatus.Open, null, null, null, new(2026, 4, 15), null,
            [new("initial", -20, -10), new("needs", -10, 4), new("technical", 4, null)], new(null, null, null, null, "转介绍", [])),
        new("G", "rep2", 40000m, "球阀", -10, OpportunityStatus.Won, 12, null, "华通阀门", new(2026, 3, 15), "王总",
            [new("initial", -10, -5), new("needs", -5, 1), new("technical", 1, 6), new("proposal", 6, 9), new("negotiation", 9, 12), new("contract", 12, null)],
            new(null, "石化", "浙江舟山", null, null, [])),
        new("H", "rep1", null, null, 10, OpportunityStatus.Open, null, null, null, null, null,
            [new("initial", 10, null)], new(null, null, null, null, "电话", [])),
    ];

    public static readonly HandLead[] Leads =
    [
        new("rep1", 0, 90, "A"), new("rep1", 1, 240, "B"), new("rep2", 2, 30, null), new("rep2", 3, null, null),
        new("southrep", 4, 600, "E"), new("rep2", -15, 60, "G"),
    ];

    public static readonly HandTask[] Tasks =
    [
        new("A", 10, 9, TechTaskStatus.Done), new("B", 12, 13, TechTaskStatus.Done), new("C", 14, null, TechTaskStatus.Open),
        new("E", 15, 15 - 1 / 24d, TechTaskStatus.Done), new("F", 49, null, TechTaskStatus.Open), new("A", 11, null, TechTaskStatus.Cancelled),
    ];

    public static readonly HandStep[] Steps =
    [
        new("AP1", "rep1", 1, 18, 18 + 3 / 24d, StepStatus.Approved), new("AP1", "rep1", 2, 18 + 3 / 24d, 19 + 2 / 24d, StepStatus.Approved),
        new("AP2", "southrep", 1, 22, 22 + 5 / 24d, StepStatus.Rejected), new("AP3", "rep2", 1, 23, null, StepStatus.Active),
    ];

    public static async Task<Dictionary<string, Guid>> LoadAsync(CompanyApp app)
    {
        var dealIds = new Dictionary<string, Guid>();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipewrightDb>>().CreateDbContextAsync();
        var n = 0;
        foreach (var d in Deals)
        {
            n++;
            var owner = app.Users[d.Owner];
            var customer = new Customer
            {
                Code = $"KHR{n:D4}", Name = $"报表客户{d.Key}", NameKey = $"报表客户{d.Key}", OwnerId = owner, CreditCode = d.Customer.CreditCode,
                Industry = d.Customer.Industry, Region = d.Customer.Region, Address = d.Customer.Address, Source = d.Customer.Source,
                CreatedAt = At(d.Created), UpdatedAt = At(d.Created),
                Contacts = [.. d.Customer.Contacts.Select((k, i) => new Contact { Name = $"联系人{i}", Title = k.Title, Mobile = k.Mobile, CreatedAt = At(d.Created) })],
            };
            db.Customers.Add(customer);
            var last = d.Stays[^1];
            var o = new Opportunity
            {
                Code = $"SJR{n:D4}", CustomerId = customer.Id, Title = $"报表商机{d.Key}", OwnerId = owner, StageKey = last.Stage,
                StageEnteredAt = At(last.In), Status = d.Status, ExpectedAmount = d.Amount is { } a ? Money.FromYuan(a) : null,
                ExpectedCloseDate = d.CloseDate, ProductCategory = d.Category, DecisionMaker = d.DecisionMaker, LostReason = d.Reason,
                Competitor = d.Competitor, CreatedAt = At(d.Created), UpdatedAt = At(d.Created), ClosedAt = d.Closed is { } c ? At(c) : null,
            };
            db.Opportunities.Add(o);
            dealIds[d.Key] = o.Id;
            for (var i = 0; i < d.Stays.Length; i++)
            {
                var s = d.Stays[i];
                db.StageVisits.Add(new StageVisit
                {
                    OpportunityId = o.Id, StageKey = s.Stage, EnteredAt = At(s.In), EnteredHow = i == 0 ? StageMove.Created : StageMove.Automatic,
                    LeftAt = s.Out is { } left ? At(left) : null, LeftHow = s.Out is null ? null : s.How ?? StageMove.Automatic,
                });
            }
        }
        foreach (var l in Leads)
        {
            var created = At(l.Created);
            db.Leads.Add(new Lead
            {
                FormId = Guid.NewGuid(), CompanyName = "线索公司", NameKey = "线索公司", ContactName = "联系人", OwnerId = app.Users[l.Owner],
                Status = l.Deal is null ? LeadStatus.New : LeadStatus.Converted, OpportunityId = l.Deal is { } k ? dealIds[k] : null,
                CreatedAt = created, UpdatedAt = created,
                FirstRespondedAt = l.ResponseMinutes is { } m ? created.AddMinutes(m) : null, FirstResponseMinutes = l.ResponseMinutes,
            });
        }
        n = 0;
        foreach (var t in Tasks)
        {
            var deal = db.Opportunities.Local.Single(o => o.Id == dealIds[t.Deal]);
            db.TechTasks.Add(new TechTask
            {
                Code = $"JSR{++n:D4}", OpportunityId = deal.Id, CustomerId = deal.CustomerId, RequesterId = deal.OwnerId, Category = "闸阀",
                Description = "选型评估", DueAt = At(t.Due), AssigneeId = app.Users["engineer"], Status = t.Status,
                CompletedAt = t.Completed is { } c ? At(c) : null, CreatedAt = At(t.Due - 5), AssignedAt = At(t.Due - 5),
            });
        }
        foreach (var group in Steps.GroupBy(s => s.Approval))
        {
            var first = group.First();
            db.Approvals.Add(new Approval
            {
                SubjectType = "Quote", SubjectId = Guid.NewGuid(), SubjectTitle = group.Key, SubmitterId = app.Users[first.Owner], OwnerId = app.Users[first.Owner],
                Status = ApprovalStatus.Pending, SubmittedAt = At(first.Activated), UpdatedAt = At(first.Activated),
                Steps = [.. group.Select(s => new ApprovalStep
                {
                    Order = s.Order, Status = s.Status, ActivatedAt = At(s.Activated), CompletedAt = s.Completed is { } c ? At(c) : null, DueHours = 24,
                })],
            });
        }
        await db.SaveChangesAsync();
        return dealIds;
    }
}

/// <summary>The company of <see cref="CompanyApp"/> with <see cref="ReportData"/> loaded and the clock at <see cref="ReportData.Now"/>.</summary>
public sealed class ReportsApp : CompanyApp
{
    public Dictionary<string, Guid> DealIds { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        DealIds = await ReportData.LoadAsync(this);
        Clock.Set(ReportData.Now);
    }
}
