using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pipewright.Catalog;
using Pipewright.Common;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Configuration;
using Pipewright.Pipeline.CreateOpportunity;

namespace Pipewright.Demo;

/// <summary>
/// ~150 deals spread over the funnel with histories that happened: each passed stage has its stay and the
/// completions that let the deal leave it; a cluster is stuck in 技术交流 past its norm (no site survey yet, as in
/// the field); some are won, some lost with the usual reasons.
/// </summary>
public static class DemoPipeline
{
    private static readonly string[] Subjects =
    [
        "DN200 闸阀", "不锈钢球阀", "电动蝶阀", "高压截止阀", "气动调节阀", "对夹止回阀", "衬氟球阀", "低温闸阀", "安全阀", "排污阀",
    ];
    private static readonly string[] Projects = ["技改项目", "新产线", "年度备件", "管网改造", "扩建二期", "检修更换"];
    private static readonly string[] Categories = ["闸阀", "球阀", "蝶阀", "截止阀", "调节阀", "止回阀"];
    private static readonly string[] DecisionMakers = ["设备部 张部长", "采购部 李经理", "总工 王工", "厂长 陈总", "技术科 刘科长"];
    private static readonly string[] Competitors = ["苏州纽威", "上海沪工阀门", "浙江超达", "江苏神通", ""];

    public static async Task LoadAsync(PipewrightDb db, DateTimeOffset now, CancellationToken ct)
    {
        var (spec, _) = await DefaultPipeline.CurrentAsync(db, ct);
        var customers = await db.Customers.AsNoTracking().Where(c => c.OwnerId != null)
            .OrderBy(c => c.Code).Select(c => new { c.Id, OwnerId = c.OwnerId!.Value }).ToListAsync(ct);
        var products = await db.Set<Product>().AsNoTracking().Where(p => p.IsActive).Select(p => p.Id).Take(20).ToListAsync(ct);
        if (customers.Count == 0) return;
        var random = new Random(20261129);
        var year = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).Year;
        var won = spec.Stages.FindIndex(s => s.IsWon);

        // (stage reached, how many, closed as) — the shape of a real funnel, wide at the top.
        var plan = new List<(int Stage, OpportunityStatus Status, bool Stalled)>();
        void Add(int stage, int count, OpportunityStatus status = OpportunityStatus.Open, bool stalled = false) =>
            plan.AddRange(Enumerable.Repeat((stage, status, stalled), count));
        Add(0, 30);
        Add(1, 26);
        Add(2, 14);
        Add(2, 16, stalled: true);
        Add(3, 20);
        Add(4, 14);
        Add(won, 14, OpportunityStatus.Won);
        for (var s = 0; s < won; s++) Add(s, 3, OpportunityStatus.Lost);

