using System.Collections.Frozen;

namespace Pipewright.Dictation.Extraction;

public static partial class VoiceNoteExtractor
{
    // Longest first, so that 总经理 wins over 经理 and 总.
    private static readonly string[] Titles = new[]
    {
        "副总经理", "总经理", "董事长", "总工程师", "工程师", "副总", "总监", "总工", "经理", "主任", "部长", "科长", "处长", "厂长",
        "所长", "院长", "局长", "主管", "老师", "老板", "师傅", "助理", "会计", "秘书", "书记", "组长", "班长", "专员", "董事",
        "副经理", "副主任", "副部长", "副科长", "副处长", "副厂长", "副院长", "副局长", "副所长", "总", "工",
    }.OrderByDescending(t => t.Length).ToArray();

    private static readonly FrozenSet<char> Surnames = (
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付" +
        "方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦" +
        "俞左柳甘祝宁舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝靳柴蒙鲍华喻祁蒲滕屈饶牟艾尤穆卓吉缪芦麦褚娄窦戚岑费卜冷宗瞿桂佟臧闵苟邬" +
        "卞姬仇栾隋荣巫寇桑郎甄丛仲虞敖巩佘麻苑迟邝匡鞠荆冀郁胥储栗燕楚鄢谌奚粟冼蔺楼闻厉仝郜阚帅屠豆朴练廉禹祖漆巴丰卿狄晋芮扈晁阙雍辜裘")
        .ToFrozenSet();

    private static readonly string[] CompoundSurnames =
        ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯", "端木"];

    // Words whose last character is a surname: 关于总…, 对方经理, 甲方主任.
    private static readonly FrozenSet<string> WordsEndingInSurname = new[]
    {
        "关于", "对于", "由于", "至于", "等于", "属于", "终于", "位于", "处于", "用于", "大于", "小于", "高于", "低于", "多于", "少于",
        "对方", "双方", "甲方", "乙方", "厂方", "买方", "卖方", "供方", "需方", "各方", "我方", "他方", "客方", "校方", "院方", "资方",
        "增加", "参加", "追加", "附加", "外加", "更加", "施加",
    }.ToFrozenSet();

    // Surname + 工 / 总 pairs that are words (施工, 化工, 包工) and what follows 工 or 总 when they are not titles
    // (工程, 工厂, 总价, 总额).
    private static readonly FrozenSet<string> NotPeople = new[] { "施工", "童工", "包工", "华工", "金工", "石工", "万工", "钱总", "万总" }.ToFrozenSet();
    private const string NotAfterGong = "程厂业艺资作人具期位序件装况地时会商科种频控段友单";
    private const string NotAfterZong = "价额数量计共体部包装结成线站厂台公裁额的计";

    private static string? TitleAt(string norm, int at)
    {
        foreach (var title in Titles)
        {
            if (!norm.AsSpan(at).StartsWith(title)) continue;
            var next = at + title.Length < norm.Length ? norm[at + title.Length] : '\0';
            if (title == "工" && NotAfterGong.Contains(next)) return null;
            if (title == "总" && NotAfterZong.Contains(next)) return null;
            return title;
        }
        return null;
    }

    /// <summary>People as salespeople name them, by surname and title: 王经理, 李工, 张总, 设备科的秦工.</summary>
    private static List<(string Name, int Start, int End)> FindTitledPeople(string norm, byte[] mask)
    {
        var people = new List<(string, int, int)>();
        var i = 0;
        while (i < norm.Length)
        {
            var surnameLength = CompoundSurnames.Any(s => norm.AsSpan(i).StartsWith(s)) ? 2 : Surnames.Contains(norm[i]) ? 1 : 0;
            if (surnameLength == 0 || mask[i] != 0 || (i > 0 && WordsEndingInSurname.Contains(norm.Substring(i - 1, 2))))
            {
                i++;
                continue;
            }
            var title = TitleAt(norm, i + surnameLength);
            var end = i + surnameLength + (title?.Length ?? 0);
            if (title is null || !IsFree(mask, i, end) || NotPeople.Contains(norm[i..end]))
            {
                i++;
                continue;
            }
            people.Add((norm[i..end], i, end));
            Mark(mask, i, end);
            i = end;
        }
        return people;
    }

    private static Guid? ContactOf(VoiceVocabulary vocabulary, Guid? customerId, string name)
    {
        if (customerId is null) return null;
        var candidates = vocabulary.Contacts
            .Where(c => c.CustomerId == customerId && c.Name.Length > 0 && c.Name[0] == name[0])
            .ToList();
        return candidates.Count == 1 ? candidates[0].Id : null;
    }

