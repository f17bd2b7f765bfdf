using System.Globalization;
using MiniExcelLibs;
using Pipewright.Customers.Rules;

namespace Pipewright.Bench;

/// <summary>
/// import-sheet: a messy customer sheet as offices keep them, for bench/customer-import.sh. A title row above
/// the header, the company's own header words, one or two contacts per customer (the second on the next row),
/// full-width digits in some phones and codes, phones stored as Excel numbers, and about 1% each of bad
/// phones, bad credit codes and repeated customers. Written as it is generated (MiniExcel pulls the rows).
/// </summary>
internal static class ImportSheet
{
    private static readonly string[] Cities = ["宁波", "杭州", "温州", "绍兴", "台州", "嘉兴", "湖州", "金华", "苏州", "无锡", "常州", "南通"];
    private static readonly string[] Words = ["恒信", "永晟", "华东", "金鼎", "宏达", "天工", "正泰", "东方", "瑞丰", "新锐", "海天", "联合", "精工", "博远", "长城", "巨力"];
    private static readonly string[] Trades = ["阀门", "机械", "化工", "泵业", "管件", "铸造", "电气", "仪表", "纺机", "轴承"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "磊", "强", "军", "洋", "勇", "艳", "杰"];

    public static int Run(CommandLine options)
    {
        var output = Path.GetFullPath(options.Required("out"));
        var count = options.Number("rows", 100_000);
        var random = new Random(options.Number("seed", 1));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        using (var file = File.Create(output))
            file.SaveAs(Rows(random, count), printHeader: false);
        Console.WriteLine($"{output}: {count} data rows, {new FileInfo(output).Length / 1024} KiB");
        return 0;
    }

    private static IEnumerable<Dictionary<string, object?>> Rows(Random random, int count)
    {
        yield return Row("浙江某某阀业 客户资料汇总（2025 年度，销售部整理）");
        yield return Row();
        yield return Row("序号", "公司名称", "税号", "简称", "所属行业", "所在地区", "联系人", "职位", "手机号码", "办公电话", "电子邮箱", "客户等级", "备注");
        var written = 0;
        var earlier = new List<object?[]>();
        for (var n = 1; written < count; n++)
        {
            var name = $"{Pick(random, Cities)}{Pick(random, Words)}{Pick(random, Trades)}{n}有限公司";
            var roll = random.Next(100);
            var code = roll == 1 ? "91350100M000100Y4Z" : random.Next(3) == 0 ? null : CreditCode.Generate(random);
            if (code is not null && random.Next(10) == 0) code = FullWidth(code);
            var first = Customer(random, n, name, code, roll == 0 ? "1234" : null);
            // About 1%: a customer typed in again further down the sheet.
            if (roll == 2 && earlier.Count > 0)
            {
                first = earlier[random.Next(earlier.Count)];
            }
            else if (earlier.Count < 1000)
            {
                earlier.Add(first);
            }
            yield return Row(first);
            written++;
            if (written < count && random.Next(3) == 0)
            {
                yield return Row(n, name, null, null, null, null, Person(random), "技术", Mobile(random), null, null, null, null);
                written++;
            }
        }
    }

    private static object?[] Customer(Random random, int n, string name, string? code, string? badPhone)
    {
        object? mobile = badPhone ?? Mobile(random);
        // Excel turns a phone typed without an apostrophe into a number.
        if (badPhone is null && random.Next(4) == 0) mobile = double.Parse((string)mobile, CultureInfo.InvariantCulture);
        else if (badPhone is null && random.Next(10) == 0) mobile = FullWidth((string)mobile);
        return
        [
            n, random.Next(20) == 0 ? $"  {name}　" : name, code, null, Pick(random, Trades), Pick(random, Cities),
            Person(random), "采购经理", mobile, random.Next(3) == 0 ? $"0574-8{random.Next(1000000, 9999999)}" : null,
            random.Next(5) == 0 ? $"buyer{n}@example.com" : null, Pick(random, ["A", "B", "C", "c", null]), random.Next(10) == 0 ? "=老客户" : null,
        ];
    }

    private static string Mobile(Random random) => "1" + Pick(random, ["38", "39", "58", "86", "77"]) + random.Next(10_000_000, 99_999_999);

    private static string Person(Random random) => Pick(random, Surnames) + Pick(random, Given) + (random.Next(2) == 0 ? Pick(random, Given) : "");

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static string FullWidth(string text) =>
        new(text.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '！') : c).ToArray());

    private static Dictionary<string, object?> Row(params object?[] cells)
    {
        var row = new Dictionary<string, object?>(13);
        for (var i = 0; i < 13; i++) row[((char)('A' + i)).ToString()] = i < cells.Length ? cells[i] : null;
        return row;
    }
}
