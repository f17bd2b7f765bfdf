using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Pipewright.Customers.Rules;

namespace Pipewright.Demo;

/// <summary>A team in the demo company's organisation tree.</summary>
public sealed record DemoTeam(string Key, string Name, string? ParentKey);

/// <summary>
/// A user of the demo company. <see cref="Role"/> is one of
/// "SalesRep", "Engineer", "RegionalManager", "Finance", "GeneralManager", "Admin".
/// <see cref="Specialties"/> holds valve categories (only engineers have any).
/// </summary>
public sealed record DemoPerson(
    string UserName,
    string DisplayName,
    string Role,
    string? TeamKey,
    string Mobile,
    string Email,
    IReadOnlyList<string> Specialties);

/// <summary>A person at a customer company.</summary>
public sealed record DemoContact(string Name, string Title, string Mobile, string? Phone, string? Email, string? WeChat);

/// <summary>
/// A customer company. <see cref="Region"/> is province + prefecture ("浙江省宁波市"), or
/// municipality + district ("上海市浦东新区"). <see cref="Lat"/>/<see cref="Lng"/> are WGS-84.
/// <see cref="Level"/> is "A", "B" or "C".
/// </summary>
public sealed record DemoCustomer(
    string Name,
    string CreditCode,
    IReadOnlyList<string> Aliases,
    string Industry,
    string Region,
    string Address,
    double Lat,
    double Lng,
    string Level,
    bool IsKey,
    string Source,
    IReadOnlyList<DemoContact> Contacts);

/// <summary>
/// Demo data for 浙江恒信阀业有限公司: its organisation, its people and any number of
/// invented (but believable) customer companies. Pure data; no database.
/// </summary>
public static class DemoCatalogue
{
    /// <summary>The demo company: a valve maker in Ningbo with 23 salespeople in three regions.</summary>
    public const string CompanyName = "浙江恒信阀业有限公司";

    private const string StaffEmailDomain = "hengxin-valve.com";

    /// <summary>Sales regions and their groups, plus 技术部 and 财务部 at the top level.</summary>
    public static IReadOnlyList<DemoTeam> Teams { get; } =
    [
        new("east", "华东区", null),
        new("east-ningbo", "宁波组", "east"),
        new("east-hangzhou", "杭州组", "east"),
        new("east-shanghai", "上海组", "east"),
        new("south", "华南区", null),
        new("south-guangzhou", "广州组", "south"),
        new("south-shenzhen", "深圳组", "south"),
        new("north", "华北区", null),
        new("north-beijing", "北京组", "north"),
        new("north-tianjin", "天津组", "north"),
        new("engineering", "技术部", null),
        new("finance", "财务部", null),
    ];

    /// <summary>The valve categories engineers specialise in.</summary>
    public static IReadOnlyList<string> ValveCategories { get; } = ["闸阀", "球阀", "蝶阀", "截止阀", "调节阀", "止回阀"];

    /// <summary>
    /// Everyone in the demo company: 23 sales reps, 3 regional managers, 5 engineers,
    /// finance, the general manager and the administrator.
    /// </summary>
    public static IReadOnlyList<DemoPerson> People { get; } =
    [
        Staff("zhoujianguo", "周建国", "GeneralManager", null, "13905741888"),
        Staff("liuxiao", "刘晓", "Admin", null, "13777021566"),
        Staff("zhaomin", "赵敏", "Finance", "finance", "13867832419"),

        Staff("chenjing", "陈静", "RegionalManager", "east", "13805748026"),
        Staff("huangzhiming", "黄志明", "RegionalManager", "south", "13922758314"),
        Staff("sunlijun", "孙立军", "RegionalManager", "north", "13601127543"),

        Engineer("lizhiqiang", "李志强", "13957862137", "闸阀", "截止阀"),
        Engineer("wuhaitao", "吴海涛", "15888093652", "球阀", "蝶阀"),
        Engineer("zhengguodong", "郑国栋", "13586714520", "调节阀"),
        Engineer("hejianping", "何建平", "18757436291", "止回阀", "闸阀", "蝶阀"),
        Engineer("fengxiaodong", "冯晓东", "15057429863", "球阀", "调节阀"),

        // 宁波组 (5)
        Staff("wanglei", "王磊", "SalesRep", "east-ningbo", "13858291746"),
        Staff("zhangwei", "张伟", "SalesRep", "east-ningbo", "13967815032"),
        Staff("xulijuan", "徐丽娟", "SalesRep", "east-ningbo", "15968402317"),
        Staff("yuguohua", "俞国华", "SalesRep", "east-ningbo", "13732185406"),
        Staff("hubin", "胡斌", "SalesRep", "east-ningbo", "18858016293"),
        // 杭州组 (4)
        Staff("shenjiayi", "沈佳怡", "SalesRep", "east-hangzhou", "15167120938"),
        Staff("yangfan", "杨帆", "SalesRep", "east-hangzhou", "13819476205"),
        Staff("qianjun", "钱俊", "SalesRep", "east-hangzhou", "18069853174"),
        Staff("jiangwenbo", "蒋文博", "SalesRep", "east-hangzhou", "13588207461"),
        // 上海组 (4)
        Staff("luyiming", "陆一鸣", "SalesRep", "east-shanghai", "13817625093"),
        Staff("guxiaoyan", "顾晓燕", "SalesRep", "east-shanghai", "13916048752"),
        Staff("zhuhao", "朱浩", "SalesRep", "east-shanghai", "18621739506"),
        Staff("shaoming", "邵明", "SalesRep", "east-shanghai", "15921864037"),
        // 广州组 (3)
        Staff("liangjiahao", "梁家豪", "SalesRep", "south-guangzhou", "13926083517"),
        Staff("chenjiaxin", "陈嘉欣", "SalesRep", "south-guangzhou", "13711659204"),
        Staff("dengzhiwei", "邓志伟", "SalesRep", "south-guangzhou", "18620947315"),
        // 深圳组 (2)
        Staff("linxiaofeng", "林晓峰", "SalesRep", "south-shenzhen", "13823570916"),
        Staff("zengkai", "曾凯", "SalesRep", "south-shenzhen", "15013869472"),
        // 北京组 (3)
        Staff("gaozhenyu", "高振宇", "SalesRep", "north-beijing", "13910275846"),
        Staff("zhanglihua", "张丽华", "SalesRep", "north-beijing", "13661083927"),
        Staff("cuipeng", "崔鹏", "SalesRep", "north-beijing", "18610459273"),
        // 天津组 (2)
        Staff("yuhongtao", "于洪涛", "SalesRep", "north-tianjin", "13820964158"),
        Staff("dongning", "董宁", "SalesRep", "north-tianjin", "15122708364"),
    ];

    /// <summary>Industries that buy valves; every customer's <see cref="DemoCustomer.Industry"/> is one of these.</summary>
    public static IReadOnlyList<string> Industries { get; } =
    [
        "石油化工", "电力", "水务", "冶金", "制药", "食品饮料", "暖通空调",
        "造纸", "船舶", "市政燃气", "环保工程", "纺织印染", "机械设备", "新能源",
    ];

