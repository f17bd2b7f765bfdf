using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Api;
using Pipewright.Common.Data;
using Pipewright.Common.Localization;

namespace Pipewright.Leads.CaptureLead;

/// <summary>
/// The public page /f/{formKey}: plain server-rendered HTML with inline CSS and no script, so that it opens fast on
/// a phone at a trade show, in WeChat's browser, and with JavaScript off. The form posts back to the same address.
/// </summary>
public static class PublicFormPage
{
    private static readonly Strings L = new();

    public static async Task<IResult> ShowAsync(string formKey, IDbContextFactory<PipewrightDb> dbFactory, CancellationToken ct)
    {
        var name = await FormNameAsync(formKey, dbFactory, ct);
        return name is null ? NotFound() : Html(Form(formKey, name, new LeadSubmission(), null));
    }

    public static async Task<IResult> SubmitAsync(string formKey, HttpRequest request, SubmitLeadHandler handler,
        IDbContextFactory<PipewrightDb> dbFactory, CancellationToken ct)
    {
        var name = await FormNameAsync(formKey, dbFactory, ct);
        if (name is null) return NotFound();
        // Only a browser's form post is read here; programs use the JSON endpoint.
        if (!request.HasFormContentType) return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        var form = await request.ReadFormAsync(ct);
        var submission = new LeadSubmission
        {
            CompanyName = form["companyName"].ToString(),
            ContactName = form["contactName"].ToString(),
            Mobile = form["mobile"].ToString(),
            Email = form["email"].ToString(),
            ProductInterest = form["productInterest"].ToString(),
            Message = form["message"].ToString(),
            Website = form["website"].ToString(),
        };
        // Empty inputs post "": for the rules they are absent.
        submission = submission with
        {
            Mobile = NullIfEmpty(submission.Mobile),
            Email = NullIfEmpty(submission.Email),
            ProductInterest = NullIfEmpty(submission.ProductInterest),
            Message = NullIfEmpty(submission.Message),
        };
        var errors = submission.IsBot ? [] : Validation.Validate(submission);
        if (errors.Count == 0)
        {
            var outcome = await handler.HandleAsync(formKey, submission, ct);
            if (outcome.Failure is { Status: 404 }) return NotFound();
            if (outcome.Failure is { } failure) errors = failure.Errors?.ToDictionary(e => e.Key, e => e.Value) ?? new() { [""] = [failure.Detail] };
        }
        // 200 either way: some in-app browsers replace a 4xx page with their own error screen, losing the input.
        return errors.Count == 0 ? Html(Thanks(name)) : Html(Form(formKey, name, submission, errors));
    }

