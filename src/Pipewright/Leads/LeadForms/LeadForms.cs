using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using QRCoder;

namespace Pipewright.Leads.LeadForms;

public sealed record CreateLeadFormRequest
{
    [Required(ErrorMessage = "validation.required"), StringLength(LeadLimits.FormName, MinimumLength = 2, ErrorMessage = "validation.length")]
    public string Name { get; init; } = "";

    [Required(ErrorMessage = "validation.required"), AllowedValues("website", "expo", "other", ErrorMessage = "leadForm.channel.invalid")]
    public string Channel { get; init; } = "";

    public Guid? OwnerId { get; init; }

    /// <summary>Leads rotate among this team's active sales reps (managers only).</summary>
    public Guid? TeamId { get; init; }
}

public sealed record LeadFormDto(Guid Id, string Name, LeadChannel Channel, string FormKey, string Url, Guid OwnerId, string? OwnerName,
    Guid? TeamId, string? TeamName, bool IsActive, int Leads, DateTimeOffset CreatedAt);

public sealed record TeamChoice(Guid Id, string Name);

public sealed class LeadOptions
{
    /// <summary>
    /// The address strangers reach Pipewright at (https://crm.example.com), for form links and QR codes. Empty: the
    /// address of the request, which behind a proxy or on a laptop at a trade show may not be the one phones can reach.
    /// </summary>
    [Url] public string? PublicBaseUrl { get; set; }
}

/// <summary>
/// Lead forms. Admins, the general manager and regional managers manage the forms of their scope and may make a
/// team form (round robin); a sales rep may make forms of their own (their booth, their website campaign).
/// Finance and engineers don't capture leads.
/// </summary>
public sealed class LeadFormsHandler(IDbContextFactory<PipewrightDb> dbFactory, IOptions<LeadOptions> options,
    CurrentUserLoader people, TimeProvider clock)
{
    public static bool MayManage(CurrentUser user) =>
        user.IsAdmin || user.IsInRole(Roles.GeneralManager) || user.IsInRole(Roles.RegionalManager) || user.IsInRole(Roles.SalesRep);

    private static bool MayRouteToTeams(CurrentUser user) =>
        user.IsAdmin || user.IsInRole(Roles.GeneralManager) || user.IsInRole(Roles.RegionalManager);

    public async Task<Outcome<LeadFormDto>> CreateAsync(CreateLeadFormRequest request, CurrentUser user, string requestBase, CancellationToken ct)
    {
        if (!MayManage(user)) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var owner = await CustomerRules.ResolveOwnerAsync(db, user, request.OwnerId, null, ct);
        if (owner.Failure is { } ownerFailure) return ownerFailure;
        if (request.TeamId is { } teamId)
        {
            if (!MayRouteToTeams(user)) return Failure.Forbidden();
            if (!await db.Teams.AnyAsync(t => t.Id == teamId, ct)) return Failure.Invalid("teamId", "leadForm.team.unknown");
            if (!user.SeesEverything && !user.ScopeTeamIds.Contains(teamId)) return Failure.Forbidden();
        }
        var form = new LeadForm
        {
            Name = request.Name.Trim(),
            Channel = Enum.Parse<LeadChannel>(request.Channel, ignoreCase: true),
            OwnerId = owner.Value!.Value,
            TeamId = request.TeamId,
            CreatedById = user.Id,
            CreatedAt = clock.GetUtcNow(),
        };
        db.LeadForms.Add(form);
        await db.SaveChangesAsync(ct);
        return (await ListAsync(db, user, requestBase, form.Id, ct)).Single();
    }

    public async Task<IReadOnlyList<LeadFormDto>> ListAsync(CurrentUser user, string requestBase, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ListAsync(db, user, requestBase, null, ct);
    }

    public async Task<Outcome<LeadFormDto>> GetAsync(Guid id, CurrentUser user, string requestBase, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ListAsync(db, user, requestBase, id, ct)).SingleOrDefault() is { } form ? form : Failure.NotFound();
    }

    public async Task<Outcome<LeadFormDto>> SetActiveAsync(Guid id, bool active, CurrentUser user, string requestBase, CancellationToken ct)
    {
        if (!MayManage(user)) return Failure.Forbidden();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = user.Actor;
        var form = await db.LeadForms.VisibleTo(user).SingleOrDefaultAsync(f => f.Id == id, ct);
        if (form is null) return Failure.NotFound();
        form.IsActive = active;
        await db.SaveChangesAsync(ct);
        return (await ListAsync(db, user, requestBase, id, ct)).Single();
    }

    /// <summary>The teams a manager may route a form's leads to: their team tree, or every team for management.</summary>
    public async Task<IReadOnlyList<TeamChoice>> TeamChoicesAsync(CurrentUser user, CancellationToken ct)
    {
        if (!MayRouteToTeams(user)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teams = db.Teams.AsNoTracking();
        if (!user.SeesEverything)
        {
            var scope = user.ScopeTeamIds.ToList();
            teams = teams.Where(t => scope.Contains(t.Id));
        }
        return await teams.OrderBy(t => t.Name).Select(t => new TeamChoice(t.Id, t.Name)).ToListAsync(ct);
    }

    /// <summary>The QR code of the form's public address, as a PNG (no System.Drawing: it runs on any Linux).</summary>
    public async Task<Outcome<byte[]>> QrCodeAsync(Guid id, CurrentUser user, string requestBase, CancellationToken ct)
    {
        var form = await GetAsync(id, user, requestBase, ct);
        return form.Failure is { } failure ? failure : QrPng(form.Value!.Url);
    }

    public static byte[] QrPng(string url, int pixelsPerModule = 10)
    {
        using var generator = new QRCodeGenerator();
        // Level M survives a crease or a reflection on a printed poster and keeps the code small enough to scan from afar.
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    public string FormUrl(string formKey, string requestBase) =>
        $"{(string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? requestBase : options.Value.PublicBaseUrl).TrimEnd('/')}/f/{formKey}";

    private async Task<List<LeadFormDto>> ListAsync(PipewrightDb db, CurrentUser user, string requestBase, Guid? id, CancellationToken ct)
    {
        var forms = db.LeadForms.AsNoTracking().VisibleTo(user);
        var leads = db.Leads;
        if (id is { } only) forms = forms.Where(f => f.Id == only);
        var rows = await forms.OrderByDescending(f => f.IsActive).ThenByDescending(f => f.CreatedAt)
            .Select(f => new { Form = f, Leads = leads.Count(l => l.FormId == f.Id) })
            .ToListAsync(ct);
        var teamIds = rows.Where(r => r.Form.TeamId != null).Select(r => r.Form.TeamId!.Value).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var names = await people.DisplayNamesAsync(ct);
        return rows.Select(r => new LeadFormDto(r.Form.Id, r.Form.Name, r.Form.Channel, r.Form.FormKey, FormUrl(r.Form.FormKey, requestBase),
            r.Form.OwnerId, names.GetValueOrDefault(r.Form.OwnerId), r.Form.TeamId,
            r.Form.TeamId is { } t ? teams.GetValueOrDefault(t) : null, r.Form.IsActive, r.Leads, r.Form.CreatedAt)).ToList();
    }
}
