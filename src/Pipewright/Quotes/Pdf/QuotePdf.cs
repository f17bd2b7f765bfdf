using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Pipewright.Common.Api;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;
using Pipewright.Customers;
using Pipewright.Pipeline;

namespace Pipewright.Quotes.Pdf;

/// <summary>The letterhead of quotes (Company:* keys); the defaults are the demo company's.</summary>
public sealed class CompanyOptions
{
    [Required] public string Name { get; set; } = "浙江恒信阀业有限公司";
    public string Address { get; set; } = "浙江省温州市龙湾区永兴街道阀门工业园 18 号";
    public string Phone { get; set; } = "0577-8655 6000";

    /// <summary>A TrueType font with Chinese glyphs (PDFsharp embeds TrueType outlines only, not the CFF of Noto CJK).</summary>
    public string PdfFont { get; set; } = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
}

/// <summary>PDFsharp's fonts come from one CJK TrueType file, whatever family a page asks for (PDFsharp has no system fonts on Linux).</summary>
internal sealed class CjkFontResolver(string path) : IFontResolver
{
    private const string Face = "cjk";
    private readonly Lazy<byte[]> _bytes = new(() => FirstFontOf(File.ReadAllBytes(path)));

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(Face, bold, false);

    public byte[] GetFont(string faceName) => _bytes.Value;

    /// <summary>
    /// PDFsharp reads single fonts only; the CJK fonts Debian ships with Latin glyphs too (WenQuanYi Micro Hei) are
    /// collections (.ttc). The first face is copied out into a plain TrueType file: table records re-pointed, tables as they are.
    /// </summary>
    internal static byte[] FirstFontOf(byte[] file)
    {
        if (file.Length < 12 || System.Text.Encoding.ASCII.GetString(file, 0, 4) != "ttcf") return file;
        var start = (int)ReadUInt32(file, 12);
        var tables = (file[start + 4] << 8) | file[start + 5];
        var headerLength = 12 + 16 * tables;
        using var output = new MemoryStream();
        output.Write(file, start, headerLength);
        var header = output.ToArray();
        var position = headerLength;
        var bodies = new List<(int Offset, int Length)>();
        for (var i = 0; i < tables; i++)
        {
            var record = 12 + 16 * i;
            var (offset, length) = ((int)ReadUInt32(header, record + 8), (int)ReadUInt32(header, record + 12));
            WriteUInt32(header, record + 8, (uint)position);
            bodies.Add((offset, length));
            position += (length + 3) & ~3;
        }
        output.SetLength(0);
        output.Write(header);
        foreach (var (offset, length) in bodies)
        {
            output.Write(file, offset, length);
            output.Write(new byte[((length + 3) & ~3) - length]);
        }
        return output.ToArray();
    }

    private static uint ReadUInt32(byte[] b, int at) => (uint)(b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]);

    private static void WriteUInt32(byte[] b, int at, uint value)
    {
        b[at] = (byte)(value >> 24);
        b[at + 1] = (byte)(value >> 16);
        b[at + 2] = (byte)(value >> 8);
        b[at + 3] = (byte)value;
    }

    private static readonly Lock Gate = new();

    /// <summary>PDFsharp's resolver is process-wide and may be set once.</summary>
    public static void EnsureInstalled(string path)
    {
        lock (Gate)
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new CjkFontResolver(path);
    }
}

/// <summary>The quote as the customer receives it: letterhead, lines, totals in figures and in 大写, validity and delivery.</summary>
public sealed class QuotePdfHandler(IDbContextFactory<PipewrightDb> dbFactory, IOptions<CompanyOptions> company, CurrentUserLoader users)
{
    private static readonly Strings L = new();

