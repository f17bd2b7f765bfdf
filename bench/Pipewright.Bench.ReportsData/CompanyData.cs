using Pipewright.Activities;
using Pipewright.Approvals;
using Pipewright.Common;
using Pipewright.Common.Data;
using Pipewright.Common.Geo;
using Pipewright.Common.Phones;
using Pipewright.Customers;
using Pipewright.Customers.Rules;
using Pipewright.Demo;
using Pipewright.Leads;
using Pipewright.Pipeline;
using Pipewright.Pipeline.Configuration;
using Pipewright.Quotes;
using Pipewright.Tasks;

namespace Pipewright.Bench.ReportsData;

/// <summary>How much one company holds.</summary>
internal sealed record Sizes(int Customers, int Opportunities, int Activities, int Leads);

/// <summary>One company's rows, built in memory, in the order they are written.</summary>
internal sealed class CompanyRows
{
    public List<Customer> Customers { get; } = [];
    public List<LeadForm> Forms { get; } = [];
    public List<Lead> Leads { get; } = [];
    public List<Opportunity> Deals { get; } = [];
    public List<StageVisit> Visits { get; } = [];
    public List<Activity> Activities { get; } = [];
    public List<TechTask> Tasks { get; } = [];
    public List<Approval> Approvals { get; } = [];
    public List<ApprovalStep> Steps { get; } = [];
    public List<ApprovalTask> ApprovalTasks { get; } = [];
    public List<Quote> Quotes { get; } = [];
}

/// <summary>
/// Three years of one company: customers owned by a skewed set of reps, leads that are answered and sometimes
/// converted, deals that walk the default funnel stage by stage (forward, sometimes back, lost or won) with a
/// technical request when they reach 技术交流 and an approved quote when they reach 方案报价, and follow-ups along
/// every deal and customer. Every deal's StageKey, StageEnteredAt, Status, ClosedAt, LostReason and Competitor are
/// those of its last stay; a deal leaves 技术交流 only after its evaluation is completed and enters 方案报价 when its
/// quote is approved, as the app's evidence rules move it.
/// </summary>
internal sealed class CompanyData(Company company, Shapes shapes, PipelineSpec spec)
{
    private static readonly string[] Competitors = ["沪东阀门", "瓯江流体控制", "江南阀业", "北方泵阀", "中原特种阀门", "苏南自控"];
    private static readonly string[] DisqualifyReasons = ["无采购需求", "预算不足", "重复线索", "联系不上", "同行询价"];
    private static readonly string[] NextSteps = ["发送报价单", "安排技术交流", "回访确认需求", "寄送样品", "约见采购负责人", "确认付款条件", "跟进招标文件"];
    private static readonly (ActivityKind Kind, double Share, string[] Texts)[] Follow =
    [
        (ActivityKind.Call, 0.42, ["电话沟通{0}项目进度，客户在等设计院图纸", "电话确认{0}的工况参数和数量", "电话跟进报价反馈，客户认为价格偏高", "电话回访，客户下月开招标会"]),
        (ActivityKind.Visit, 0.28, ["拜访客户设备部，介绍{0}新品", "现场查看管线工况，记录{0}安装位置", "拜访采购经理，沟通付款方式", "陪同技术工程师现场交流{0}选型"]),
        (ActivityKind.Email, 0.1, ["发送{0}样本和技术参数表", "邮件发送报价单和资质文件"]),
        (ActivityKind.Meeting, 0.1, ["与客户技术部开会评审{0}技术协议", "参加客户供应商评审会"]),
        (ActivityKind.Note, 0.1, ["客户反馈竞品报价低约8%", "客户项目延期到下季度", "记录客户对{0}交期的要求"]),
    ];

    // Median days in each open stage, and the chance to go forward (not lost) when a stay ends.
    private static readonly Dictionary<string, double> DwellDays = new(StringComparer.Ordinal)
    {
        [Opportunity.FirstStageKey] = 9, [DefaultPipeline.Needs] = 12, [DefaultPipeline.Technical] = 24,
        [DefaultPipeline.Proposal] = 12, [DefaultPipeline.Negotiation] = 16,
    };