    /// <summary>
    /// <paramref name="count"/> invented customer companies, the same ones for the same
    /// <paramref name="seed"/>. Names, credit codes and contact mobiles are unique across
    /// the whole sequence (contact mobiles never equal a staff mobile either).
    /// </summary>
    public static IEnumerable<DemoCustomer> Customers(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Generate(count, seed);
    }

    /// <summary>
    /// The sales group ("east-ningbo" …) that covers a customer's <see cref="DemoCustomer.Region"/>,
    /// or null for a region this catalogue does not generate.
    /// </summary>
    public static string? SalesTeamKeyFor(DemoCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return TeamByRegion.TryGetValue(customer.Region, out var key) ? key : null;
    }

    private static IEnumerable<DemoCustomer> Generate(int count, int seed)
    {
        var generator = new Generator(seed, count);
        for (var i = 0; i < count; i++)
        {
            yield return generator.Next();
        }
    }

    private static DemoPerson Staff(string userName, string displayName, string role, string? teamKey, string mobile) =>
        new(userName, displayName, role, teamKey, mobile, userName + "@" + StaffEmailDomain, []);

    private static DemoPerson Engineer(string userName, string displayName, string mobile, params string[] specialties) =>
        new(userName, displayName, "Engineer", "engineering", mobile, userName + "@" + StaffEmailDomain, [.. specialties]);

    // ------------------------------------------------------------------ geography

    private sealed record District(string Name, double Lat, double Lng);

    /// <summary>A prefecture-level city (or a municipality) with its districts.</summary>
    private sealed record City(
        string Name,
        string Province,
        string ProvinceShort,
        string Division,
        string AreaCode,
        int Weight,
        bool Coastal,
        string TeamKey,
        District[] Districts)
    {
        public bool IsMunicipality => Province == Name + "市";

        public string RegionOf(District district) => IsMunicipality ? Province + district.Name : Province + Name + "市";
    }

    private static District D(string name, double lat, double lng) => new(name, lat, lng);

