using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Pipewright.Customers.ImportCustomers;

/// <summary>One row of a sheet: its number as the user sees it (1-based, title rows included) and its cells as text.</summary>
public sealed record SheetRow(int Number, string?[] Cells)
{
    public string? this[int column] => column < Cells.Length ? Cells[column] : null;

    public bool IsEmpty => Cells.All(string.IsNullOrWhiteSpace);
}

public enum SheetFormat { Xlsx, Csv, Unsupported, Unreadable }

/// <summary>
/// Reads an uploaded sheet row by row without loading it whole: xlsx through MiniExcel's streaming reader,
/// CSV through a small RFC 4180 reader in UTF-8 (with or without BOM) or GB18030 (what Chinese Excel saves).
/// </summary>
public static class SheetReader
{
    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>By content, not by name: an xlsx is a zip (PK), an old .xls a compound file (D0 CF).</summary>
    public static SheetFormat Detect(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        var read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read >= 2 && head[0] == (byte)'P' && head[1] == (byte)'K') return IsWorkbook(stream) ? SheetFormat.Xlsx : SheetFormat.Unreadable;
        if (read >= 4 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0) return SheetFormat.Unsupported;
        return SheetFormat.Csv;
    }

    /// <summary>A zip with a workbook in it: a truncated or foreign zip is refused before reading starts.</summary>
    private static bool IsWorkbook(Stream stream)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("xl/workbook.xml") is not null;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or IOException)
        {
            return false;
        }
        finally
        {
            stream.Position = 0;
        }
    }

    public static IEnumerable<SheetRow> Rows(Stream stream, SheetFormat format) =>
        format == SheetFormat.Xlsx ? XlsxRows(stream) : CsvRows(stream);

    private static IEnumerable<SheetRow> XlsxRows(Stream stream)
    {
        var number = 0;
        // useHeaderRow: false gives every row, keyed by column letter; MiniExcel yields empty rows too,
        // so the count is the row number the user sees in Excel.
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            number++;
            var cells = new string?[row.Count];
            foreach (var (column, value) in row)
            {
                var index = ColumnIndex(column);
                if (index >= cells.Length) Array.Resize(ref cells, index + 1);
                cells[index] = Text(value);
            }
            yield return new SheetRow(number, cells);
        }
    }

    private static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var c in letters) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        double d when d == Math.Truncate(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static IEnumerable<SheetRow> CsvRows(Stream stream)
    {
        using var reader = new StreamReader(stream, DetectEncoding(stream), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var number = 0;
        var cells = new List<string?>();
        var cell = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch != '"') cell.Append(ch);
                else if (reader.Peek() == '"') { reader.Read(); cell.Append('"'); }
                else quoted = false;
                continue;
            }
            switch (ch)
            {
                case '"' when cell.Length == 0: quoted = true; break;
                case ',': cells.Add(cell.ToString()); cell.Clear(); break;
                case '\r' or '\n':
                    if (ch == '\r' && reader.Peek() == '\n') reader.Read();
                    cells.Add(cell.ToString());
                    cell.Clear();
                    yield return new SheetRow(++number, [.. cells]);
                    cells.Clear();
                    any = false;
                    break;
                default: cell.Append(ch); break;
            }
        }
        if (any)
        {
            cells.Add(cell.ToString());
            yield return new SheetRow(++number, [.. cells]);
        }
    }

    /// <summary>
    /// UTF-8 when the file says so (BOM) or its start decodes as UTF-8; GB18030 (a superset of GBK and GB2312)
    /// otherwise: Chinese Excel saves "CSV" in the system code page.
    /// </summary>
    public static Encoding DetectEncoding(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) return new UTF8Encoding(false);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        try
        {
            // flush: false — a character cut at the end of the sample is not an error.
            strict.GetCharCount(buffer, 0, read, flush: false);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030");
        }
    }
}
