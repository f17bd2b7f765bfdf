using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pipewright.Common.Api;
using Pipewright.Common.Audit;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;

namespace Pipewright.Reports.Baseline;

/// <summary>The period the company compares itself against on the effectiveness dashboard (e.g. the quarter before go-live). One per company.</summary>
public sealed class ReportBaseline : IAudited, IVersioned
{
    public static readonly Guid SingletonId = new("0199c0de-0000-7000-8000-00000000b801");

    public Guid Id { get; set; } = SingletonId;
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<ReportBaseline>
    {
        public void Configure(EntityTypeBuilder<ReportBaseline> b) => b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public static class ReportTables
{
    extension(PipewrightDb db)
    {
        public DbSet<ReportBaseline> ReportBaselines => db.Set<ReportBaseline>();
        public DbSet<WeeklySummaryRun> WeeklySummaryRuns => db.Set<WeeklySummaryRun>();
    }
}

/// <summary>Marks a week's summary as sent, so that a restart or a second node does not send it twice.</summary>
public sealed class WeeklySummaryRun
{
    /// <summary>The Monday (China date) of the week summarised.</summary>
    public DateOnly WeekStart { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public int Recipients { get; set; }

    public sealed class Configuration : IEntityTypeConfiguration<WeeklySummaryRun>
    {
        public void Configure(EntityTypeBuilder<WeeklySummaryRun> r) => r.HasKey(x => x.WeekStart);
    }
}

public sealed record BaselineRequest : IValidatableObject
{
    [Required(ErrorMessage = "validation.required")] public DateOnly? From { get; init; }
    [Required(ErrorMessage = "validation.required")] public DateOnly? To { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From is { } from && To is { } to)
        {
            if (from > to) yield return new ValidationResult("reports.filter.toBeforeFrom", [nameof(To)]);
            else if (to.DayNumber - from.DayNumber >= ReportFilter.MaxDays) yield return new ValidationResult("reports.filter.tooLong", [nameof(To)]);
        }
    }
}

public sealed record BaselineDto(DateOnly From, DateOnly To, DateTimeOffset UpdatedAt);

/// <summary>Reads and sets the company's baseline period; only the general manager and administrators set it (audited).</summary>
public sealed class BaselineHandler(IDbContextFactory<PipewrightDb> dbFactory, TimeProvider clock)
{
    public static bool MaySet(CurrentUser user) => user.IsAdmin || user.IsInRole(Roles.GeneralManager);

    public async Task<BaselineDto?> GetAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReportBaselines.AsNoTracking().Select(b => new BaselineDto(b.From, b.To, b.UpdatedAt)).SingleOrDefaultAsync(ct);
    }

    public async Task<Outcome<BaselineDto>> SetAsync(BaselineRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!MaySet(user)) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var baseline = await db.ReportBaselines.SingleOrDefaultAsync(ct);
        if (baseline is null) db.ReportBaselines.Add(baseline = new ReportBaseline());
        (baseline.From, baseline.To, baseline.UpdatedAt) = (request.From!.Value, request.To!.Value, clock.GetUtcNow());
        baseline.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first saves at once: the singleton's key refuses the second.
            return Failure.Concurrency();
        }
        return new BaselineDto(baseline.From, baseline.To, baseline.UpdatedAt);
    }
}