    // Division codes: GB/T 2260 prefecture level (municipalities: province level).
    // Coordinates: WGS-84, roughly the district centre.
    private static readonly City[] Cities =
    [
        // 浙江
        new("宁波", "浙江省", "浙江", "330200", "0574", 12, true, "east-ningbo",
        [
            D("海曙区", 29.860, 121.550), D("江北区", 29.887, 121.555), D("鄞州区", 29.817, 121.547),
            D("北仑区", 29.899, 121.844), D("镇海区", 29.949, 121.716), D("奉化区", 29.655, 121.407),
            D("余姚市", 30.037, 121.154), D("慈溪市", 30.170, 121.266), D("宁海县", 29.288, 121.430),
            D("象山县", 29.477, 121.869),
        ]),
        new("杭州", "浙江省", "浙江", "330100", "0571", 8, false, "east-hangzhou",
        [
            D("上城区", 30.242, 120.169), D("拱墅区", 30.319, 120.142), D("西湖区", 30.273, 120.127),
            D("滨江区", 30.208, 120.211), D("萧山区", 30.184, 120.264), D("余杭区", 30.290, 120.000),
            D("临平区", 30.420, 120.300), D("钱塘区", 30.300, 120.360), D("富阳区", 30.049, 119.960),
            D("桐庐县", 29.797, 119.691),
        ]),
        new("温州", "浙江省", "浙江", "330300", "0577", 6, true, "east-ningbo",
        [
            D("鹿城区", 28.015, 120.655), D("龙湾区", 27.933, 120.812), D("瓯海区", 27.967, 120.637),
            D("瑞安市", 27.778, 120.655), D("乐清市", 28.113, 120.983), D("永嘉县", 28.153, 120.690),
        ]),
        new("嘉兴", "浙江省", "浙江", "330400", "0573", 4, false, "east-hangzhou",
        [
            D("南湖区", 30.748, 120.784), D("秀洲区", 30.765, 120.710), D("海宁市", 30.510, 120.680),
            D("平湖市", 30.676, 121.015), D("桐乡市", 30.630, 120.565), D("嘉善县", 30.831, 120.926),
        ]),
        new("湖州", "浙江省", "浙江", "330500", "0572", 3, false, "east-hangzhou",
        [
            D("吴兴区", 30.857, 120.185), D("南浔区", 30.850, 120.418), D("长兴县", 31.027, 119.911),
            D("德清县", 30.543, 119.977), D("安吉县", 30.638, 119.680),
        ]),
        new("绍兴", "浙江省", "浙江", "330600", "0575", 5, false, "east-hangzhou",
        [
            D("越城区", 29.989, 120.582), D("柯桥区", 30.083, 120.495), D("上虞区", 30.033, 120.868),
            D("诸暨市", 29.709, 120.237), D("嵊州市", 29.561, 120.821), D("新昌县", 29.499, 120.904),
        ]),
        new("金华", "浙江省", "浙江", "330700", "0579", 3, false, "east-hangzhou",
        [
            D("婺城区", 29.087, 119.571), D("金东区", 29.099, 119.693), D("义乌市", 29.306, 120.075),
            D("永康市", 28.888, 120.047), D("东阳市", 29.289, 120.242), D("兰溪市", 29.209, 119.460),
        ]),
        new("衢州", "浙江省", "浙江", "330800", "0570", 2, false, "east-hangzhou",
        [
            D("柯城区", 28.968, 118.871), D("衢江区", 28.980, 118.959), D("江山市", 28.737, 118.627),
            D("龙游县", 29.028, 119.172),
        ]),
        new("舟山", "浙江省", "浙江", "330900", "0580", 2, true, "east-ningbo",
        [
            D("定海区", 30.020, 122.107), D("普陀区", 29.971, 122.301), D("岱山县", 30.244, 122.205),
        ]),
        new("台州", "浙江省", "浙江", "331000", "0576", 6, true, "east-ningbo",
        [
            D("椒江区", 28.673, 121.442), D("黄岩区", 28.650, 121.262), D("路桥区", 28.583, 121.373),
            D("温岭市", 28.372, 121.386), D("临海市", 28.858, 121.145), D("玉环市", 28.136, 121.232),
            D("三门县", 29.104, 121.395),
        ]),
        new("丽水", "浙江省", "浙江", "331100", "0578", 1, false, "east-ningbo",
        [
            D("莲都区", 28.446, 119.913), D("龙泉市", 28.075, 119.141), D("青田县", 28.139, 120.289),
            D("缙云县", 28.659, 120.092),
        ]),

        // 上海
        new("上海", "上海市", "上海", "310000", "021", 10, true, "east-shanghai",
        [
            D("浦东新区", 31.221, 121.544), D("闵行区", 31.113, 121.382), D("宝山区", 31.405, 121.489),
            D("嘉定区", 31.375, 121.266), D("松江区", 31.032, 121.228), D("青浦区", 31.150, 121.124),
            D("金山区", 30.742, 121.342), D("奉贤区", 30.918, 121.474), D("杨浦区", 31.260, 121.526),
            D("普陀区", 31.250, 121.397), D("徐汇区", 31.188, 121.437),
        ]),

        // 江苏
        new("南京", "江苏省", "江苏", "320100", "025", 4, false, "east-shanghai",
        [
            D("玄武区", 32.048, 118.797), D("秦淮区", 32.034, 118.794), D("建邺区", 32.004, 118.731),
            D("鼓楼区", 32.066, 118.770), D("栖霞区", 32.097, 118.909), D("雨花台区", 31.991, 118.779),
            D("江宁区", 31.953, 118.840), D("浦口区", 32.059, 118.628), D("六合区", 32.323, 118.822),
        ]),
        new("无锡", "江苏省", "江苏", "320200", "0510", 4, false, "east-shanghai",
        [
            D("梁溪区", 31.566, 120.297), D("滨湖区", 31.527, 120.283), D("新吴区", 31.550, 120.364),
            D("锡山区", 31.590, 120.357), D("惠山区", 31.681, 120.298), D("江阴市", 31.920, 120.285),
            D("宜兴市", 31.340, 119.823),
        ]),
        new("徐州", "江苏省", "江苏", "320300", "0516", 2, false, "east-shanghai",
        [
            D("鼓楼区", 34.288, 117.186), D("云龙区", 34.253, 117.251), D("铜山区", 34.180, 117.169),
            D("邳州市", 34.338, 117.964),
        ]),
        new("常州", "江苏省", "江苏", "320400", "0519", 3, false, "east-shanghai",
        [
            D("天宁区", 31.779, 119.975), D("钟楼区", 31.802, 119.902), D("新北区", 31.830, 119.972),
            D("武进区", 31.701, 119.942), D("金坛区", 31.723, 119.598), D("溧阳市", 31.417, 119.484),
        ]),
        new("苏州", "江苏省", "江苏", "320500", "0512", 6, false, "east-shanghai",
        [
            D("姑苏区", 31.311, 120.617), D("虎丘区", 31.295, 120.566), D("吴中区", 31.263, 120.632),
            D("相城区", 31.369, 120.642), D("吴江区", 31.138, 120.645), D("昆山市", 31.385, 120.981),
            D("常熟市", 31.654, 120.753), D("张家港市", 31.875, 120.556), D("太仓市", 31.459, 121.130),
        ]),
        new("南通", "江苏省", "江苏", "320600", "0513", 3, true, "east-shanghai",
        [
            D("崇川区", 32.010, 120.857), D("通州区", 32.066, 121.073), D("海门区", 31.871, 121.182),
            D("如皋市", 32.371, 120.573), D("启东市", 31.808, 121.657), D("海安市", 32.533, 120.467),
        ]),
        new("连云港", "江苏省", "江苏", "320700", "0518", 2, true, "east-shanghai",
        [
            D("海州区", 34.572, 119.163), D("连云区", 34.760, 119.339), D("赣榆区", 34.841, 119.173),
        ]),
        new("淮安", "江苏省", "江苏", "320800", "0517", 1, false, "east-shanghai",
        [
            D("清江浦区", 33.552, 119.026), D("淮安区", 33.502, 119.141), D("淮阴区", 33.632, 119.034),
        ]),
        new("盐城", "江苏省", "江苏", "320900", "0515", 2, true, "east-shanghai",
        [
            D("亭湖区", 33.390, 120.197), D("盐都区", 33.338, 120.154), D("大丰区", 33.200, 120.500),
            D("东台市", 32.868, 120.320),
        ]),
        new("扬州", "江苏省", "江苏", "321000", "0514", 2, false, "east-shanghai",
        [
            D("广陵区", 32.395, 119.432), D("邗江区", 32.377, 119.398), D("江都区", 32.434, 119.570),
            D("仪征市", 32.272, 119.184), D("高邮市", 32.781, 119.459),
        ]),
        new("镇江", "江苏省", "江苏", "321100", "0511", 2, false, "east-shanghai",
        [
            D("京口区", 32.198, 119.470), D("润州区", 32.195, 119.411), D("丹徒区", 32.132, 119.434),
            D("丹阳市", 31.991, 119.606), D("句容市", 31.945, 119.169), D("扬中市", 32.237, 119.797),
        ]),
        new("泰州", "江苏省", "江苏", "321200", "0523", 2, true, "east-shanghai",
        [
            D("海陵区", 32.491, 119.919), D("高港区", 32.318, 119.881), D("姜堰区", 32.509, 120.127),
            D("泰兴市", 32.172, 120.052), D("靖江市", 32.015, 120.277), D("兴化市", 32.911, 119.852),
        ]),

        // 广东
        new("广州", "广东省", "广东", "440100", "020", 3, true, "south-guangzhou",
        [
            D("天河区", 23.125, 113.361), D("番禺区", 22.938, 113.384), D("黄埔区", 23.106, 113.459),
            D("白云区", 23.158, 113.273), D("花都区", 23.404, 113.220), D("南沙区", 22.801, 113.525),
            D("增城区", 23.261, 113.811), D("海珠区", 23.083, 113.317),
        ]),
        new("深圳", "广东省", "广东", "440300", "0755", 2, true, "south-shenzhen",
        [
            D("南山区", 22.533, 113.930), D("宝安区", 22.555, 113.884), D("龙岗区", 22.720, 114.247),
            D("龙华区", 22.697, 114.045), D("光明区", 22.749, 113.936), D("坪山区", 22.708, 114.346),
        ]),
        new("珠海", "广东省", "广东", "440400", "0756", 1, true, "south-guangzhou",
        [
            D("香洲区", 22.266, 113.543), D("斗门区", 22.209, 113.296), D("金湾区", 22.147, 113.363),
        ]),
        new("佛山", "广东省", "广东", "440600", "0757", 3, false, "south-guangzhou",
        [
            D("禅城区", 23.009, 113.122), D("南海区", 23.029, 113.143), D("顺德区", 22.806, 113.293),
            D("三水区", 23.156, 112.897), D("高明区", 22.900, 112.892),
        ]),
        new("惠州", "广东省", "广东", "441300", "0752", 2, true, "south-shenzhen",
        [
            D("惠城区", 23.084, 114.383), D("惠阳区", 22.789, 114.456), D("博罗县", 23.173, 114.290),
            D("惠东县", 22.985, 114.720),
        ]),
        new("东莞", "广东省", "广东", "441900", "0769", 2, true, "south-shenzhen",
        [
            D("长安镇", 22.816, 113.804), D("虎门镇", 22.815, 113.672), D("塘厦镇", 22.791, 114.107),
            D("厚街镇", 22.940, 113.673), D("东城街道", 23.030, 113.770),
        ]),

        // 北京、天津
        new("北京", "北京市", "北京", "110000", "010", 3, false, "north-beijing",
        [
            D("朝阳区", 39.921, 116.443), D("海淀区", 39.960, 116.298), D("丰台区", 39.858, 116.287),
            D("大兴区", 39.727, 116.341), D("顺义区", 40.130, 116.654), D("通州区", 39.909, 116.657),
            D("昌平区", 40.221, 116.231), D("房山区", 39.749, 116.143),
        ]),
        new("天津", "天津市", "天津", "120000", "022", 4, true, "north-tianjin",
        [
            D("滨海新区", 39.003, 117.710), D("西青区", 39.141, 117.008), D("东丽区", 39.087, 117.314),
            D("津南区", 38.938, 117.357), D("北辰区", 39.225, 117.136), D("武清区", 39.384, 117.044),
            D("河西区", 39.109, 117.223), D("静海区", 38.947, 116.974),
        ]),

        // 山东
        new("济南", "山东省", "山东", "370100", "0531", 2, false, "north-beijing",
        [
            D("历下区", 36.667, 117.077), D("槐荫区", 36.651, 116.901), D("天桥区", 36.678, 116.987),
            D("章丘区", 36.680, 117.526), D("长清区", 36.553, 116.752), D("莱芜区", 36.214, 117.676),
        ]),
        new("青岛", "山东省", "山东", "370200", "0532", 3, true, "north-tianjin",
        [
            D("市北区", 36.087, 120.375), D("黄岛区", 35.960, 120.198), D("崂山区", 36.107, 120.469),
            D("李沧区", 36.145, 120.433), D("城阳区", 36.307, 120.396), D("即墨区", 36.389, 120.447),
            D("胶州市", 36.264, 120.033), D("平度市", 36.777, 119.960),
        ]),
        new("淄博", "山东省", "山东", "370300", "0533", 2, false, "north-beijing",
        [
            D("张店区", 36.807, 118.017), D("淄川区", 36.644, 117.966), D("临淄区", 36.827, 118.309),
            D("周村区", 36.803, 117.870), D("博山区", 36.494, 117.862),
        ]),
        new("东营", "山东省", "山东", "370500", "0546", 2, true, "north-tianjin",
        [
            D("东营区", 37.448, 118.582), D("河口区", 37.886, 118.525), D("垦利区", 37.587, 118.548),
            D("广饶县", 37.054, 118.407),
        ]),
        new("烟台", "山东省", "山东", "370600", "0535", 2, true, "north-tianjin",
        [
            D("芝罘区", 37.541, 121.400), D("福山区", 37.498, 121.268), D("莱山区", 37.512, 121.445),
            D("龙口市", 37.646, 120.478), D("蓬莱区", 37.811, 120.759),
        ]),
        new("潍坊", "山东省", "山东", "370700", "0536", 2, true, "north-beijing",
        [
            D("奎文区", 36.707, 119.125), D("潍城区", 36.728, 119.025), D("寒亭区", 36.776, 119.220),
            D("寿光市", 36.855, 118.791), D("青州市", 36.685, 118.480), D("诸城市", 35.996, 119.410),
        ]),
    ];

