using System.Globalization;
using MiniExcelLibs;

namespace Pipewright.Catalog;

/// <summary>A problem with one row of an imported sheet (rows numbered as Excel shows them).</summary>
public sealed record SheetProblem(int Row, string? Column, string Message);

/// <summary>
/// Reading the catalog's and the stock's xlsx sheets: rows under a header row, streamed by MiniExcel, cells found
/// by their Chinese (or English) header.
/// </summary>
public static class SheetRows
{
    /// <summary>
    /// The rows of the named sheet (else the first) as header → value, with the Excel row number. Blank rows are
    /// skipped. The stream must be seekable (an xlsx is a zip).
    /// </summary>
    public static IEnumerable<(int Row, IReadOnlyDictionary<string, object?> Cells)> Read(Stream xlsx, string? sheetName)
    {
        var names = MiniExcel.GetSheetNames(xlsx);
        xlsx.Position = 0;
        var sheet = sheetName is not null && names.Contains(sheetName) ? sheetName : sheetName is null ? names.FirstOrDefault() : null;
        if (sheet is null) yield break;
        var row = 1;
        foreach (IDictionary<string, object?> cells in MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: sheet))
        {
            row++;
            if (cells.Values.All(v => v is null || (v is string s && string.IsNullOrWhiteSpace(s)))) continue;
            yield return (row, cells.ToDictionary(c => c.Key.Trim(), c => c.Value));
        }
    }

    public static IReadOnlyList<string> SheetNames(Stream xlsx)
    {
        var names = MiniExcel.GetSheetNames(xlsx);
        xlsx.Position = 0;
        return names;
    }

    /// <summary>The first cell whose header is one of <paramref name="headers"/>, as trimmed text (null when empty).</summary>
    public static string? Text(IReadOnlyDictionary<string, object?> cells, params string[] headers)
    {
        foreach (var header in headers)
            if (cells.TryGetValue(header, out var value) && value is not null)
            {
                var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();
                return string.IsNullOrEmpty(text) ? null : text;
            }
        return null;
    }

    /// <summary>A number as Excel or a person writes it (12, "1,234.50", "¥980"); false when the cell holds something else.</summary>
    public static bool TryNumber(IReadOnlyDictionary<string, object?> cells, out decimal? number, params string[] headers)
    {
        number = null;
        foreach (var header in headers)
        {
            if (!cells.TryGetValue(header, out var value) || value is null) continue;
            switch (value)
            {
                case double d: number = (decimal)d; return true;
                case int i: number = i; return true;
                case long l: number = l; return true;
                case decimal m: number = m; return true;
            }
            var text = Convert.ToString(value, CultureInfo.InvariantCulture)!.Trim().TrimStart('¥', '￥').Replace(",", "", StringComparison.Ordinal);
            if (text.Length == 0) return true;
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) return false;
            number = parsed;
            return true;
        }
        return true;
    }

    /// <summary>
    /// Uploaded files are not always seekable: copies them to a temporary file that deletes itself when closed.
    /// </summary>
    public static async Task<Stream> SeekableAsync(Stream source, CancellationToken ct)
    {
        if (source.CanSeek) return source;
        var copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await source.CopyToAsync(copy, ct);
        copy.Position = 0;
        return copy;
    }

    /// <summary>An xlsx file starts like a zip: anything else is refused before MiniExcel tries it.</summary>
    public static bool LooksLikeXlsx(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        var read = stream.Read(head);
        stream.Position = 0;
        return read == 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4;
    }
}