    private static readonly string[] MeasureWords =
    [
        "平方米", "立方米", "千克", "公斤", "平米", "立方", "延米", "pcs", "kg",
        "台", "件", "个", "套", "根", "面", "只", "支", "把", "片", "块", "米", "吨", "箱", "卷", "组", "条", "张", "副", "辆",
        "架", "座", "节", "盘", "桶", "袋", "瓶", "颗", "粒", "枚", "樘", "扇", "具", "榀", "盒", "车", "批",
    ];

    private const string NotAfterGe = "月人星礼工小钟点百";
    private const string NoAmountAfter = "年月日号天周点分秒岁次家人位度遍级层楼期轮届倍成折个%";
    private const string AmountMayFollow = "左右多的了块元整";
    private static readonly string[] MoneyWords = ["价", "额", "款", "费", "预算", "资金", "投资", "成本", "付"];

    private static int MeasureAt(string norm, int at)
    {
        foreach (var word in MeasureWords)
        {
            if (!norm.AsSpan(at).StartsWith(word)) continue;
            if (word == "个" && at + 1 < norm.Length && NotAfterGe.Contains(norm[at + 1])) return 0;
            return word.Length;
        }
        return 0;
    }

    private static bool MoneyContextBefore(string norm, int at)
    {
        var from = at;
        while (from > 0 && at - from < 8 && !"，,。；;！？!?\n".Contains(norm[from - 1])) from--;
        var before = norm.AsSpan(from, at - from);
        foreach (var word in MoneyWords) if (before.Contains(word, StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool HasDigit(ReadOnlySpan<char> numeral) => numeral.ContainsAny("0123456789一二两三四五六七八九");

    /// <summary>The numbers not taken by dates, codes and shares: quantities (with a measure word) and amounts in yuan.</summary>
    private static (List<Quantity> Quantities, List<Quantity> Amounts) ReadNumbers(string norm, byte[] mask)
    {
        var quantities = new List<Quantity>();
        var amounts = new List<Quantity>();
        var i = 0;
        var lastAmountEnd = -1;
        while (i < norm.Length)
        {
            if (mask[i] != 0 || !ChineseNumerals.IsNumeralChar(norm[i]) || (i > 0 && char.IsAsciiLetter(norm[i - 1])))
            {
                i++;
                continue;
            }
            var limit = i;
            while (limit < norm.Length && mask[limit] == 0) limit++;
            if (ChineseNumerals.ReadAt(norm, i, limit) is not { } numeral)
            {
                i++;
                continue;
            }
            var after = numeral.Start + numeral.Length;
            // 4.6万一台: the 一 starts "one unit", it is not the shorthand for 4.61万.
            if (numeral.ShorthandAt >= 0 && MeasureAt(norm, after) > 0
                && ChineseNumerals.ReadAt(norm, i, numeral.ShorthandAt) is { } shorter)
            {
                numeral = shorter;
                after = numeral.Start + numeral.Length;
            }
            var span = norm.AsSpan(numeral.Start, numeral.Length);
            if (!HasDigit(span) && span.ToString() != "十" || numeral.Value <= 0)
            {
                i = after;
                continue;
            }
            var measure = MeasureAt(norm, after);
            var next = after < norm.Length ? norm[after] : '\0';
            var moneyBefore = MoneyContextBefore(norm, i);
            if (measure > 0 && norm[after] == '块' && (after + 1 < norm.Length && norm[after + 1] == '钱' || moneyBefore))
            {
                amounts.Add(new Quantity(i, after + (after + 1 < norm.Length && norm[after + 1] == '钱' ? 2 : 1), numeral.Value));
                lastAmountEnd = amounts[^1].End;
            }
            else if (measure > 0)
            {
                // 每台, 第三台 and the "一台" of "4.6万一台" count no goods.
                var perUnit = i > 0 && norm[i - 1] == '每' || lastAmountEnd == i;
                if (!perUnit && numeral.Value == Math.Floor(numeral.Value)) quantities.Add(new Quantity(i, after + measure, numeral.Value));
                after += measure;
            }
            else if (next == '元' || next == '圆')
            {
                amounts.Add(new Quantity(i, after + 1, numeral.Value));
                lastAmountEnd = after + 1;
            }
            else if (!NoAmountAfter.Contains(next) && (numeral.HasLargeUnit
                || moneyBefore && numeral.Value >= 10 && (next == '\0' || !VoiceVocabulary.IsChinese(next) || AmountMayFollow.Contains(next))))
            {
                amounts.Add(new Quantity(i, after, numeral.Value));
                lastAmountEnd = after;
            }
            i = Math.Max(after, i + 1);
        }
        return (quantities, amounts);
    }
}
