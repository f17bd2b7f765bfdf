namespace Pipewright.Customers.Rules;

/// <summary>
/// Region names that Chinese company names start with or carry in brackets
/// (宁波恒达机械有限公司, 恒达机械（宁波）有限公司). The list is for building
/// duplicate-warning keys, not an administrative-division register: it is
/// deliberately partial and includes a few names that no longer exist
/// officially, because firms registered under them keep those names.
/// </summary>
internal static class ChineseRegions
{
    // Full and short forms of all 34 provincial-level divisions. One-character
    // abbreviations (浙, 苏, 粤) are left out: as prefixes they would eat into
    // ordinary trade names.
    private static readonly string[] Provinces =
    [
        "北京市", "北京", "天津市", "天津", "上海市", "上海", "重庆市", "重庆",
        "河北省", "河北", "山西省", "山西", "辽宁省", "辽宁", "吉林省", "吉林",
        "黑龙江省", "黑龙江", "江苏省", "江苏", "浙江省", "浙江", "安徽省", "安徽",
        "福建省", "福建", "江西省", "江西", "山东省", "山东", "河南省", "河南",
        "湖北省", "湖北", "湖南省", "湖南", "广东省", "广东", "海南省", "海南",
        "四川省", "四川", "贵州省", "贵州", "云南省", "云南", "陕西省", "陕西",
        "甘肃省", "甘肃", "青海省", "青海", "台湾省", "台湾",
        "内蒙古自治区", "内蒙古", "广西壮族自治区", "广西", "西藏自治区", "西藏",
        "宁夏回族自治区", "宁夏", "新疆维吾尔自治区", "新疆",
        "香港特别行政区", "香港", "澳门特别行政区", "澳门",
    ];

    // Prefecture-level cities of the provinces most customers come from, plus
    // the larger cities elsewhere. Each gets a 市 form added below. Autonomous
    // prefectures are in AutonomousPrefectures because their full form is not
    // short form + 市.
    private static readonly string[] Cities =
    [
        // 浙江
        "杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水",
        // 江苏
        "南京", "无锡", "徐州", "常州", "苏州", "南通", "连云港", "淮安", "盐城", "扬州",
        "镇江", "泰州", "宿迁",
        // 广东
        "广州", "韶关", "深圳", "珠海", "汕头", "佛山", "江门", "湛江", "茂名", "肇庆",
        "惠州", "梅州", "汕尾", "河源", "阳江", "清远", "东莞", "中山", "潮州", "揭阳", "云浮",
        // 山东 (莱芜 was merged into 济南 in 2019; old registrations still carry it)
        "济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海",
        "日照", "临沂", "德州", "聊城", "滨州", "菏泽", "莱芜",
        // 福建
        "福州", "厦门", "莆田", "三明", "泉州", "漳州", "南平", "龙岩", "宁德",
        // 河北
        "石家庄", "唐山", "秦皇岛", "邯郸", "邢台", "保定", "张家口", "承德", "沧州", "廊坊", "衡水",
        // 河南 (济源 is a county-level city governed by the province directly)
        "郑州", "开封", "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作", "濮阳", "许昌",
        "漯河", "三门峡", "南阳", "商丘", "信阳", "周口", "驻马店", "济源",
        // 安徽
        "合肥", "芜湖", "蚌埠", "淮南", "马鞍山", "淮北", "铜陵", "安庆", "黄山", "滁州",
        "阜阳", "宿州", "六安", "亳州", "池州", "宣城",
        // 湖北 (仙桃, 潜江, 天门 are governed by the province directly)
        "武汉", "黄石", "十堰", "宜昌", "襄阳", "鄂州", "荆门", "孝感", "荆州", "黄冈",
        "咸宁", "随州", "仙桃", "潜江", "天门",
        // 湖南
        "长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州",
        "永州", "怀化", "娄底",
        // 四川
        "成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山",
        "南充", "眉山", "宜宾", "广安", "达州", "雅安", "巴中", "资阳",
        // Fifty large cities of the other provinces, and 吉林 for its 吉林市 form
        // (the short form is the province's too).
        "吉林", "沈阳", "大连", "鞍山", "抚顺", "锦州", "营口", "盘锦", "长春", "哈尔滨", "齐齐哈尔",
        "大庆", "牡丹江", "太原", "大同", "长治", "运城", "临汾", "晋中", "西安", "宝鸡",
        "咸阳", "渭南", "榆林", "南昌", "赣州", "九江", "上饶", "宜春", "景德镇", "南宁",
        "柳州", "桂林", "玉林", "昆明", "曲靖", "贵阳", "遵义", "兰州", "天水", "呼和浩特",
        "包头", "鄂尔多斯", "赤峰", "乌鲁木齐", "海口", "三亚", "银川", "西宁", "拉萨", "吉安",
    ];

    private static readonly string[] AutonomousPrefectures =
    [
        "恩施土家族苗族自治州", "恩施", "湘西土家族苗族自治州", "湘西",
        "阿坝藏族羌族自治州", "阿坝", "甘孜藏族自治州", "甘孜", "凉山彝族自治州", "凉山",
    ];

    // County-level divisions only in their full form: short forms such as 江北,
    // 南湖 or 长兴 are too often part of the trade name itself.
    private static readonly string[] Districts =
    [
        // 宁波 (江东区 merged into 鄞州区 in 2016)
        "海曙区", "江北区", "北仑区", "镇海区", "鄞州区", "奉化区", "象山县", "宁海县",
        "余姚市", "慈溪市", "江东区",
        // 杭州 (下城区, 江干区 were abolished in 2021)
        "上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区",
        "富阳区", "临安区", "桐庐县", "淳安县", "建德市", "下城区", "江干区",
        // 温州
        "鹿城区", "龙湾区", "瓯海区", "洞头区", "永嘉县", "平阳县", "苍南县", "文成县",
        "泰顺县", "瑞安市", "乐清市", "龙港市",
        // 台州 (浙江)
        "椒江区", "黄岩区", "路桥区", "三门县", "天台县", "仙居县", "温岭市", "临海市", "玉环市",
        // 绍兴
        "越城区", "柯桥区", "上虞区", "新昌县", "诸暨市", "嵊州市",
        // 嘉兴
        "南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市",
        // 湖州
        "吴兴区", "南浔区", "德清县", "长兴县", "安吉县",
        // 金华
        "婺城区", "金东区", "武义县", "浦江县", "磐安县", "兰溪市", "义乌市", "东阳市", "永康市",
    ];

    /// <summary>
    /// Every name, longest first, so that a prefix match takes 浙江省 before
    /// 浙江 and 内蒙古自治区 before 内蒙古.
    /// </summary>
    public static IReadOnlyList<string> LongestFirst { get; } = BuildLongestFirst();

    /// <summary>The same names as a set, for whole-string lookups such as bracketed qualifiers.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(LongestFirst, StringComparer.Ordinal);

    private static string[] BuildLongestFirst()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        names.UnionWith(Provinces);
        names.UnionWith(AutonomousPrefectures);
        names.UnionWith(Districts);
        foreach (var city in Cities)
        {
            names.Add(city);
            names.Add(city + "市");
        }

        return names
            .OrderByDescending(name => name.Length)
            .ThenBy(name => name, StringComparer.Ordinal)
            .ToArray();
    }
}
