using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;

namespace Pipewright.Dictation.Extraction;

public sealed record ExtractVoiceNoteRequest
{
    [Required(ErrorMessage = "validation.required"), MaxLength(VoiceNoteLimits.Text, ErrorMessage = "validation.maxLength")]
    public string Text { get; init; } = "";

    /// <summary>When the note was spoken: relative dates (明天, 下周四) count from this day in China time.</summary>
    [Required(ErrorMessage = "validation.required")]
    public DateTimeOffset? RecordedAt { get; init; }
}

public static class VoiceNoteLimits
{
    public const int Text = 2000;
}

/// <summary>Reads a note against the master data; a customer the caller may not see is never named.</summary>
public sealed class ExtractVoiceNoteHandler(IDbContextFactory<PipewrightDb> dbFactory, VocabularyCache vocabularies)
{
    public async Task<VoiceExtraction> HandleAsync(ExtractVoiceNoteRequest request, CurrentUser user, CancellationToken ct)
    {
        var vocabulary = await vocabularies.GetAsync(ct);
        IReadOnlySet<Guid>? visible = null;
        if (!user.SeesEverything)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            visible = (await db.Customers.VisibleTo(user).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        }
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(request.RecordedAt!.Value, ChinaTime.Zone).DateTime);
        return VoiceNoteExtractor.Extract(vocabulary, request.Text, today, visible);
    }
}
