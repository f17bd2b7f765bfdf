using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Phones;
using Pipewright.Customers;
using Pipewright.Customers.Rules;
using Pipewright.Leads;
using Pipewright.Pipeline.CreateOpportunity;

namespace Pipewright.Demo;

/// <summary>
/// Lead forms of two trade shows and the website, and ~30 leads in every status of the inbox: some from firms that
/// are already customers (attached), some converted into deals, with first-response times for the reports.
/// </summary>
public static class DemoLeads
{
    public const string ShanghaiExpo = "2026 上海国际流体机械展";
    public const string WenzhouExpo = "2026 温州泵阀展";
    public const string Website = "官网询价";

    private static readonly string[] NewCompanies =
    [
        "宁波北仑港通机械有限公司", "慈溪新宇液压设备有限公司", "余姚华泰管业有限公司", "上海申江水务工程有限公司", "苏州工业园区恒润化工有限公司",
        "嘉兴港区石化储运有限公司", "温州龙湾精密铸造有限公司", "台州黄岩东方泵业有限公司", "绍兴柯桥印染集团有限公司", "舟山海洋石化装备有限公司",
        "杭州萧山热电有限公司", "无锡惠山环保水处理有限公司", "南通通州船舶配套有限公司", "常州武进燃气设备有限公司", "湖州南浔供水有限公司",
        "金华婺城自来水有限公司", "扬州邗江化工机械有限公司", "连云港石化产业园服务有限公司", "上海临港能源科技有限公司", "宁波镇海炼化检修有限公司",
    ];

    private static readonly string[] People = ["张建华", "李伟", "王芳", "刘洋", "陈刚", "杨静", "赵军", "黄磊", "周敏", "吴涛", "徐强", "孙丽"];
    private static readonly string[] Products = ["DN200 闸阀", "不锈钢球阀", "电动蝶阀", "高压截止阀", "气动调节阀", "对夹止回阀", "衬氟球阀", "低温闸阀"];
    private static readonly string[] Messages =
    [
        "项目下月招标，请发一份报价。", "需要 API 600 认证资料。", "现有阀门漏水，想换一批。", "请技术来现场看一下工况。", "展会上聊过，想要样本和价格。", "",
    ];
    private static readonly string[] DisqualifyReasons = ["同行询价", "电话空号，邮件退回", "个人采购，不是企业客户"];

    public static async Task LoadAsync(PipewrightDb db, DateTimeOffset now, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.TeamId }).ToListAsync(ct);
        var wanglei = users.Single(u => u.UserName == "wanglei");
        var chenjing = users.Single(u => u.UserName == "chenjing");
        var ningboReps = users.Where(u => u.TeamId == wanglei.TeamId).Select(u => u.Id).Order().ToList();

        var shanghai = Form(ShanghaiExpo, LeadChannel.Expo, wanglei.Id, null, now.AddDays(-30));
        var wenzhou = Form(WenzhouExpo, LeadChannel.Expo, chenjing.Id, wanglei.TeamId, now.AddDays(-25));
        var website = Form(Website, LeadChannel.Website, chenjing.Id, wanglei.TeamId, now.AddDays(-60));
        db.LeadForms.AddRange(shanghai, wenzhou, website);

        // Firms that are already wanglei's customers come back at the booth: their leads are attached to them.
        var known = await db.Customers.AsNoTracking().Include(c => c.Contacts).Where(c => c.OwnerId == wanglei.Id)
            .OrderBy(c => c.Code).Take(16).ToListAsync(ct);

        var random = new Random(20261128);
        var statuses = new[]
        {
            LeadStatus.New, LeadStatus.New, LeadStatus.Contacted, LeadStatus.Qualified, LeadStatus.New,
            LeadStatus.Converted, LeadStatus.Contacted, LeadStatus.Disqualified, LeadStatus.Qualified, LeadStatus.Converted,
        };
        var rotation = 0;
        var nextKnown = 0;
        for (var i = 0; i < 30; i++)
        {
            var form = (i % 3) switch { 0 => shanghai, 1 => wenzhou, _ => website };
            var status = statuses[i % statuses.Length];
            var customer = (i % 3 == 0 || status == LeadStatus.Converted) && nextKnown < known.Count ? known[nextKnown++] : null;
            var createdAt = now.AddHours(-(i * 14 + random.Next(1, 10)));
            var company = customer?.Name ?? NewCompanies[i % NewCompanies.Length];
            var contact = customer?.Contacts.FirstOrDefault();
            var ownerId = form.TeamId is null ? form.OwnerId : ningboReps[rotation++ % ningboReps.Count];
            if (form.TeamId is not null) form.LastAssignedUserId = ownerId;
            var lead = new Lead
            {
                FormId = form.Id,
                Channel = form.Channel,
                CompanyName = company,
                NameKey = CompanyNameKey.Compute(company),
                ContactName = contact?.Name ?? People[i % People.Length],
                Mobile = contact?.Mobile ?? PhoneNumber.ToE164($"13{random.Next(5, 9)}{random.Next(10_000_000, 99_999_999)}"),
                Email = i % 4 == 0 ? $"purchase{i}@example.com" : null,
                ProductInterest = Products[i % Products.Length],
                Message = Messages[i % Messages.Length] is { Length: > 0 } m ? m : null,
                Status = status,
                DisqualifyReason = status == LeadStatus.Disqualified ? DisqualifyReasons[i % DisqualifyReasons.Length] : null,
                OwnerId = ownerId,
                CustomerId = customer?.Id,
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
            };
            if (status is LeadStatus.Contacted or LeadStatus.Qualified or LeadStatus.Converted)
                lead.RecordResponse(createdAt.AddMinutes(random.Next(12, 8 * 60)));
            if (status == LeadStatus.Converted && customer is not null)
            {
                var opportunity = await Opportunities.OpenAsync(db, customer.Id, ownerId,
                    $"{company} · {lead.ProductInterest}", null, null, null, lead.Id, createdAt.AddDays(1), ct);
                lead.OpportunityId = opportunity.Id;
                lead.ConvertedAt = createdAt.AddDays(1);
            }
            else if (status == LeadStatus.Converted)
            {
                lead.Status = LeadStatus.Qualified; // the demo has fewer known customers than converted leads
            }
            db.Leads.Add(lead);
        }
        await db.SaveChangesAsync(ct);
    }

    private static LeadForm Form(string name, LeadChannel channel, Guid ownerId, Guid? teamId, DateTimeOffset createdAt) => new()
    {
        Name = name, Channel = channel, OwnerId = ownerId, TeamId = teamId, CreatedById = ownerId, CreatedAt = createdAt,
    };
}
