using MiniExcelLibs;
using Pipewright.Common.Localization;

namespace Pipewright.Customers.ImportCustomers;

/// <summary>The sheet to fill in: the columns with Chinese headers, an example customer with two contacts, and how to fill it.</summary>
public static class ImportTemplate
{
    private static readonly Strings L = new();

    public static byte[] Build()
    {
        string?[][] examples =
        [
            ["宁波示例阀门有限公司", "", "示例阀门", "石油化工", "浙江省宁波市", "宁波市北仑区示例路 1 号", "A", "是", "", "展会",
                "张伟", "采购经理", "13800138000", "0574-87654321", "zhangwei@example.com", "zhangwei_nb"],
            ["宁波示例阀门有限公司", "", "", "", "", "", "", "", "", "", "李娜", "技术主管", "13900139000", "", "", ""],
        ];
        var rows = examples.Select(values => ImportFields.All.Select((f, i) => (f.TemplateHeader, Value: values[i] ?? ""))
            .ToDictionary(x => x.TemplateHeader, x => (object?)x.Value));
        var help = Enumerable.Range(1, 7).Select(i => new Dictionary<string, object?> { [L["import.template.helpHeader"]] = L[$"import.template.help{i}"].Value });
        var sheets = new Dictionary<string, object>
        {
            [L["import.template.sheet"]] = rows.ToList(),
            [L["import.template.helpSheet"]] = help.ToList(),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }
}