    public async Task<Outcome<(byte[] Content, string FileName)>> HandleAsync(Guid id, CurrentUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var quote = await QuoteReader.FindVisibleAsync(db, id, user, ct);
        if (quote is null) return Failure.NotFound();
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == quote.CustomerId).Select(c => new { c.Name, c.Address }).SingleAsync(ct);
        var opportunity = await db.Opportunities.Where(o => o.Id == quote.OpportunityId).Select(o => o.Title).SingleOrDefaultAsync(ct);
        var owner = (await users.DisplayNamesAsync(ct)).GetValueOrDefault(quote.OwnerId) ?? "";
        var code = QuoteViews.DisplayCode(quote.Code, quote.Revision);
        return (Render(quote, code, customer.Name, customer.Address, opportunity, owner), $"{code}.pdf");
    }

    private byte[] Render(Quote quote, string code, string customer, string? address, string? opportunity, string owner)
    {
        CjkFontResolver.EnsureInstalled(company.Value.PdfFont);
        var figures = quote.Figures();
        var document = new PdfDocument();
        document.Info.Title = $"{L["quote.pdf.title"]} {code}";
        var title = new XFont("cjk", 20, XFontStyleEx.Bold);
        var heading = new XFont("cjk", 14, XFontStyleEx.Bold);
        var body = new XFont("cjk", 9.5, XFontStyleEx.Regular);
        var small = new XFont("cjk", 8, XFontStyleEx.Regular);
        const double left = 40, right = 555;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        var gfx = XGraphics.FromPdfPage(page);
        double y = 40;

        void Text(string text, XFont font, double x, double width, XStringFormat format) =>
            gfx.DrawString(text, font, XBrushes.Black, new XRect(x, y, width, font.Size * 1.4), format);

        Text(company.Value.Name, heading, left, right - left, XStringFormats.TopLeft);
        y += 20;
        Text($"{company.Value.Address}    {L["quote.pdf.phone"]} {company.Value.Phone}", small, left, right - left, XStringFormats.TopLeft);
        y += 14;
        gfx.DrawLine(new XPen(XColors.DarkSlateGray, 1.2), left, y, right, y);
        y += 12;
        Text(L["quote.pdf.title"], title, left, right - left, XStringFormats.TopCenter);
        y += 36;

        var today = quote.SubmittedAt ?? quote.CreatedAt;
        var rows = new[]
        {
            ($"{L["quote.pdf.code"]}: {code}", $"{L["quote.pdf.date"]}: {TimeZoneInfo.ConvertTime(today, ChinaTime.Zone):yyyy-MM-dd}"),
            ($"{L["quote.pdf.customer"]}: {customer}", $"{L["quote.pdf.validUntil"]}: {quote.ValidUntil:yyyy-MM-dd}"),
            ($"{L["quote.pdf.address"]}: {address ?? "-"}", $"{L["quote.pdf.delivery"]}: {quote.PromisedDeliveryDate?.ToString("yyyy-MM-dd") ?? L["quote.pdf.deliveryOpen"]}"),
            ($"{L["quote.pdf.project"]}: {opportunity ?? "-"}", $"{L["quote.pdf.salesperson"]}: {owner}"),
        };
        foreach (var (a, b) in rows)
        {
            Text(a, body, left, 330, XStringFormats.TopLeft);
            Text(b, body, 380, right - 380, XStringFormats.TopLeft);
            y += 16;
        }
        y += 8;

        double[] columns = [left, 70, 260, 320, 350, 440, right];
        string[] headers = [L["quote.pdf.no"], L["quote.pdf.product"], L["quote.pdf.quantity"], L["quote.pdf.unit"], L["quote.pdf.unitPrice"], L["quote.pdf.amount"]];
        void Header()
        {
            gfx.DrawRectangle(XBrushes.WhiteSmoke, left, y - 3, right - left, 18);
            for (var i = 0; i < headers.Length; i++)
                Text(headers[i], body, columns[i] + 2, columns[i + 1] - columns[i] - 4, i >= 2 ? XStringFormats.TopRight : XStringFormats.TopLeft);
            y += 20;
        }
        Header();
        var lines = quote.Lines.OrderBy(l => l.LineNo).ToList();
        for (var n = 0; n < lines.Count; n++)
        {
            if (y > 760)
            {
                gfx.Dispose();
                page = document.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                gfx = XGraphics.FromPdfPage(page);
                y = 40;
                Header();
            }
            var line = lines[n];
            string[] cells = [$"{n + 1}", $"{line.Model} {line.ProductName}", $"{line.Quantity:0.###}", line.Unit, line.UnitPrice.ToString(), figures.Lines[n].Amount.ToString()];
            for (var i = 0; i < cells.Length; i++)
                Text(cells[i], body, columns[i] + 2, columns[i + 1] - columns[i] - 4, i >= 2 ? XStringFormats.TopRight : XStringFormats.TopLeft);
            if (line.OptionsText.Length > 0)
            {
                y += 13;
                Text(line.OptionsText, small, columns[1] + 2, columns[2] - columns[1], XStringFormats.TopLeft);
            }
            y += 16;
            gfx.DrawLine(XPens.LightGray, left, y - 3, right, y - 3);
        }

        y += 6;
        Text($"{L["quote.pdf.total"]}: {figures.Amount}", heading, left, right - left, XStringFormats.TopRight);
        y += 20;
        Text($"{L["quote.pdf.totalInWords"]}: {ChineseAmount.InWords(figures.Amount)}", body, left, right - left, XStringFormats.TopRight);
        y += 24;
        foreach (var note in new[] { L["quote.pdf.taxNote", $"{quote.TaxRate:0.##%}"].Value, quote.Note }.OfType<string>())
        {
            Text(note, small, left, right - left, XStringFormats.TopLeft);
            y += 14;
        }
        gfx.Dispose();

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}

/// <summary>人民币大写 as invoices write it: ¥12,345.60 → 壹万贰仟叁佰肆拾伍元陆角整.</summary>
public static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] Units = ["", "拾", "佰", "仟"];
    private static readonly string[] Sections = ["", "万", "亿", "万亿"];

    public static string InWords(Common.Money amount)
    {
        var fen = Math.Abs(amount.Fen);
        var yuan = fen / 100;
        var (jiao, cents) = ((int)(fen / 10 % 10), (int)(fen % 10));
        var words = yuan == 0 ? "" : Integer(yuan) + "元";
        if (jiao == 0 && cents == 0) return (amount.Fen < 0 ? "负" : "") + (words == "" ? "零元" : words) + "整";
        if (jiao > 0) words += $"{Digits[jiao]}角";
        else if (yuan > 0) words += "零";
        if (cents > 0) words += $"{Digits[cents]}分";
        else words += "整";
        return (amount.Fen < 0 ? "负" : "") + words;
    }

    private static string Integer(long number)
    {
        var parts = new List<int>();
        for (; number > 0; number /= 10000) parts.Add((int)(number % 10000));
        var result = "";
        var zero = false;
        for (var i = parts.Count - 1; i >= 0; i--)
        {
            if (parts[i] == 0) { zero = result.Length > 0; continue; }
            if (result.Length > 0 && (zero || parts[i] < 1000)) result += "零";
            result += Section(parts[i]) + Sections[i];
            zero = false;
        }
        return result;
    }

    private static string Section(int part)
    {
        var text = "";
        var zero = false;
        for (var i = 3; i >= 0; i--)
        {
            var digit = part / (int)Math.Pow(10, i) % 10;
            if (digit == 0) { zero = text.Length > 0; continue; }
            if (zero) { text += "零"; zero = false; }
            text += $"{Digits[digit]}{Units[i]}";
        }
        return text;
    }
}
