using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipewright.Customers.ImportCustomers;

/// <summary>A column the import understands: its key (API mapping), the template's header and the headers real sheets use.</summary>
public sealed record ImportField(string Key, string TemplateHeader, string[] Synonyms);

/// <summary>The columns of the customer sheet, and how headers and cells of real sheets are read.</summary>
public static partial class ImportFields
{
    public const string Name = "name";
    public const string CreditCode = "creditCode";
    public const string Aliases = "aliases";
    public const string Industry = "industry";
    public const string Region = "region";
    public const string Address = "address";
    public const string Level = "level";
    public const string IsKey = "isKey";
    public const string Owner = "owner";
    public const string Source = "source";
    public const string ContactName = "contactName";
    public const string ContactTitle = "contactTitle";
    public const string Mobile = "mobile";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string WeChat = "weChat";

    public static readonly IReadOnlyList<ImportField> All =
    [
        new(Name, "客户名称*", ["客户名称", "公司名称", "单位名称", "企业名称", "客户全称", "公司全称", "客户", "公司", "名称", "customer", "company", "name"]),
        new(CreditCode, "统一社会信用代码", ["统一社会信用代码", "社会信用代码", "信用代码", "税号", "纳税人识别号", "creditcode"]),
        new(Aliases, "简称/别名", ["简称/别名", "简称", "别名", "客户简称", "aliases"]),
        new(Industry, "行业", ["行业", "所属行业", "industry"]),
        new(Region, "地区", ["地区", "区域", "省市", "所在地区", "所在地", "region"]),
        new(Address, "地址", ["地址", "详细地址", "公司地址", "联系地址", "address"]),
        new(Level, "客户级别(A/B/C)", ["客户级别", "客户等级", "级别", "等级", "level"]),
        new(IsKey, "重点客户(是/否)", ["重点客户", "是否重点", "是否重点客户", "iskey"]),
        new(Owner, "负责人(用户名)", ["负责人", "负责人用户名", "业务员", "销售员", "跟进人", "客户经理", "owner"]),
        new(Source, "来源", ["来源", "客户来源", "source"]),
        new(ContactName, "联系人", ["联系人", "联系人姓名", "姓名", "contact"]),
        new(ContactTitle, "职务", ["职务", "职位", "title"]),
        new(Mobile, "手机", ["手机", "手机号", "手机号码", "联系电话", "移动电话", "mobile"]),
        new(Phone, "电话", ["电话", "座机", "固定电话", "办公电话", "phone"]),
        new(Email, "邮箱", ["邮箱", "电子邮箱", "email", "e-mail"]),
        new(WeChat, "微信", ["微信", "微信号", "wechat"]),
    ];

    public static readonly IReadOnlySet<string> Keys = All.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> BySynonym = All
        .SelectMany(f => f.Synonyms.Append(f.TemplateHeader).Select(s => (Header: HeaderKey(s), f.Key)))
        .DistinctBy(x => x.Header)
        .ToDictionary(x => x.Header, x => x.Key, StringComparer.Ordinal);

    public static ImportField Get(string key) => All.Single(f => f.Key == key);

    /// <summary>The field a header names, if any: "客户名称*", "公司名称 ", "手机号码（必填）" and "ｅｍａｉｌ" all count.</summary>
    public static string? Match(string? header) =>
        header is null ? null : BySynonym.GetValueOrDefault(HeaderKey(header));

    /// <summary>A header as compared: NFKC, lower case, without spaces, asterisks and a bracketed hint.</summary>
    public static string HeaderKey(string header)
    {
        var text = Bracketed().Replace(header.Normalize(NormalizationForm.FormKC), "");
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            if (!char.IsWhiteSpace(c) && c is not ('*' or ':')) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    /// <summary>
    /// A cell as people meant it: full-width letters and digits made plain (NFKC), stray and repeated
    /// spaces removed; null when empty.
    /// </summary>
    public static string? Clean(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell)) return null;
        // ASCII is already in NFKC: most cells (phones, codes, e-mails) skip ICU, which took a sixth of a dry run.
        var text = Ascii.IsValid(cell) ? cell : cell.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>
    /// Excel stores a phone typed without a leading apostrophe as a number, which comes back as
    /// 13800138000.0 or 1.38001380E+10: read those back as the digits they were.
    /// </summary>
    public static string? PhoneText(string? cell)
    {
        if (cell is null || !ExcelNumber().IsMatch(cell)) return cell;
        return decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number)
            ? number.ToString("0", CultureInfo.InvariantCulture)
            : cell;
    }

    /// <summary>是/否 as people write it in a sheet.</summary>
    public static bool TryYesNo(string cell, out bool value)
    {
        switch (cell.ToLowerInvariant())
        {
            case "是" or "y" or "yes" or "true" or "1" or "√" or "重点": value = true; return true;
            case "否" or "n" or "no" or "false" or "0" or "×" or "x": value = false; return true;
            default: value = false; return false;
        }
    }

    [GeneratedRegex(@"[(\[（【].*?[)\]）】]")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"^\d+(\.\d+)?([eE]\+?\d+)?$")]
    private static partial Regex ExcelNumber();
}