    private static readonly Dictionary<string, string> TeamByRegion = BuildTeamByRegion();

    private static Dictionary<string, string> BuildTeamByRegion()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var city in Cities)
        {
            foreach (var district in city.Districts)
            {
                map[city.RegionOf(district)] = city.TeamKey;
            }
        }

        return map;
    }

    // ------------------------------------------------------------------ names

    /// <summary>Two-character trade names (字号) with their pinyin, for company names and e-mail domains.</summary>
    private static readonly (string Word, string Pinyin)[] Brands =
    [
        ("永晟", "yongsheng"), ("禾丰", "hefeng"), ("汇通", "huitong"), ("恒达", "hengda"), ("鑫源", "xinyuan"),
        ("华宇", "huayu"), ("金盛", "jinsheng"), ("宏远", "hongyuan"), ("瑞澜", "ruilan"), ("天成", "tiancheng"),
        ("万隆", "wanlong"), ("东升", "dongsheng"), ("嘉禾", "jiahe"), ("润泽", "runze"), ("博远", "boyuan"),
        ("德盛", "desheng"), ("利达", "lida"), ("联创", "lianchuang"), ("海纳", "haina"), ("信诚", "xincheng"),
        ("协力", "xieli"), ("富源", "fuyuan"), ("隆兴", "longxing"), ("凯达", "kaida"), ("盛昌", "shengchang"),
        ("泰宁", "taining"), ("宝泰", "baotai"), ("荣达", "rongda"), ("安澜", "anlan"), ("合信", "hexin"),
        ("新宇", "xinyu"), ("远航", "yuanhang"), ("正源", "zhengyuan"), ("同创", "tongchuang"), ("汇鑫", "huixin"),
        ("振兴", "zhenxing"), ("恒通", "hengtong"), ("通达", "tongda"), ("佳源", "jiayuan"), ("明辉", "minghui"),
        ("华源", "huayuan"), ("天沐", "tianmu"), ("康达", "kangda"), ("裕丰", "yufeng"), ("永顺", "yongshun"),
        ("金泰", "jintai"), ("长盛", "changsheng"), ("广源", "guangyuan"), ("立恒", "liheng"), ("晨阳", "chenyang"),
        ("亿丰", "yifeng"), ("宏锦", "hongjin"), ("双利", "shuangli"), ("和顺", "heshun"), ("鼎盛", "dingsheng"),
        ("旭日", "xuri"), ("卓越", "zhuoyue"), ("锦程", "jincheng"), ("金鹰", "jinying"), ("银河", "yinhe"),
        ("蓝天", "lantian"), ("绿洲", "lvzhou"), ("星辰", "xingchen"), ("远澜", "yuanlan"), ("天辰", "tianchen"),
        ("博澜", "bolan"), ("中澜", "zhonglan"), ("华盛", "huasheng"), ("新锐", "xinrui"), ("弘毅", "hongyi"),
        ("德润", "derun"), ("鸿运", "hongyun"), ("永昌", "yongchang"), ("兆丰", "zhaofeng"), ("丰源", "fengyuan"),
        ("瑞祥", "ruixiang"), ("嘉信", "jiaxin"), ("万盛", "wansheng"), ("昌盛", "changsheng"), ("福瑞", "furui"),
        ("宏图", "hongtu"), ("汇远", "huiyuan"), ("瑞达", "ruida"), ("天宇", "tianyu"), ("正弘", "zhenghong"),
        ("联盛", "liansheng"), ("金达", "jinda"), ("海川", "haichuan"), ("江源", "jiangyuan"), ("东海", "donghai"),
        ("南洋", "nanyang"), ("北辰", "beichen"), ("百川", "baichuan"), ("众诚", "zhongcheng"), ("泰丰", "taifeng"),
        ("宇辰", "yuchen"), ("诚达", "chengda"), ("恒昌", "hengchang"), ("鑫达", "xinda"), ("盛达", "shengda"),
        ("永鑫", "yongxin"), ("兴隆", "xinglong"), ("天诚", "tiancheng"), ("华通", "huatong"), ("凯恒", "kaiheng"),
        ("锦华", "jinhua"), ("金桥", "jinqiao"), ("新源", "xinyuan"), ("宏盛", "hongsheng"), ("森茂", "senmao"),
        ("力诚", "licheng"), ("晟通", "shengtong"), ("海诚", "haicheng"), ("汇能", "huineng"), ("明远", "mingyuan"),
        ("鼎新", "dingxin"), ("顺达", "shunda"), ("建昌", "jianchang"), ("海瑞", "hairui"), ("春晖", "chunhui"),
        ("益民", "yimin"), ("华佳", "huajia"), ("润源", "runyuan"), ("百泽", "baize"), ("中晟", "zhongsheng"),
        ("天禾", "tianhe"), ("丰华", "fenghua"), ("宏昌", "hongchang"), ("永盛", "yongsheng"), ("瑞通", "ruitong"),
        ("嘉诚", "jiacheng"), ("兴达", "xingda"), ("广恒", "guangheng"), ("金源", "jinyuan"), ("东瑞", "dongrui"),
        ("德华", "dehua"), ("鸿泰", "hongtai"), ("巨丰", "jufeng"), ("安达", "anda"), ("群力", "qunli"),
        ("同辉", "tonghui"), ("伟业", "weiye"), ("奥星", "aoxing"), ("昊天", "haotian"), ("宸宇", "chenyu"),
        ("炬能", "juneng"), ("骏达", "junda"), ("浩然", "haoran"), ("朗润", "langrun"), ("铭泰", "mingtai"),
        ("沃德", "wode"), ("拓新", "tuoxin"), ("柏瑞", "bairui"), ("聚源", "juyuan"), ("晶辉", "jinghui"),
        ("金洲", "jinzhou"), ("世纪", "shiji"), ("恒泰", "hengtai"), ("开泰", "kaitai"), ("联丰", "lianfeng"),
        ("新纪", "xinji"), ("科宏", "kehong"), ("华星", "huaxing"), ("海泰", "haitai"), ("三和", "sanhe"),
        ("六和", "liuhe"), ("五洲", "wuzhou"), ("九鼎", "jiuding"), ("万通", "wantong"), ("千禧", "qianxi"),
        ("亿达", "yida"), ("九川", "jiuchuan"), ("双鹰", "shuangying"), ("飞跃", "feiyue"), ("腾达", "tengda"),
        ("龙腾", "longteng"), ("凤翔", "fengxiang"), ("金马", "jinma"), ("天翔", "tianxiang"), ("骏马", "junma"),
        ("长鸿", "changhong"), ("大洋", "dayang"), ("华创", "huachuang"), ("普瑞", "purui"), ("莱恩", "laien"),
        ("宝利", "baoli"), ("圣达", "shengda"), ("德信", "dexin"), ("恒丰", "hengfeng"), ("永安", "yongan"),
        ("润川", "runchuan"), ("万利", "wanli"), ("嘉利", "jiali"), ("欣荣", "xinrong"), ("新泉", "xinquan"),
        ("清源", "qingyuan"), ("碧源", "biyuan"), ("蓝海", "lanhai"), ("锦隆", "jinlong"), ("瑞恒", "ruiheng"),
    ];

    /// <summary>What a customer does (the part of the name after the trade name), its short form and its industry.</summary>
    private sealed record Business(string Phrase, string Short, string Industry, string Slug);

    private static readonly Business[] Businesses =
    [
        new("化工", "化工", "石油化工", "chem"),
        new("石化工程", "石化", "石油化工", "petro"),
        new("精细化工", "化工", "石油化工", "finechem"),
        new("化学", "化学", "石油化工", "chemical"),
        new("新材料", "新材料", "石油化工", "material"),
        new("石油机械", "石油机械", "石油化工", "petromach"),
        new("化工设备", "化工设备", "石油化工", "chemequip"),
        new("油气工程", "油气", "石油化工", "oilgas"),
        new("电力", "电力", "电力", "power"),
        new("热电", "热电", "电力", "thermal"),
        new("电力工程", "电力", "电力", "powereng"),
        new("能源", "能源", "电力", "energy"),
        new("发电设备", "发电设备", "电力", "powergen"),
        new("水务", "水务", "水务", "water"),
        new("水务工程", "水务", "水务", "watereng"),
        new("给排水工程", "给排水", "水务", "wsd"),
        new("供水", "供水", "水务", "watersupply"),
        new("水处理设备", "水处理", "水务", "watertech"),
        new("钢铁", "钢铁", "冶金", "steel"),
        new("冶金", "冶金", "冶金", "metallurgy"),
        new("特钢", "特钢", "冶金", "specialsteel"),
        new("金属材料", "金属", "冶金", "metal"),
        new("制药", "制药", "制药", "pharma"),
        new("药业", "药业", "制药", "pharm"),
        new("生物科技", "生物", "制药", "bio"),
        new("食品", "食品", "食品饮料", "food"),
        new("乳业", "乳业", "食品饮料", "dairy"),
        new("酿造", "酿造", "食品饮料", "brew"),
        new("饮品", "饮品", "食品饮料", "drinks"),
        new("暖通设备", "暖通", "暖通空调", "hvac"),
        new("暖通工程", "暖通", "暖通空调", "hvaceng"),
        new("制冷设备", "制冷", "暖通空调", "cooling"),
        new("机电安装工程", "机电安装", "暖通空调", "mep"),
        new("纸业", "纸业", "造纸", "paper"),
        new("造纸", "造纸", "造纸", "papermill"),
        new("船舶", "船舶", "船舶", "marine"),
        new("船舶配套", "船配", "船舶", "marineparts"),
        new("海洋工程", "海工", "船舶", "offshore"),
        new("燃气", "燃气", "市政燃气", "gas"),
        new("天然气", "天然气", "市政燃气", "naturalgas"),
        new("燃气工程", "燃气", "市政燃气", "gaseng"),
        new("环保科技", "环保", "环保工程", "eco"),
        new("环境工程", "环境", "环保工程", "env"),
        new("印染", "印染", "纺织印染", "dyeing"),
        new("纺织", "纺织", "纺织印染", "textile"),
        new("流体设备", "流体", "机械设备", "fluid"),
        new("管道工程", "管道", "机械设备", "pipe"),
        new("流体控制设备", "流体控制", "机械设备", "flow"),
        new("机电设备", "机电", "机械设备", "me"),
        new("新能源", "新能源", "新能源", "newenergy"),
        new("光伏科技", "光伏", "新能源", "solar"),
        new("锂电材料", "锂电", "新能源", "battery"),
    ];

    /// <summary>How often each industry appears among a valve maker's customers.</summary>
    private static readonly (string Industry, int Weight)[] IndustryWeights =
    [
        ("石油化工", 20), ("水务", 12), ("电力", 10), ("暖通空调", 10), ("机械设备", 10),
        ("市政燃气", 8), ("冶金", 6), ("制药", 5), ("食品饮料", 5), ("环保工程", 5),
        ("船舶", 4), ("新能源", 4), ("造纸", 3), ("纺织印染", 3),
    ];

    private static readonly string[] Streets =
    [
        "人民路", "解放路", "中山路", "建设路", "工业路", "科技路", "兴业路", "创业路", "长江路", "黄河路",
        "新华路", "振兴路", "金桥路", "开发路", "环城北路", "滨江路", "东海路", "明珠路", "望江路", "学府路",
        "文化路", "和平路", "光明路", "复兴路", "迎宾大道", "世纪大道", "发展大道", "工业大道", "东方大道", "通江路",
        "港城大道", "临港路", "化工路", "石化路", "金山路", "银河路", "星光路", "新城大道", "青年路", "朝阳路",
        "胜利路", "园区路", "兴港路", "泰山路", "华山路", "衡山路", "嵩山路", "庐山路", "黄山路", "富春路",
        "钱江路", "太湖路", "运河路", "江南大道", "新民路", "宏业路", "昌盛路", "聚贤路", "创新大道", "高新大道",
        "海港路", "纬三路", "经二路", "环城南路", "恒业路", "精工路", "永安路", "春晓路",
    ];

    private static readonly string[] Parks = ["经济开发区", "高新区", "工业园区", "经济技术开发区", "工业集聚区"];

    private static readonly (string Surname, string Pinyin, int Weight)[] Surnames =
    [
        ("王", "wang", 7), ("李", "li", 7), ("张", "zhang", 7), ("刘", "liu", 5), ("陈", "chen", 6),
        ("杨", "yang", 3), ("黄", "huang", 3), ("赵", "zhao", 2), ("吴", "wu", 3), ("周", "zhou", 3),
        ("徐", "xu", 3), ("孙", "sun", 2), ("马", "ma", 2), ("朱", "zhu", 2), ("胡", "hu", 2),
        ("郭", "guo", 2), ("何", "he", 2), ("林", "lin", 2), ("高", "gao", 2), ("罗", "luo", 1),
        ("郑", "zheng", 2), ("梁", "liang", 1), ("谢", "xie", 1), ("宋", "song", 1), ("唐", "tang", 1),
        ("许", "xu", 1), ("韩", "han", 1), ("冯", "feng", 1), ("邓", "deng", 1), ("曹", "cao", 1),
        ("彭", "peng", 1), ("曾", "zeng", 1), ("沈", "shen", 2), ("蒋", "jiang", 1), ("蔡", "cai", 1),
        ("叶", "ye", 2), ("俞", "yu", 1), ("钱", "qian", 1), ("潘", "pan", 1), ("金", "jin", 1),
        ("应", "ying", 1), ("戴", "dai", 1), ("陆", "lu", 1), ("顾", "gu", 1), ("汪", "wang", 1),
        ("方", "fang", 1), ("邵", "shao", 1), ("姚", "yao", 1), ("傅", "fu", 1), ("楼", "lou", 1),
        ("董", "dong", 1), ("袁", "yuan", 1), ("丁", "ding", 1), ("魏", "wei", 1), ("薛", "xue", 1),
        ("任", "ren", 1), ("范", "fan", 1), ("毛", "mao", 1), ("童", "tong", 1), ("施", "shi", 1),
    ];

    /// <summary>A given name with its pinyin syllables separated by spaces ("建国" → "jian guo").</summary>
    private sealed record GivenName(string Name, string Pinyin, string Initials)
    {
        public static GivenName Of(string name, string syllables) =>
            new(name, syllables.Replace(" ", "", StringComparison.Ordinal), string.Concat(syllables.Split(' ').Select(s => s[0])));
    }

    private static GivenName[] GivenNames(params (string Name, string Syllables)[] names) =>
        [.. names.Select(n => GivenName.Of(n.Name, n.Syllables))];

    private static readonly GivenName[] MaleGiven = GivenNames(
        ("伟", "wei"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("勇", "yong"), ("杰", "jie"), ("涛", "tao"),
        ("斌", "bin"), ("超", "chao"), ("明", "ming"), ("刚", "gang"), ("平", "ping"), ("辉", "hui"), ("鹏", "peng"),
        ("飞", "fei"), ("鑫", "xin"), ("波", "bo"), ("健", "jian"), ("亮", "liang"), ("峰", "feng"), ("浩", "hao"),
        ("凯", "kai"), ("锋", "feng"), ("旭", "xu"), ("毅", "yi"), ("建国", "jian guo"), ("建华", "jian hua"),
        ("志强", "zhi qiang"), ("志刚", "zhi gang"), ("海涛", "hai tao"), ("海峰", "hai feng"), ("国强", "guo qiang"),
        ("国平", "guo ping"), ("伟明", "wei ming"), ("卫东", "wei dong"), ("永刚", "yong gang"), ("文杰", "wen jie"),
        ("晓东", "xiao dong"), ("晓峰", "xiao feng"), ("建军", "jian jun"), ("立新", "li xin"), ("明华", "ming hua"),
        ("红军", "hong jun"), ("新民", "xin min"), ("浩然", "hao ran"), ("宇航", "yu hang"), ("振华", "zhen hua"),
        ("德明", "de ming"), ("庆华", "qing hua"), ("春雷", "chun lei"), ("学军", "xue jun"), ("云龙", "yun long"),
        ("荣华", "rong hua"), ("家豪", "jia hao"), ("子豪", "zi hao"), ("嘉伟", "jia wei"), ("国庆", "guo qing"),
        ("建平", "jian ping"), ("利民", "li min"), ("文斌", "wen bin"), ("志伟", "zhi wei"), ("鹏飞", "peng fei"),
        ("亚军", "ya jun"), ("建伟", "jian wei"), ("玉林", "yu lin"), ("军辉", "jun hui"), ("海军", "hai jun"),
        ("耀华", "yao hua"), ("兴旺", "xing wang"), ("宏伟", "hong wei"), ("俊峰", "jun feng"), ("一鸣", "yi ming"),
        ("宇翔", "yu xiang"), ("立军", "li jun"), ("国栋", "guo dong"), ("忠良", "zhong liang"), ("国华", "guo hua"),
        ("永军", "yong jun"), ("海兵", "hai bing"), ("金龙", "jin long"), ("伟华", "wei hua"), ("志明", "zhi ming"));

    private static readonly GivenName[] FemaleGiven = GivenNames(
        ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("艳", "yan"), ("娟", "juan"),
        ("霞", "xia"), ("婷", "ting"), ("玲", "ling"), ("燕", "yan"), ("萍", "ping"), ("红", "hong"), ("雪", "xue"),
        ("琳", "lin"), ("颖", "ying"), ("倩", "qian"), ("慧", "hui"), ("洁", "jie"), ("梅", "mei"), ("蓉", "rong"),
        ("丽娟", "li juan"), ("秀英", "xiu ying"), ("桂英", "gui ying"), ("晓燕", "xiao yan"), ("海燕", "hai yan"),
        ("春梅", "chun mei"), ("雪梅", "xue mei"), ("丽华", "li hua"), ("玉兰", "yu lan"), ("美玲", "mei ling"),
        ("佳怡", "jia yi"), ("晓丽", "xiao li"), ("慧敏", "hui min"), ("静怡", "jing yi"), ("婷婷", "ting ting"),
        ("丹丹", "dan dan"), ("欣怡", "xin yi"), ("雅琴", "ya qin"), ("文静", "wen jing"), ("秀兰", "xiu lan"),
        ("红霞", "hong xia"), ("晓红", "xiao hong"), ("凤英", "feng ying"), ("丽萍", "li ping"), ("燕萍", "yan ping"),
        ("梦瑶", "meng yao"), ("思琪", "si qi"), ("雨涵", "yu han"), ("晶晶", "jing jing"), ("玲玲", "ling ling"),
        ("海霞", "hai xia"), ("素芬", "su fen"), ("建英", "jian ying"), ("金凤", "jin feng"), ("艳红", "yan hong"),
        ("淑珍", "shu zhen"), ("亚楠", "ya nan"), ("思雨", "si yu"), ("晓敏", "xiao min"), ("燕玲", "yan ling"));

    /// <summary>Titles of the first (key) contact: someone who decides or specifies.</summary>
    private static readonly string[] LeadTitles =
    [
        "采购经理", "设备部部长", "总工程师", "项目经理", "采购部部长", "副总经理", "设备科科长", "工程部经理",
    ];

    private static readonly string[] Titles =
    [
        "采购经理", "采购主管", "采购员", "设备部部长", "设备主管", "总工程师", "技术部经理", "项目经理",
        "技术员", "工程部经理", "生产厂长", "总经理", "副总经理", "仪表工程师", "管道工程师", "招标专员",
        "设备科科长", "工艺工程师", "安装队队长", "仓库主管", "财务经理",
    ];

    private static readonly string[] Sources = ["展会", "官网", "老客户介绍", "电话开发", "招投标"];
    private static readonly int[] SourceWeights = [20, 15, 25, 25, 15];

    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
        "150", "151", "152", "153", "155", "156", "157", "158", "159", "166",
        "173", "175", "176", "177", "178", "180", "181", "182", "183", "184",
        "185", "186", "187", "188", "189", "191", "193", "195", "198", "199",
    ];

    private static readonly string[] LegalForms = ["有限公司", "有限责任公司", "股份有限公司", "集团有限公司"];
    private static readonly int[] LegalFormWeights = [70, 12, 12, 6];

    // ------------------------------------------------------------------ generator

    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Demo data must be reproducible from a seed.")]
    private sealed class Generator
    {
        private const int MaxNameAttempts = 10_000;

        private readonly Random random;
        private readonly Random codeRandom;
        private readonly HashSet<string> names;
        private readonly HashSet<string> codes;
        private readonly HashSet<string> mobiles;
        private readonly Weighted<City> cities = new(Cities.Select(c => (c, c.Weight)));
        private readonly Weighted<string> industriesInland;
        private readonly Weighted<string> industriesCoastal;
        private readonly Dictionary<string, Business[]> businessesByIndustry;
        private readonly Weighted<(string Surname, string Pinyin)> surnames =
            new(Surnames.Select(s => ((s.Surname, s.Pinyin), s.Weight)));

        public Generator(int seed, int count)
        {
            var capacity = Math.Min(count, 100_000);
            random = new Random(seed);
            // Credit codes come from a stream of their own, so that the rest of the data does
            // not depend on how many random numbers the credit-code helper draws.
            codeRandom = new Random(unchecked((seed * -1640531535) ^ 0x5BD1E995));
            names = new HashSet<string>(capacity, StringComparer.Ordinal);
            codes = new HashSet<string>(capacity, StringComparer.Ordinal);
            mobiles = new HashSet<string>(capacity * 3 + People.Count, StringComparer.Ordinal);
            foreach (var person in People)
            {
                mobiles.Add(person.Mobile);
            }

            industriesCoastal = new Weighted<string>(IndustryWeights.Select(w => (w.Industry, w.Weight)));
            industriesInland = new Weighted<string>(IndustryWeights.Where(w => w.Industry != "船舶").Select(w => (w.Industry, w.Weight)));
            businessesByIndustry = Businesses.GroupBy(b => b.Industry).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        }

        public DemoCustomer Next()
        {
            City city;
            District district;
            (string Word, string Pinyin) brand;
            Business business;
            string name;
            var attempts = 0;
            do
            {
                if (++attempts > MaxNameAttempts)
                {
                    throw new InvalidOperationException("Ran out of distinct demo company names; ask for fewer customers.");
                }

                city = cities.Pick(random);
                district = Pick(city.Districts);
                var industry = (city.Coastal ? industriesCoastal : industriesInland).Pick(random);
                business = Pick(businessesByIndustry[industry]);
                brand = Pick(Brands);
                name = CompanyName(city, district, brand.Word, business);
            }
            while (!names.Add(name));

            string code;
            do
            {
                code = CreditCode.Generate(codeRandom, city.Division);
            }
            while (!codes.Add(code));

            var aliases = Aliases(city, brand.Word, business);
            var (lat, lng) = Jitter(district);
            var level = Roll(15) ? "A" : Roll(35.0 / 85.0 * 100.0) ? "B" : "C";
            var isKey = level switch
            {
                "A" => Roll(45),
                "B" => Roll(8),
                _ => Roll(1),
            };
            var source = Sources[PickIndex(SourceWeights)];
            var contacts = Contacts(city, brand.Pinyin, business);

            return new DemoCustomer(
                name,
                code,
                aliases,
                business.Industry,
                city.RegionOf(district),
                Address(city, district),
                lat,
                lng,
                level,
                isKey,
                source,
                contacts);
        }

        private string CompanyName(City city, District district, string brand, Business business)
        {
            var formIndex = PickIndex(LegalFormWeights);
            var form = LegalForms[formIndex];
            var big = formIndex >= 2; // 股份 / 集团: usually registered under the province or the city
            var roll = random.Next(100);

            if (city.IsMunicipality)
            {
                return roll switch
                {
                    < 6 when !big => $"{brand}（{city.Name}）{business.Phrase}{form}",
                    < 16 => $"{city.Name}市{brand}{business.Phrase}{form}",
                    _ => $"{city.Name}{brand}{business.Phrase}{form}",
                };
            }

            if (big)
            {
                return roll switch
                {
                    < 45 => $"{city.ProvinceShort}{brand}{business.Phrase}{form}",
                    < 75 => $"{city.Name}{brand}{business.Phrase}{form}",
                    _ => $"{city.Name}市{brand}{business.Phrase}{form}",
                };
            }

            return roll switch
            {
                < 6 => $"{brand}（{city.Name}）{business.Phrase}{form}",
                < 16 => $"{city.ProvinceShort}{brand}{business.Phrase}{form}",
                < 30 => $"{LocalPrefix(city, district)}{brand}{business.Phrase}{form}",
                < 62 => $"{city.Name}{brand}{business.Phrase}{form}",
                _ => $"{city.Name}市{brand}{business.Phrase}{form}",
            };
        }

        /// <summary>佛山市南海区 for a district, 余姚市 / 宁海县 for a county-level unit, 东莞市 for a town.</summary>
        private static string LocalPrefix(City city, District district) => district.Name[^1] switch
        {
            '区' => $"{city.Name}市{district.Name}",
            '市' or '县' => district.Name,
            _ => $"{city.Name}市",
        };

        private List<string> Aliases(City city, string brand, Business business)
        {
            var candidates = new List<string>(4) { brand + business.Short };
            candidates.Add(brand);
            candidates.Add(city.Name + brand);
            if (business.Short != business.Phrase)
            {
                candidates.Add(brand + business.Phrase);
            }

            var count = PickIndex([30, 45, 25]) + 1;
            var aliases = new List<string>(count) { candidates[0] };
            while (aliases.Count < count)
            {
                var alias = candidates[1 + random.Next(candidates.Count - 1)];
                if (!aliases.Contains(alias))
                {
                    aliases.Add(alias);
                }
            }

            return aliases;
        }

        private string Address(City city, District district)
        {
            var prefix = city.IsMunicipality ? city.Province + district.Name : city.Province + city.Name + "市" + district.Name;
            var park = Roll(20) ? Pick(Parks) : "";
            var number = Roll(55) ? random.Next(1, 60) : random.Next(60, 1000);
            var building = random.Next(100) switch
            {
                < 10 => Inv($"{random.Next(1, 13)}幢"),
                < 16 => Inv($"{random.Next(1, 21)}号楼"),
                < 19 => Inv($"{random.Next(1, 9)}号厂房"),
                _ => "",
            };
            return Inv($"{prefix}{park}{Pick(Streets)}{number}号{building}");
        }

        private (double Lat, double Lng) Jitter(District district)
        {
            // Roughly ±4 km around the district centre, denser near the middle.
            var dLat = (random.NextDouble() + random.NextDouble() - 1.0) * 0.036;
            var dLng = (random.NextDouble() + random.NextDouble() - 1.0) * 0.042;
            return (Math.Round(district.Lat + dLat, 6), Math.Round(district.Lng + dLng, 6));
        }

        private List<DemoContact> Contacts(City city, string brandPinyin, Business business)
        {
            var count = PickIndex([5, 25, 35, 35]) + 1; // mean 3.0
            var contacts = new List<DemoContact>(count);
            var domain = random.Next(5) switch
            {
                0 => brandPinyin + ".com.cn",
                1 => brandPinyin + "-" + business.Slug + ".com",
                2 => brandPinyin + business.Slug + ".cn",
                _ => brandPinyin + business.Slug + ".com",
            };
            var switchboard = Inv($"{random.Next(2, 9)}{random.Next(100, 1000)}"); // shared first four digits
            var usedNames = new HashSet<string>(StringComparer.Ordinal);
            var usedTitles = new HashSet<string>(StringComparer.Ordinal);
            var usedEmails = new HashSet<string>(StringComparer.Ordinal);

            for (var i = 0; i < count; i++)
            {
                string name;
                string surnamePinyin;
                GivenName given;
                do
                {
                    (name, surnamePinyin, given) = PersonName();
                }
                while (!usedNames.Add(name));

                var givenPinyin = given.Pinyin;

                string title;
                do
                {
                    title = i == 0 ? Pick(LeadTitles) : Pick(Titles);
                }
                while (!usedTitles.Add(title));

                var mobile = NewMobile();

                string? phone = null;
                if (Roll(45))
                {
                    var rest = random.Next(0, 10_000).ToString("D4", CultureInfo.InvariantCulture);
                    phone = $"{city.AreaCode}-{switchboard}{rest}";
                    if (Roll(8))
                    {
                        phone += Inv($"转{random.Next(800, 9000)}");
                    }
                }

                string? email = null;
                var emailRoll = random.Next(100);
                if (emailRoll < 32)
                {
                    var local = random.Next(3) switch
                    {
                        0 => surnamePinyin + givenPinyin,
                        1 => surnamePinyin + "." + givenPinyin,
                        _ => given.Initials + surnamePinyin,
                    };
                    var candidate = local;
                    for (var n = 2; !usedEmails.Add(candidate); n++)
                    {
                        candidate = Inv($"{local}{n}");
                    }

                    email = candidate + "@" + domain;
                }
                else if (emailRoll < 44)
                {
                    email = Inv($"{random.Next(1, 10)}{random.Next(1000, 100_000_000)}@qq.com");
                }
                else if (emailRoll < 52)
                {
                    email = Inv($"{surnamePinyin}{givenPinyin}{random.Next(60, 100)}@{(Roll(50) ? "163.com" : "126.com")}");
                }

                string? weChat = random.Next(100) switch
                {
                    < 10 => mobile,
                    < 30 => Inv($"{surnamePinyin}{givenPinyin}{random.Next(1, 10_000)}"),
                    < 38 => Inv($"{givenPinyin}_{surnamePinyin}{random.Next(70, 100)}"),
                    < 46 => "wxid_" + RandomId(14),
                    _ => null,
                };

                contacts.Add(new DemoContact(name, title, mobile, phone, email, weChat));
            }

            return contacts;
        }

        private (string Name, string SurnamePinyin, GivenName Given) PersonName()
        {
            var (surname, surnamePinyin) = surnames.Pick(random);
            var given = Pick(Roll(68) ? MaleGiven : FemaleGiven);
            return (surname + given.Name, surnamePinyin, given);
        }

        private string NewMobile()
        {
            string mobile;
            do
            {
                mobile = Pick(MobilePrefixes) + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
            }
            while (!mobiles.Add(mobile));

            return mobile;
        }

        private string RandomId(int length)
        {
            const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            return string.Create(length, random, static (span, r) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = alphabet[r.Next(alphabet.Length)];
                }
            });
        }

        private bool Roll(double percent) => random.NextDouble() * 100.0 < percent;

        private T Pick<T>(T[] items) => items[random.Next(items.Length)];

        private int PickIndex(ReadOnlySpan<int> weights)
        {
            var total = 0;
            foreach (var w in weights)
            {
                total += w;
            }

            var r = random.Next(total);
            for (var i = 0; i < weights.Length; i++)
            {
                r -= weights[i];
                if (r < 0)
                {
                    return i;
                }
            }

            return weights.Length - 1;
        }

        private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A weighted choice among a fixed set of items.</summary>
    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Demo data must be reproducible from a seed.")]
    private sealed class Weighted<T>
    {
        private readonly T[] items;
        private readonly int[] cumulative;

        public Weighted(IEnumerable<(T Item, int Weight)> entries)
        {
            var list = entries.ToArray();
            items = new T[list.Length];
            cumulative = new int[list.Length];
            var total = 0;
            for (var i = 0; i < list.Length; i++)
            {
                items[i] = list[i].Item;
                total += list[i].Weight;
                cumulative[i] = total;
            }
        }

        public T Pick(Random random)
        {
            var r = random.Next(cumulative[^1]);
            var index = Array.BinarySearch(cumulative, r + 1);
            return items[index >= 0 ? index : ~index];
        }
    }
}
