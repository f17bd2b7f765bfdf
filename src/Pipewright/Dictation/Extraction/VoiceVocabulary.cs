using System.Collections.Frozen;
using Pipewright.Customers.Rules;

namespace Pipewright.Dictation.Extraction;

public sealed record VocabularyCustomer(Guid Id, string Name, IReadOnlyList<string> Aliases);
public sealed record VocabularyContact(Guid Id, Guid CustomerId, string Name, string? Title);
public sealed record VocabularyProduct(Guid Id, string Model, string Name, string Category);
public sealed record VocabularyCompetitor(string Name, IReadOnlyList<string> Aliases);

/// <summary>
/// The words a note is read against, built once from the master data: every way a customer or competitor may be
/// called (full name, registered alias, a distinctive part no other firm shares), the loose forms of every model
/// code and the distinctive words of product names.
/// </summary>
public sealed class VoiceVocabulary
{
    internal enum Kind { Customer, Competitor, Product, Contact }

    /// <summary>One meaning of a surface form. Registered forms (a full name, an alias) beat derived parts.</summary>
    internal readonly record struct Entry(Kind Kind, int Target, bool Registered);

    // Words that say what a firm does or how it is organised rather than which firm it is; a name stripped of
    // them from the end leaves its trade name (字号): 永信精密机械 → 永信, 泰和流体控制设备 → 泰和.
    internal static readonly string[] GenericWords =
    [
        "科技", "技术", "精密", "精工", "机械", "机电", "设备", "装备", "电气", "电器", "电子", "电力", "电工", "电机", "成套",
        "汽车", "汽配", "零部件", "部件", "配件", "医疗", "器械", "医药", "药业", "制药", "生物", "流体", "控制", "自动化", "智能",
        "包装", "阀门", "阀业", "泵业", "管业", "管道", "材料", "新材料", "化工", "塑料", "塑胶", "塑业", "橡胶", "五金", "制品",
        "实业", "工业", "贸易", "商贸", "工程", "环保", "能源", "新能源", "制造", "仪器", "仪表", "钢铁", "钢构", "金属", "模具",
        "纺织", "服装", "食品", "饮料", "印刷", "建材", "建筑", "电缆", "线缆", "光电", "通信", "信息", "软件", "网络", "物流",
        "供应链", "集团", "控股", "发展", "动力", "重工", "轻工", "铸造", "锻造", "液压", "气动", "传动", "轴承", "齿轮", "机床",
        "数控", "激光", "照明", "光伏", "电池", "水务", "热能", "暖通", "空调", "家电", "家具", "陶瓷", "玻璃", "纸业", "造纸",
        "化纤", "节能", "安防", "消防", "机器人", "半导体", "精细化工", "压缩机", "冷链", "电梯", "船舶", "航空", "新能源汽车",
        "工贸", "产业", "企业", "有限", "股份", "公司", "厂", "总厂", "分厂", "制造厂", "机械厂", "设备厂", "中心", "研究所", "研究院",
        "流体控制", "汽车零部件", "医疗设备", "医疗器械", "系统", "产品", "服务", "咨询", "投资", "国际", "中国", "实验", "检测",
    ];

    // How a model is built rather than which model it is: 全自动 is no more a product than 不锈钢 is.
    internal static readonly string[] AttributeWords =
    [
        "全自动", "半自动", "自动化", "高效", "节能", "智能", "立式", "卧式", "不锈钢", "碳钢", "铸铁", "铸钢", "低压", "中压", "高压",
        "单晶", "多晶", "三相", "单相", "异步", "同步", "伺服", "液压", "气动", "电动", "手动", "数控", "精密", "大型", "小型", "中型",
        "新型", "标准", "重型", "轻型", "防爆", "变频", "双联", "单联", "户外", "室内", "便携", "多功能", "一体", "高速", "低速",
    ];

    private static readonly string[] GenericLongestFirst = GenericWords.Distinct().OrderByDescending(w => w.Length).ToArray();

    internal IReadOnlyList<VocabularyCustomer> Customers { get; }
    internal IReadOnlyList<VocabularyProduct> Products { get; }
    internal IReadOnlyList<VocabularyCompetitor> Competitors { get; }
    internal IReadOnlyList<VocabularyContact> Contacts { get; }

    internal FrozenDictionary<string, Entry[]> Surfaces { get; }
    internal FrozenDictionary<string, Entry[]>.AlternateLookup<ReadOnlySpan<char>> SurfaceLookup { get; }
    internal int LongestSurface { get; }