        for (var n = 0; n < plan.Count; n++)
        {
            var (target, status, stalled) = plan[n];
            var customer = customers[random.Next(customers.Count)];
            var stays = Enumerable.Range(0, target + 1).Select(i => StayDays(spec.Stages[i].DwellDays ?? 10, random)).ToList();
            if (stalled) stays[^1] = spec.Stages[target].DwellDays!.Value + random.Next(8, 45);
            // Closed deals closed a while ago; open ones are still in their last stay.
            var closedAgo = status == OpportunityStatus.Open ? 0 : random.Next(2, 60);
            var createdAt = now.AddDays(-stays.Sum() - closedAgo).AddHours(-random.Next(0, 9));
            var subject = Subjects[random.Next(Subjects.Length)];
            var o = new Opportunity
            {
                Code = CodeSequences.Format(Opportunities.CodePrefix, year, await db.NextAsync(Opportunities.CodePrefix, year, ct)),
                CustomerId = customer.Id, OwnerId = customer.OwnerId,
                Title = $"{subject} {Projects[random.Next(Projects.Length)]} {random.Next(2, 30) * 10} 台",
                CreatedAt = createdAt, Status = OpportunityStatus.Open,
            };
            db.Opportunities.Add(o);

            var at = createdAt;
            for (var i = 0; i <= target; i++)
            {
                var stage = spec.Stages[i];
                var visit = new StageVisit
                {
                    OpportunityId = o.Id, StageKey = stage.Key, EnteredAt = at, EnteredById = i == 0 ? o.OwnerId : null,
                    EnteredHow = i == 0 ? StageMove.Created : StageMove.Automatic,
                };
                db.StageVisits.Add(visit);
                (o.StageKey, o.StageEnteredAt) = (stage.Key, at);
                // What let the deal into this stage was done when it entered.
                foreach (var r in stage.Entry) Complete(db, o, r, at, random, products);
                var leaves = i < target || status != OpportunityStatus.Open;
                var end = at.AddDays(stays[i]);
                if (i < target)
                    foreach (var r in stage.Exit) Complete(db, o, r, end.AddHours(-random.Next(1, 20)), random, products);
                if (leaves) (visit.LeftAt, visit.LeftById, visit.LeftHow) = (end, null, i < target ? StageMove.Automatic : StageMove.Lost);
                at = end;
            }
            if (target == won) FillFields(o, FieldKindFields, random, products);
            if (status == OpportunityStatus.Won)
            {
                var last = db.StageVisits.Local.Single(v => v.OpportunityId == o.Id && v.StageKey == spec.Stages[won].Key);
                (last.LeftAt, last.LeftHow) = (null, null);
                (o.Status, o.ClosedAt) = (OpportunityStatus.Won, last.EnteredAt);
            }
            else if (status == OpportunityStatus.Lost)
            {
                (o.Status, o.ClosedAt) = (OpportunityStatus.Lost, at);
                o.LostReason = spec.LostReasons[random.Next(spec.LostReasons.Count)];
                o.Competitor = Competitors[random.Next(Competitors.Length)] is { Length: > 0 } c ? c : null;
            }
            o.ExpectedAmount ??= random.Next(3) == 0 ? null : Money.FromYuan(random.Next(5, 300) * 10_000m);
            o.UpdatedAt = o.ClosedAt ?? o.StageEnteredAt ?? createdAt;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Most stays are within the stage's norm, one in six runs over it.</summary>
    private static int StayDays(int norm, Random random) =>
        random.Next(6) == 0 ? norm + random.Next(1, 15) : Math.Max(1, random.Next(norm / 4, norm));

    private static void Complete(PipewrightDb db, Opportunity o, RequirementSpec r, DateTimeOffset at, Random random, List<Guid> products)
    {
        var completion = new RequirementCompletion { OpportunityId = o.Id, RequirementKey = r.Key, DoneAt = at, DoneById = o.OwnerId, UpdatedAt = at };
        switch (r.Kind)
        {
            case "form" or "checklist":
                var values = new JsonObject();
                foreach (var f in r.Fields ?? []) values[f.Key] = SampleValue(f, random, at);
                completion.Values = values.ToJsonString();
                break;
            case "field":
                FillFields(o, r.OpportunityFields ?? [], random, products);
                break;
        }
        db.RequirementCompletions.Add(completion);
    }

    private static JsonNode? SampleValue(FormFieldSpec f, Random random, DateTimeOffset at) => f.Type switch
    {
        "text" => "热电厂蒸汽管线，连续运行",
        "number" => JsonValue.Create(random.Next(2, 200)),
        "date" => at.AddDays(random.Next(30, 120)).ToString("yyyy-MM-dd"),
        "select" => f.Options![random.Next(f.Options.Count)],
        "multiSelect" => new JsonArray(JsonValue.Create(f.Options![random.Next(f.Options.Count)])),
        "boolean" => true,
        _ => null, // photos and files: the demo has no uploads
    };

    private static readonly List<string> FieldKindFields = [.. Pipeline.Requirements.FieldKind.Fields];

    private static void FillFields(Opportunity o, List<string> fields, Random random, List<Guid> products)
    {
        if (fields.Contains("expectedAmount")) o.ExpectedAmount ??= Money.FromYuan(random.Next(5, 300) * 10_000m);
        if (fields.Contains("expectedCloseDate")) o.ExpectedCloseDate ??= DateOnly.FromDateTime(o.CreatedAt.UtcDateTime).AddDays(random.Next(60, 180));
        if (fields.Contains("productCategory")) o.ProductCategory ??= Categories[random.Next(Categories.Length)];
        if (fields.Contains("decisionMaker")) o.DecisionMaker ??= DecisionMakers[random.Next(DecisionMakers.Length)];
        if (fields.Contains("marginEstimate")) o.MarginEstimate ??= Math.Round(0.12m + (decimal)random.NextDouble() * 0.2m, 2);
        if (fields.Contains("products") && products.Count > 0 && o.Products.Count == 0)
            o.Products.Add(new OpportunityProduct { OpportunityId = o.Id, ProductId = products[random.Next(products.Count)] });
    }
}