    private static readonly Dictionary<string, double> MoveBack = new(StringComparer.Ordinal)
    {
        [DefaultPipeline.Needs] = 0.3, [DefaultPipeline.Technical] = 0.55, [DefaultPipeline.Proposal] = 0.45, [DefaultPipeline.Negotiation] = 0.3,
    };

    private readonly Random _random = shapes.Random;
    private readonly CompanyRows _rows = new();
    private readonly Dictionary<Guid, List<Customer>> _customersOf = [];
    private readonly Dictionary<Guid, List<Guid>> _contactsOf = [];
    private readonly Dictionary<Guid, Customer> _customers = [];
    private readonly HashSet<Guid> _quoted = [];
    private double[] _ownerWeights = [];
    private Guid[] _owners = [];

    public CompanyRows Build(IReadOnlyList<DemoCustomer> customers, IReadOnlyList<DemoCustomer> strangers, Sizes sizes)
    {
        _owners = [.. company.Reps.OrderBy(_ => _random.Next())];
        _ownerWeights = Shapes.Skewed(_owners.Length);
        BuildCustomers(customers);
        var converted = BuildLeads(strangers, sizes.Leads);
        foreach (var lead in converted)
            Deal(lead.OwnerId, _customers[lead.CustomerId!.Value], lead.ConvertedAt!.Value, lead);
        while (_rows.Deals.Count < sizes.Opportunities)
        {
            var owner = Owner();
            if (!_customersOf.TryGetValue(owner, out var owned)) continue;
            Deal(owner, shapes.Pick(owned), shapes.Seasonal(shapes.Start, shapes.Now.AddDays(-1)), null);
        }
        FillFollowUps(sizes.Activities);
        // A customer exists before anything happens with it.
        foreach (var deal in _rows.Deals) Earliest(deal.CustomerId, deal.CreatedAt);
        foreach (var lead in _rows.Leads.Where(l => l.CustomerId is not null)) Earliest(lead.CustomerId!.Value, lead.CreatedAt);
        return _rows;
    }

    private Guid Owner() => _owners[shapes.PickWeighted(_ownerWeights)];

    private void BuildCustomers(IReadOnlyList<DemoCustomer> data)
    {
        foreach (var d in data)
        {
            var created = shapes.Seasonal(shapes.Start.AddMonths(-6), shapes.Now.AddDays(-7));
            // One in twenty waits in the public pool, as in the demo company.
            Guid? owner = shapes.Chance(0.05) ? null : Owner();
            var customer = new Customer
            {
                Name = d.Name, NameKey = CompanyNameKey.Compute(d.Name), CreditCode = d.CreditCode, Aliases = [.. d.Aliases],
                Industry = d.Industry, Region = d.Region, Address = d.Address, Location = GeoPoint.From(d.Lat, d.Lng, CoordinateSystem.Wgs84),
                Level = Enum.Parse<CustomerLevel>(d.Level), IsKey = d.IsKey, Source = d.Source, OwnerId = owner,
                OwnerSince = owner is null ? null : created, PooledAt = owner is null ? created : null,
                CreatedAt = created, UpdatedAt = created,
            };
            customer.Contacts = d.Contacts.Select(c => new Contact
            {
                CustomerId = customer.Id, Name = c.Name, Title = c.Title, Mobile = PhoneNumber.ToE164(c.Mobile),
                Phone = PhoneNumber.ToE164(c.Phone), Email = c.Email, WeChat = c.WeChat, CreatedAt = created,
            }).ToList();
            _rows.Customers.Add(customer);
            _customers[customer.Id] = customer;
            _contactsOf[customer.Id] = customer.Contacts.Select(c => c.Id).ToList();
            if (owner is { } o)
            {
                if (!_customersOf.TryGetValue(o, out var list)) _customersOf[o] = list = [];
                list.Add(customer);
            }
        }
    }