    private static async Task<string?> FormNameAsync(string formKey, IDbContextFactory<PipewrightDb> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.LeadForms.AsNoTracking().Where(f => f.FormKey == formKey && f.IsActive).Select(f => f.Name).SingleOrDefaultAsync(ct);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string Form(string formKey, string name, LeadSubmission input, Dictionary<string, string[]>? errors)
    {
        var html = new StringBuilder();
        html.Append("<h1>").Append(E(name)).Append("</h1>");
        html.Append("<p class=\"lead\">").Append(E(L["leadForm.public.intro"])).Append("</p>");
        if (errors is { Count: > 0 })
            html.Append("<p class=\"alert\" role=\"alert\">").Append(E(L["leadForm.public.fix"])).Append("</p>");
        if (errors?.GetValueOrDefault("") is { } general)
            html.Append("<p class=\"error\">").Append(E(string.Join(" ", general))).Append("</p>");
        html.Append("<form method=\"post\" action=\"/f/").Append(E(formKey)).Append("\" accept-charset=\"utf-8\" novalidate>");
        Field(html, "companyName", "text", input.CompanyName, errors, required: true, autocomplete: "organization", max: LeadLimits.CompanyName);
        Field(html, "contactName", "text", input.ContactName, errors, required: true, autocomplete: "name", max: LeadLimits.ContactName);
        Field(html, "mobile", "tel", input.Mobile, errors, required: false, autocomplete: "tel", max: 30);
        Field(html, "email", "email", input.Email, errors, required: false, autocomplete: "email", max: LeadLimits.Email);
        Field(html, "productInterest", "text", input.ProductInterest, errors, required: false, autocomplete: "off", max: LeadLimits.ProductInterest);
        html.Append("<label for=\"message\">").Append(E(L["field.message"])).Append("</label>");
        html.Append("<textarea id=\"message\" name=\"message\" rows=\"4\" maxlength=\"").Append(LeadLimits.Message).Append("\">")
            .Append(E(input.Message)).Append("</textarea>");
        Errors(html, "message", errors);
        // The honeypot: off-screen rather than display:none, which some bots know to skip; out of the tab order for people.
        html.Append("<div class=\"hp\" aria-hidden=\"true\"><label for=\"website\">Website</label>")
            .Append("<input id=\"website\" name=\"website\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\" value=\"\"></div>");
        html.Append("<p class=\"hint\">").Append(E(L["leadForm.public.hint"])).Append("</p>");
        html.Append("<button type=\"submit\" id=\"submit\">").Append(E(L["leadForm.public.submit"])).Append("</button></form>");
        return Page(name, html.ToString());
    }

    private static void Field(StringBuilder html, string field, string type, string? value, Dictionary<string, string[]>? errors,
        bool required, string autocomplete, int max)
    {
        html.Append("<label for=\"").Append(field).Append("\">").Append(E(L[$"field.{field}"]));
        if (required) html.Append(" <span class=\"req\">*</span>");
        html.Append("</label><input id=\"").Append(field).Append("\" name=\"").Append(field).Append("\" type=\"").Append(type)
            .Append("\" autocomplete=\"").Append(autocomplete).Append("\" maxlength=\"").Append(max.ToString(CultureInfo.InvariantCulture))
            .Append("\" value=\"").Append(E(value)).Append('"');
        if (type == "tel") html.Append(" inputmode=\"tel\"");
        if (errors?.ContainsKey(field) == true) html.Append(" aria-invalid=\"true\" class=\"invalid\"");
        html.Append('>');
        Errors(html, field, errors);
    }

    private static void Errors(StringBuilder html, string field, Dictionary<string, string[]>? errors)
    {
        foreach (var message in errors?.GetValueOrDefault(field) ?? [])
            html.Append("<p class=\"error\" data-field=\"").Append(field).Append("\">").Append(E(message)).Append("</p>");
    }

    private static string Thanks(string name) => Page(name,
        $"<div class=\"thanks\" id=\"thanks\"><div class=\"tick\">✓</div><h1>{E(L["leadForm.public.thanks"])}</h1><p>{E(L["leadForm.public.thanksText"])}</p></div>");

    public static IResult NotFound() => Results.Content(
        Page(L["leadForm.public.notFound"], $"<h1>{E(L["leadForm.public.notFound"])}</h1><p>{E(L["leadForm.public.notFoundText"])}</p>"),
        "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);

    private static IResult Html(string page) => Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8);

    private static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="{{E(CultureInfo.CurrentUICulture.Name)}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{E(title)}}</title>
        <style>
        *{box-sizing:border-box}
        body{margin:0;background:#f5f5f5;color:#1f1f1f;font:16px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
        main{max-width:520px;margin:0 auto;padding:20px 16px 40px;background:#fff;min-height:100vh}
        h1{font-size:22px;margin:8px 0 4px}
        .lead,.hint{color:#666}
        .hint{font-size:14px}
        label{display:block;font-weight:600;margin:16px 0 6px}
        input,textarea{width:100%;font-size:17px;padding:12px;border:1px solid #d9d9d9;border-radius:8px;background:#fff}
        input:focus,textarea:focus{outline:2px solid #1677ff;border-color:#1677ff}
        .invalid{border-color:#ff4d4f}
        .req,.error{color:#cf1322}
        .error{margin:6px 0 0;font-size:14px}
        .alert{background:#fff2f0;border:1px solid #ffccc7;border-radius:8px;padding:10px 12px}
        button{width:100%;margin-top:20px;min-height:52px;font-size:18px;color:#fff;background:#1677ff;border:0;border-radius:8px}
        .hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
        .thanks{text-align:center;padding-top:48px}
        .tick{font-size:56px;color:#52c41a}
        </style>
        </head>
        <body><main>{{body}}</main></body>
        </html>
        """;

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
