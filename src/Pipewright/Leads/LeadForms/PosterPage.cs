using System.Globalization;
using System.Net;
using System.Text;
using Pipewright.Common.Auth;
using Pipewright.Common.Localization;
using Pipewright.Leads.CaptureLead;

namespace Pipewright.Leads.LeadForms;

/// <summary>
/// /lead-forms/{id}/poster: a page to print on A4 for the booth — the form's name, a big QR code, a call to action
/// and the address for those who type. Plain HTML with print CSS: the browser's print dialog is all it needs.
/// </summary>
public static class PosterPage
{
    private static readonly Strings L = new();

    public static async Task<IResult> ShowAsync(Guid id, HttpContext context, CurrentUser user, LeadFormsHandler handler, CancellationToken ct)
    {
        var form = await handler.GetAsync(id, user, RequestBase(context.Request), ct);
        if (form.Failure is not null) return PublicFormPage.NotFound();
        var f = form.Value!;
        var qr = Convert.ToBase64String(LeadFormsHandler.QrPng(f.Url, pixelsPerModule: 16));
        var (title, back, cta, qrAlt, tips) = (E(L["leadForm.poster.title", f.Name]), E(L["leadForms.back"]), E(L["leadForm.poster.cta"]),
            E(L["leadForm.qrCode"]), E(L["leadForm.poster.tips"]));
        var html = $$"""
            <!DOCTYPE html>
            <html lang="{{E(CultureInfo.CurrentUICulture.Name)}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}}</title>
            <style>{{Css}}</style>
            </head>
            <body>
            <div class="toolbar"><a href="/lead-forms">{{back}}</a></div>
            <div class="sheet">
            <h1 id="poster-name">{{E(f.Name)}}</h1>
            <p class="cta">{{cta}}</p>
            <img class="qr" id="poster-qr" alt="{{qrAlt}}" src="data:image/png;base64,{{qr}}">
            <p class="tips">{{tips}}</p>
            <p class="url">{{E(f.Url)}}</p>
            </div>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private const string Css = """
        @page{size:A4;margin:15mm}
        *{box-sizing:border-box}
        body{margin:0;font-family:-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f0f0f0}
        .sheet{width:210mm;min-height:297mm;margin:12px auto;padding:20mm 15mm;background:#fff;text-align:center;display:flex;flex-direction:column;align-items:center;gap:8mm}
        h1{font-size:30pt;margin:0}
        .cta{font-size:22pt;font-weight:600;color:#1677ff;margin:0}
        .qr{width:120mm;height:120mm;image-rendering:pixelated}
        .url{font:14pt ui-monospace,Menlo,monospace;word-break:break-all;color:#595959}
        .tips{font-size:14pt;color:#595959;margin:0}
        .toolbar{text-align:center;margin:12px}
        .toolbar a{font-size:16px;color:#1677ff;margin:0 12px}
        @media print{body{background:#fff}.sheet{margin:0;width:auto;min-height:auto;padding:0}.toolbar{display:none}}
        @media (max-width:800px){.sheet{width:auto;min-height:auto;margin:0;padding:24px 16px}.qr{width:80vw;height:80vw}h1{font-size:24px}.cta{font-size:20px}}
        """;

    public static string RequestBase(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