    private List<Lead> BuildLeads(IReadOnlyList<DemoCustomer> strangers, int count)
    {
        var forms = new[] { ("官网询价表", LeadChannel.Website), ("上海阀门展 登记表", LeadChannel.Expo), ("电话/转介绍 登记", LeadChannel.Other) }
            .Select(f => new LeadForm
            {
                Name = $"{f.Item1}{(company.Number == 0 ? "" : $"·{company.Number:D2}")}", Channel = f.Item2, OwnerId = company.GeneralManager,
                CreatedById = company.GeneralManager, CreatedAt = shapes.Start,
            }).ToList();
        _rows.Forms.AddRange(forms);
        var converted = new List<Lead>();
        for (var i = 0; i < count; i++)
        {
            var form = _random.NextDouble() switch { < 0.5 => forms[0], < 0.8 => forms[1], _ => forms[2] };
            var created = shapes.Seasonal(shapes.Start, shapes.Now.AddHours(-2));
            var owner = Owner();
            var after = shapes.AfterGoLive(created);
            var lead = new Lead { FormId = form.Id, Channel = form.Channel, OwnerId = owner, CreatedAt = created, UpdatedAt = created };
            // First response: a median of 6 h before the go-live, 1.5 h after; a few never answered.
            if (shapes.Chance(0.96))
            {
                var minutes = Math.Max(1, (int)Math.Round(shapes.LogNormal(after ? 90 : 360, 1.0)));
                var at = created.AddMinutes(minutes);
                if (at <= shapes.Now) (lead.FirstRespondedAt, lead.FirstResponseMinutes) = (at, minutes);
            }
            var age = shapes.Now - created;
            if (lead.FirstRespondedAt is { } answered && age > TimeSpan.FromDays(3) && _customersOf.TryGetValue(owner, out var owned)
                && shapes.Chance(after ? 0.26 : 0.18))
            {
                var customer = shapes.Pick(owned);
                var contact = customer.Contacts[0];
                lead.CompanyName = customer.Name;
                lead.NameKey = customer.NameKey;
                (lead.ContactName, lead.Mobile, lead.Email) = (contact.Name, contact.Mobile, contact.Email);
                lead.Status = LeadStatus.Converted;
                lead.CustomerId = customer.Id;
                var convertedAt = answered.AddHours(shapes.LogNormal(40, 0.8));
                lead.ConvertedAt = convertedAt < shapes.Now ? convertedAt : shapes.Now.AddMinutes(-5);
                lead.UpdatedAt = lead.ConvertedAt.Value;
                converted.Add(lead);
                FollowUp(customer, null, owner, answered, ActivityKind.Call, "首次电话联系询价客户，确认需求");
            }
            else
            {
                var d = strangers[i % strangers.Count];
                lead.CompanyName = d.Name;
                lead.NameKey = CompanyNameKey.Compute(d.Name);
                (lead.ContactName, lead.Mobile, lead.Email) = (d.Contacts[0].Name, PhoneNumber.ToE164(d.Contacts[0].Mobile), d.Contacts[0].Email);
                lead.Status = lead.FirstRespondedAt is null ? LeadStatus.New
                    : age < TimeSpan.FromDays(30) ? (shapes.Chance(0.5) ? LeadStatus.Contacted : LeadStatus.Qualified)
                    : LeadStatus.Disqualified;
                if (lead.Status == LeadStatus.Disqualified)
                {
                    lead.DisqualifyReason = shapes.Pick(DisqualifyReasons);
                    lead.UpdatedAt = lead.FirstRespondedAt!.Value.AddDays(shapes.LogNormal(5, 0.7));
                }
            }
            lead.ProductInterest = shapes.Pick(DemoCatalogue.ValveCategories);
            lead.Message = $"询{lead.ProductInterest}，请报价";
            _rows.Leads.Add(lead);
        }
        return converted;
    }