    /// <summary>Loose model keys (upper case, letters and digits only) → the products they may mean.</summary>
    internal FrozenDictionary<string, int[]> ModelKeys { get; }

    /// <summary>The whole model's loose key → its product: a complete code settles the product by itself.</summary>
    internal FrozenDictionary<string, int> FullModels { get; }
    internal int LongestModelKey { get; }

    public int CustomerCount => Customers.Count;

    public VoiceVocabulary(IEnumerable<VocabularyCustomer> customers, IEnumerable<VocabularyContact> contacts,
        IEnumerable<VocabularyProduct> products, IEnumerable<VocabularyCompetitor> competitors)
    {
        Customers = customers.ToList();
        Products = products.ToList();
        Competitors = competitors.ToList();
        Contacts = contacts.ToList();

        var registered = new Dictionary<string, List<Entry>>();
        var derived = new Dictionary<string, HashSet<(Kind, int)>>();

        void Register(string surface, Kind kind, int target)
        {
            var key = Normalize(surface);
            if (key.Length < 2) return;
            var list = registered.TryGetValue(key, out var l) ? l : registered[key] = [];
            if (!list.Contains(new Entry(kind, target, true))) list.Add(new Entry(kind, target, true));
        }

        void Derive(string surface, Kind kind, int target)
        {
            var key = Normalize(surface);
            if (key.Length < 2) return;
            (derived.TryGetValue(key, out var set) ? set : derived[key] = []).Add((kind, target));
        }

        for (var i = 0; i < Customers.Count; i++)
        {
            Register(Customers[i].Name, Kind.Customer, i);
            foreach (var alias in Customers[i].Aliases) Register(alias, Kind.Customer, i);
            foreach (var part in Customers[i].Aliases.Prepend(Customers[i].Name).SelectMany(DistinctiveParts).Distinct())
                Derive(part, Kind.Customer, i);
        }
        for (var i = 0; i < Competitors.Count; i++)
        {
            Register(Competitors[i].Name, Kind.Competitor, i);
            foreach (var alias in Competitors[i].Aliases) Register(alias, Kind.Competitor, i);
            foreach (var part in Competitors[i].Aliases.Prepend(Competitors[i].Name).SelectMany(DistinctiveParts).Distinct())
                Derive(part, Kind.Competitor, i);
        }
        for (var i = 0; i < Contacts.Count; i++)
            if (Contacts[i].Name.Trim().Length is >= 2 and <= 4 && Contacts[i].Name.All(IsChinese))
                Register(Contacts[i].Name.Trim(), Kind.Contact, i);

        // Product-name words are distinctive only when they are not a category's, a firm's or a generic word:
        // 颗粒包装机 and 开关柜 name a model, 包装 and 注塑 do not.
        var firmNames = registered.Keys.ToList();
        var categories = Products.Select(p => Normalize(p.Category)).Where(c => c.Length > 0).Distinct().ToList();
        var fragments = new Dictionary<string, HashSet<int>>();
        for (var i = 0; i < Products.Count; i++)
        {
            foreach (var chunk in ChineseChunks(Products[i].Name.Replace(Products[i].Model, " ", StringComparison.OrdinalIgnoreCase)))
                for (var start = 0; start < chunk.Length; start++)
                    for (var length = 2; start + length <= chunk.Length; length++)
                    {
                        var fragment = chunk.Substring(start, length);
                        if (categories.Any(c => c.Contains(fragment, StringComparison.Ordinal))
                            || firmNames.Any(n => n.Contains(fragment, StringComparison.Ordinal))
                            || GenericLongestFirst.Contains(fragment)
                            || AttributeWords.Any(a => a.Contains(fragment, StringComparison.Ordinal)))
                            continue;
                        (fragments.TryGetValue(fragment, out var set) ? set : fragments[fragment] = []).Add(i);
                    }
        }

        var surfaces = registered.ToDictionary(r => r.Key, r => r.Value);
        foreach (var (key, targets) in derived)
        {
            // A part two firms share tells neither: 东方 for 东方阀门 and 东方电气.
            if (targets.Count != 1 || registered.ContainsKey(key)) continue;
            var (kind, target) = targets.Single();
            surfaces[key] = new List<Entry> { new(kind, target, false) };
        }
        foreach (var (fragment, set) in fragments)
        {
            if (surfaces.ContainsKey(fragment)) continue;
            surfaces[fragment] = set.Select(p => new Entry(Kind.Product, p, false)).ToList();
        }
        // A category word (截止阀, 蝶阀) names every product of its category: alone it decides nothing, next to a size or
        // a code ("DN100的截止阀") it narrows that down to one product.
        foreach (var category in Products.Select((p, i) => (Key: Normalize(p.Category), Index: i)).Where(p => p.Key.Length >= 2).GroupBy(p => p.Key))
            if (!surfaces.ContainsKey(category.Key))
                surfaces[category.Key] = category.Select(p => new Entry(Kind.Product, p.Index, false)).ToList();
        Surfaces = surfaces.ToFrozenDictionary(s => s.Key, s => s.Value.ToArray());
        SurfaceLookup = Surfaces.GetAlternateLookup<ReadOnlySpan<char>>();
        LongestSurface = Surfaces.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();

        var modelKeys = new Dictionary<string, HashSet<int>>();
        var fullModels = new Dictionary<string, int>();
        for (var i = 0; i < Products.Count; i++)
        {
            fullModels.TryAdd(LooseKey(Products[i].Model), i);
            var parts = AlnumParts(Products[i].Model).Concat(AlnumParts(Products[i].Name).Where(p => !Products[i].Model.Contains(p, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            var modelParts = AlnumParts(Products[i].Model);
            // Any run of consecutive parts of the code, when it has a letter and a digit (H44H, DN65, D71X16): a
            // bare number (16, 25) or bare letters (MA) name nothing by themselves.
            for (var a = 0; a < modelParts.Count; a++)
                for (var b = a; b < modelParts.Count; b++)
                    AddModelKey(modelKeys, string.Concat(modelParts.Skip(a).Take(b - a + 1)), i);
            foreach (var part in parts) AddModelKey(modelKeys, part, i);
        }
        ModelKeys = modelKeys.ToFrozenDictionary(k => k.Key, k => k.Value.Order().ToArray());
        FullModels = fullModels.ToFrozenDictionary();
        LongestModelKey = ModelKeys.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
    }

    private static void AddModelKey(Dictionary<string, HashSet<int>> keys, string part, int product)
    {
        var key = LooseKey(part);
        if (key.Length < 3 || !key.Any(char.IsAsciiLetter) || !key.Any(char.IsAsciiDigit)) return;
        (keys.TryGetValue(key, out var set) ? set : keys[key] = []).Add(product);
    }

    /// <summary>The forms a firm's name is spoken in besides the registered ones: without region and legal form,
    /// its trade name alone, and the trade name with each of its trade words (东方阀门).</summary>
    internal static IEnumerable<string> DistinctiveParts(string name)
    {
        var key = CompanyNameKey.Compute(name);
        if (key.Length < 2) yield break;
        yield return key;
        var core = key;
        var stripped = new List<string>();
        while (GenericLongestFirst.FirstOrDefault(w => core.EndsWith(w, StringComparison.Ordinal) && core.Length - w.Length >= 2) is { } word)
        {
            stripped.Insert(0, word);
            core = core[..^word.Length];
            yield return core;
        }
        foreach (var word in stripped) yield return core + word;
        for (var i = 1; i < stripped.Count; i++) yield return core + string.Concat(stripped.Take(i));
        // Trade names are mostly two characters; 恒达纺机 is still spoken as 恒达.
        if (stripped.Count == 0 && core.Length >= 4 && core.Take(2).All(IsChinese)) yield return core[..2];
    }

    private static IEnumerable<string> ChineseChunks(string text)
    {
        var start = -1;
        var normalized = Normalize(text);
        for (var i = 0; i <= normalized.Length; i++)
        {
            var chinese = i < normalized.Length && IsChinese(normalized[i]);
            if (chinese && start < 0) start = i;
            if (!chinese && start >= 0)
            {
                yield return normalized[start..i];
                start = -1;
            }
        }
    }

    /// <summary>Letter-digit runs of a code or name split at separators: "D71X-16-DN150" → D71X, 16, DN150.</summary>
    internal static List<string> AlnumParts(string text)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in Normalize(text))
        {
            if (char.IsAsciiLetterOrDigit(c)) current.Append(char.ToUpperInvariant(c));
            else if (current.Length > 0)
            {
                parts.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) parts.Add(current.ToString());
        return parts;
    }

    internal static string LooseKey(string text) =>
        string.Concat(Normalize(text).Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();

    internal static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';

    /// <summary>Full-width forms to ASCII and ASCII to lower case, one character for one, so positions stay.</summary>
    internal static string Normalize(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (c is >= '\uff01' and <= '\uff5e') c = (char)(c - 0xfee0);
                else if (c == '\u3000') c = ' ';
                span[i] = char.ToLowerInvariant(c);
            }
        });
}
