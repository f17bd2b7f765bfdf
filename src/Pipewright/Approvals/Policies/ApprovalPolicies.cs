using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Approvals.Policies;

public sealed record ConditionInput
{
    [Required(ErrorMessage = "validation.required")] public ConditionKind? Kind { get; init; }
    [Range(0, 10_000_000_000, ErrorMessage = "validation.range")] public decimal? Threshold { get; init; }
}

public sealed record StepInput
{
    [Required(ErrorMessage = "validation.required")] public ApproverKind? ApproverKind { get; init; }
    public string? Role { get; init; }
    public Guid? UserId { get; init; }
    public ApprovalMode Mode { get; init; } = ApprovalMode.Any;
    [Range(1, 24 * 30, ErrorMessage = "validation.range")] public int DueHours { get; init; } = 24;
    public bool RejectToPreviousStep { get; init; }
}

public sealed record PolicyInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(ApprovalLimits.Name, MinimumLength = 1, ErrorMessage = "validation.length")]
    public string Name { get; init; } = "";
    public bool IsActive { get; init; } = true;
    [MaxLength(5, ErrorMessage = "validation.maxItems")] public List<ConditionInput> Conditions { get; init; } = [];
    [Required(ErrorMessage = "validation.required"), MinLength(1, ErrorMessage = "approval.policy.noSteps"), MaxLength(ApprovalLimits.MaxSteps, ErrorMessage = "validation.maxItems")]
    public List<StepInput> Steps { get; init; } = [];
}

public sealed record SavePoliciesRequest
{
    [MaxLength(ApprovalLimits.MaxPolicies, ErrorMessage = "validation.maxItems")] public List<PolicyInput> Policies { get; init; } = [];
}

public sealed record ConditionDto(ConditionKind Kind, decimal? Threshold);
public sealed record StepRuleDto(int Order, ApproverKind ApproverKind, string? Role, Guid? UserId, string? UserName, ApprovalMode Mode, int DueHours, bool RejectToPreviousStep);
public sealed record PolicyDto(Guid Id, string Name, int Order, bool IsActive, IReadOnlyList<ConditionDto> Conditions, IReadOnlyList<StepRuleDto> Steps);

/// <summary>The approval policies of one subject type, read by managers and replaced as a whole by an administrator.</summary>
public sealed class ApprovalPoliciesHandler(IDbContextFactory<PipewrightDb> dbFactory, CurrentUserLoader users, TimeProvider clock)
{
    public static bool MayRead(CurrentUser user) => user.SeesEverything || user.IsInRole(Roles.RegionalManager);

    public async Task<Outcome<IReadOnlyList<PolicyDto>>> ListAsync(string subjectType, CurrentUser user, CancellationToken ct)
    {
        if (!MayRead(user)) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var policies = await db.ApprovalPolicies.AsNoTracking().Include(p => p.Conditions).Include(p => p.Steps)
            .Where(p => p.SubjectType == subjectType).OrderBy(p => p.Order).ToListAsync(ct);
        var names = await users.DisplayNamesAsync(ct);
        return policies.Select(p => new PolicyDto(p.Id, p.Name, p.Order, p.IsActive,
            [.. p.Conditions.OrderBy(c => c.Kind).Select(c => new ConditionDto(c.Kind, c.Threshold))],
            [.. p.Steps.OrderBy(s => s.Order).Select(s => new StepRuleDto(s.Order, s.ApproverKind, s.Role, s.UserId,
                s.UserId is { } u ? names.GetValueOrDefault(u) : null, s.Mode, s.DueHours, s.RejectToPreviousStep))])).ToList();
    }

    public async Task<Outcome<IReadOnlyList<PolicyDto>>> SaveAsync(string subjectType, SavePoliciesRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!user.IsAdmin) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var errors = new Dictionary<string, string[]>();
        for (var p = 0; p < request.Policies.Count; p++)
        {
            var policy = request.Policies[p];
            for (var c = 0; c < policy.Conditions.Count; c++)
                if (policy.Conditions[c].Kind is ConditionKind.MinPriceRatioBelow or ConditionKind.MarginRateBelow or ConditionKind.TotalAbove
                    && policy.Conditions[c].Threshold is null)
                    errors[$"policies[{p}].conditions[{c}].threshold"] = [Failure.Invalid("threshold", "approval.policy.thresholdRequired").Detail];
            for (var s = 0; s < policy.Steps.Count; s++)
            {
                var step = policy.Steps[s];
                if (step.ApproverKind == ApproverKind.Role && (step.Role is null || !Roles.IsKnown(step.Role)))
                    errors[$"policies[{p}].steps[{s}].role"] = [Failure.Invalid("role", "approval.policy.roleUnknown").Detail];
                if (step.ApproverKind == ApproverKind.User && !await db.Users.AnyAsync(u => u.Id == step.UserId && u.IsActive, ct))
                    errors[$"policies[{p}].steps[{s}].userId"] = [Failure.Invalid("userId", "approval.policy.userUnknown").Detail];
            }
        }
        if (errors.Count > 0) return Failure.Invalid(errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ApprovalPolicies.RemoveRange(await db.ApprovalPolicies.Include(p => p.Conditions).Include(p => p.Steps)
            .Where(p => p.SubjectType == subjectType).ToListAsync(ct));
        var now = clock.GetUtcNow();
        for (var p = 0; p < request.Policies.Count; p++)
        {
            var input = request.Policies[p];
            var policy = new ApprovalPolicy { SubjectType = subjectType, Name = input.Name.Trim(), Order = p + 1, IsActive = input.IsActive, UpdatedAt = now };
            policy.Conditions = [.. input.Conditions.Select(c => new ApprovalCondition { PolicyId = policy.Id, Kind = c.Kind!.Value, Threshold = c.Threshold })];
            policy.Steps = [.. input.Steps.Select((s, i) => new ApprovalStepRule
            {
                PolicyId = policy.Id, Order = i + 1, ApproverKind = s.ApproverKind!.Value, Mode = s.Mode, DueHours = s.DueHours,
                Role = s.ApproverKind == ApproverKind.Role ? s.Role : null, UserId = s.ApproverKind == ApproverKind.User ? s.UserId : null,
                RejectToPreviousStep = i > 0 && s.RejectToPreviousStep,
            })];
            db.ApprovalPolicies.Add(policy);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await ListAsync(subjectType, user, ct);
    }
}