    private void Deal(Guid owner, Customer customer, DateTimeOffset created, Lead? lead)
    {
        var category = shapes.Chance(0.92) ? shapes.Pick(DemoCatalogue.ValveCategories) : null;
        var amount = Math.Max(5_000m, Math.Round((decimal)shapes.LogNormal(250_000, 0.9) / 1000m) * 1000m);
        var after = shapes.AfterGoLive(created);
        var deal = new Opportunity
        {
            CustomerId = customer.Id, OwnerId = owner, LeadId = lead?.Id,
            Title = Truncate($"{category ?? "阀门"} DN{_random.Next(5, 60) * 10} {_random.Next(2, 60) * 5}台 · {customer.Name}", OpportunityLimits.Title),
            ExpectedAmount = Money.FromYuan(amount), ProductCategory = category,
            ExpectedCloseDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(created, ChinaTime.Zone).Date).AddDays(60 + _random.Next(60)),
            DecisionMaker = shapes.Chance(after ? 0.85 : 0.6) ? customer.Contacts[0].Name : null,
            CreatedAt = created,
        };
        if (lead is not null) lead.OpportunityId = deal.Id;
        _rows.Deals.Add(deal);
        Walk(deal, customer, created);
        var end = deal.ClosedAt ?? shapes.Now;
        var followUps = 1 + (int)((end - created).TotalDays / 6);
        for (var i = 0; i < followUps; i++)
            FollowUp(customer, deal.Id, owner, created.AddMinutes(_random.NextDouble() * (end - created).TotalMinutes), null, null);
    }

    /// <summary>The deal's stays, stage by stage, until it is won, lost or still open now.</summary>
    private void Walk(Opportunity deal, Customer customer, DateTimeOffset created)
    {
        var stages = spec.Stages;
        var index = 0;
        var at = created;
        var how = StageMove.Created;
        string? reason = null;
        var moveBacks = 0;
        TechTask? evaluation = null;
        while (true)
        {
            var stage = stages[index];
            var visit = new StageVisit
            {
                OpportunityId = deal.Id, StageKey = stage.Key, EnteredAt = at, EnteredById = deal.OwnerId, EnteredHow = how, Reason = reason,
            };
            _rows.Visits.Add(visit);
            (deal.StageKey, deal.StageEnteredAt, deal.UpdatedAt) = (stage.Key, at, at);
            if (stage.IsWon)
            {
                (deal.Status, deal.ClosedAt) = (OpportunityStatus.Won, at);
                return;
            }
            if (stage.Key == DefaultPipeline.Technical && evaluation is null) evaluation = Evaluation(deal, customer, at);
            if (stage.Key == DefaultPipeline.Proposal) deal.MarginEstimate ??= Math.Round(0.15m + (decimal)_random.NextDouble() * 0.2m, 4);

            var stalled = stage.Key == DefaultPipeline.Technical && at < shapes.TechnicalFix ? 1.3 : 1.0;
            var faster = shapes.AfterGoLive(at) ? 0.78 : 1.0;
            var leave = at.AddDays(Math.Max(0.2, shapes.LogNormal(DwellDays[stage.Key] * stalled * faster, 0.6)));
            var back = index > 0 && moveBacks < 3 && shapes.Chance(MoveBack.GetValueOrDefault(stage.Key));
            var forward = !back && shapes.Chance(ForwardChance(stage.Key, leave));
            // 技术交流 is left forward only once the engineer's evaluation is done, with an approved quote.
            if (forward && stage.Key == DefaultPipeline.Technical)
            {
                var done = evaluation?.CompletedAt ?? DateTimeOffset.MaxValue;
                if (done == DateTimeOffset.MaxValue) leave = DateTimeOffset.MaxValue;
                else if (leave < done) leave = done.AddHours(shapes.LogNormal(20, 0.5));
            }
            if (leave > shapes.Now) return; // still open in this stage
            visit.LeftAt = leave;
            visit.LeftById = deal.OwnerId;
            if (back)
            {
                visit.LeftHow = StageMove.MovedBack;
                (index, how, reason, at) = (index - 1, StageMove.MovedBack, "客户需求变更，重新确认参数", leave);
                moveBacks++;
                // Back in the earlier stage briefly, then carried forward again by hand.
                var again = new StageVisit
                {
                    OpportunityId = deal.Id, StageKey = stages[index].Key, EnteredAt = at, EnteredById = deal.OwnerId, EnteredHow = how, Reason = reason,
                };
                var returnAt = at.AddDays(Math.Max(0.1, shapes.LogNormal(4, 0.6)));
                (deal.StageKey, deal.StageEnteredAt, deal.UpdatedAt) = (again.StageKey, at, at);
                _rows.Visits.Add(again);
                if (returnAt > shapes.Now) return;
                (again.LeftAt, again.LeftById, again.LeftHow) = (returnAt, deal.OwnerId, StageMove.Manual);
                (index, how, reason, at) = (index + 1, StageMove.Manual, null, returnAt);
                continue;
            }
            if (!forward)
            {
                visit.LeftHow = StageMove.Lost;
                Lose(deal, leave);
                return;
            }
            var enteringProposal = stages[index + 1].Key == DefaultPipeline.Proposal && !_quoted.Contains(deal.Id);
            if (enteringProposal) ApprovedQuote(deal, leave);
            visit.LeftHow = enteringProposal || how == StageMove.MovedBack || shapes.Chance(0.6) ? StageMove.Automatic : StageMove.Manual;
            if (stages[index + 1].IsWon) visit.LeftHow = StageMove.Manual;
            (index, how, reason, at) = (index + 1, visit.LeftHow.Value, null, leave);
        }
    }

    private double ForwardChance(string stage, DateTimeOffset at) => stage switch
    {
        Opportunity.FirstStageKey => 0.85,
        DefaultPipeline.Needs => 0.8,
        DefaultPipeline.Technical => at < shapes.TechnicalFix ? 0.32 : 0.49,
        DefaultPipeline.Proposal => shapes.AfterGoLive(at) ? 0.66 : 0.6,
        _ => 0.7,
    };

    private void Lose(Opportunity deal, DateTimeOffset at)
    {
        var reasons = spec.LostReasons;
        // The default funnel's reasons in its order: price, delivery, quality, competitor, cancelled, payment, unreachable, other.
        var index = _random.NextDouble() switch { < 0.3 => 0, < 0.4 => 1, < 0.48 => 2, < 0.73 => 3, < 0.85 => 4, < 0.9 => 5, < 0.95 => 6, _ => 7 };
        deal.LostReason = reasons.Count > index ? reasons[index] : reasons.LastOrDefault();
        deal.Competitor = index == 3 || (index == 0 && shapes.Chance(0.6)) ? shapes.Pick(Competitors) : null;
        (deal.Status, deal.ClosedAt, deal.UpdatedAt) = (OpportunityStatus.Lost, at, at);
    }

    private TechTask? Evaluation(Opportunity deal, Customer customer, DateTimeOffset stageEntered)
    {
        var created = stageEntered.AddHours(shapes.LogNormal(20, 0.6));
        if (created > shapes.Now) return null;
        var category = deal.ProductCategory ?? "闸阀";
        var engineers = company.Engineers.Where(e => e.Specialties.Contains(category)).ToList();
        var assignee = engineers.Count > 0 ? shapes.Pick(engineers).Id : shapes.Pick(company.Engineers).Id;
        var after = shapes.AfterGoLive(created);
        var task = new TechTask
        {
            OpportunityId = deal.Id, CustomerId = customer.Id, RequesterId = deal.OwnerId, Category = category,
            Description = $"{customer.Name} {category}技术评估：工况参数确认、选型与材质建议", DueAt = created.AddDays(3), AssigneeId = assignee,
            ChecklistItems = ["工况参数", "材质选型", "技术协议"], CreatedAt = created, AssignedAt = created,
        };
        var response = created.AddMinutes(shapes.LogNormal(after ? 120 : 300, 0.8));
        var done = shapes.Chance(after ? 0.86 : 0.68)
            ? created.AddMinutes((task.DueAt - created).TotalMinutes * (0.3 + 0.68 * _random.NextDouble()))
            : task.DueAt.AddDays(shapes.LogNormal(1.5, 0.7));
        if (response <= shapes.Now) task.RecordFirstAction(response < done ? response : done);
        if (done <= shapes.Now) task.Complete(task.ChecklistItems, "已提交选型建议和技术协议", [], done);
        _rows.Tasks.Add(task);
        return task;
    }

    /// <summary>The quote whose approval moves the deal into 方案报价 at <paramref name="approvedAt"/>: the regional manager, then the general manager above ¥500,000.</summary>
    private void ApprovedQuote(Opportunity deal, DateTimeOffset approvedAt)
    {
        var after = shapes.AfterGoLive(approvedAt);
        var steps = deal.ExpectedAmount is { } a && a >= Money.FromYuan(500_000) ? 2 : 1;
        var hours = Enumerable.Range(0, steps).Select(_ => Math.Max(0.1, shapes.LogNormal(after ? 5 : 20, 0.8))).ToArray();
        var submitted = approvedAt.AddHours(-hours.Sum());
        var quote = new Quote
        {
            OpportunityId = deal.Id, CustomerId = deal.CustomerId, OwnerId = deal.OwnerId, Status = QuoteStatus.Approved,
            ValidUntil = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(approvedAt, ChinaTime.Zone).Date).AddDays(30), TaxRate = 0.13m,
            SubmittedById = deal.OwnerId, SubmittedAt = submitted, ApprovedAt = approvedAt, CreatedAt = submitted.AddHours(-2), UpdatedAt = approvedAt,
        };
        quote.FamilyId = quote.Id;
        var approval = new Approval
        {
            SubjectType = QuoteApprovalSubject.Type, SubjectId = quote.Id, SubjectTitle = Truncate(deal.Title, 200),
            Summary = $"报价 ¥{deal.ExpectedAmount?.Yuan:N0}", SubmitterId = deal.OwnerId, OwnerId = deal.OwnerId, Status = ApprovalStatus.Approved,
            SubmittedAt = submitted, DecidedAt = approvedAt, UpdatedAt = approvedAt,
        };
        quote.ApprovalId = approval.Id;
        var activated = submitted;
        for (var s = 0; s < steps; s++)
        {
            var completed = activated.AddHours(hours[s]);
            var approver = s == 0 ? company.RegionalManagerOf[deal.OwnerId] : company.GeneralManager;
            var step = new ApprovalStep
            {
                ApprovalId = approval.Id, Order = s + 1, ApproverKind = s == 0 ? ApproverKind.RelativeRegionalManager : ApproverKind.Role,
                Role = s == 0 ? null : Common.Auth.Roles.GeneralManager, Mode = ApprovalMode.One, DueHours = 24, Status = StepStatus.Approved,
                ActivatedAt = activated, CompletedAt = completed, DueAt = activated.AddHours(24),
            };
            _rows.Steps.Add(step);
            _rows.ApprovalTasks.Add(new ApprovalTask
            {
                ApprovalId = approval.Id, StepId = step.Id, ApproverId = approver, AssigneeId = approver, Status = ApprovalTaskStatus.Approved,
                Comment = "同意", CreatedAt = activated, DecidedAt = completed,
            });
            activated = completed;
        }
        _rows.Approvals.Add(approval);
        _rows.Quotes.Add(quote);
        _quoted.Add(deal.Id);
    }

    private void FillFollowUps(int total)
    {
        var owned = _rows.Customers.Where(c => c.OwnerId is not null).ToList();
        while (_rows.Activities.Count < total)
        {
            var customer = shapes.Pick(owned);
            FollowUp(customer, null, customer.OwnerId!.Value, shapes.Seasonal(customer.CreatedAt, shapes.Now), null, null);
        }
        if (_rows.Activities.Count > total) _rows.Activities.RemoveRange(total, _rows.Activities.Count - total);
    }

    private void FollowUp(Customer customer, Guid? dealId, Guid author, DateTimeOffset at, ActivityKind? kind, string? text)
    {
        var roll = _random.NextDouble();
        var pick = Follow[^1];
        foreach (var f in Follow)
        {
            if ((roll -= f.Share) < 0) { pick = f; break; }
        }
        var activity = new Activity
        {
            CustomerId = customer.Id, OpportunityId = dealId, Kind = kind ?? pick.Kind, AuthorId = author, OccurredAt = at, CreatedAt = at,
            Content = text ?? string.Format(System.Globalization.CultureInfo.InvariantCulture, shapes.Pick(pick.Texts), shapes.Pick(DemoCatalogue.ValveCategories)),
            ContactIds = [shapes.Pick(_contactsOf[customer.Id])],
        };
        if (shapes.Chance(0.55))
        {
            activity.NextStep = shapes.Pick(NextSteps);
            var next = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, ChinaTime.Zone).Date).AddDays(_random.Next(2, 15));
            activity.NextDate = next;
            var due = new DateTimeOffset(next.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
            if (due < shapes.Now && shapes.Chance(0.85)) activity.NextStepDoneAt = due.AddHours(_random.Next(0, 30));
        }
        _rows.Activities.Add(activity);
    }

    private void Earliest(Guid customerId, DateTimeOffset at)
    {
        var customer = _customers[customerId];
        if (customer.CreatedAt <= at) return;
        var created = at.AddDays(-1 - _random.Next(30));
        (customer.CreatedAt, customer.UpdatedAt) = (created, created);
        if (customer.OwnerSince is not null) customer.OwnerSince = created;
        foreach (var c in customer.Contacts) c.CreatedAt = created;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
