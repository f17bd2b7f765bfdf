using Pipewright.Dictation.Extraction;

namespace Pipewright.Tests.Dictation;

/// <summary>The rules of voice-extraction.md one by one: numerals, amounts, quantities and every date phrase.</summary>
public sealed class ExtractionRulesTests
{
    // Tuesday 2026-02-10, as in the sample corpus.
    private static readonly DateOnly Tuesday = new(2026, 2, 10);

    private static readonly VoiceVocabulary Vocabulary = new(
        [new VocabularyCustomer(Guid.NewGuid(), "宁波恒达机械有限公司", [])],
        [],
        [
            new VocabularyProduct(Guid.NewGuid(), "Q41F-16P-DN50", "DN50不锈钢球阀", "阀门"),
            new VocabularyProduct(Guid.NewGuid(), "Q41F-16P-DN80", "DN80不锈钢球阀", "阀门"),
            new VocabularyProduct(Guid.NewGuid(), "ZS-2000", "ZS-2000全自动缠绕机", "包装机械"),
        ],
        [new VocabularyCompetitor("永盛阀门", [])]);

    private static VoiceExtraction Extract(string text, DateOnly? today = null) =>
        VoiceNoteExtractor.Extract(Vocabulary, text, today ?? Tuesday, null);

    [Theory]
    [InlineData("两", 2)]
    [InlineData("十五", 15)]
    [InlineData("二十", 20)]
    [InlineData("一百二十", 120)]
    [InlineData("一百二", 120)]
    [InlineData("两万五千", 25000)]
    [InlineData("三万", 30000)]
    [InlineData("八十万", 800000)]
    [InlineData("十一万四", 114000)]
    [InlineData("二十三万七千五", 237500)]
    [InlineData("九万五", 95000)]
    [InlineData("十四万八千八", 148800)]
    [InlineData("一千零五", 1005)]
    [InlineData("5000", 5000)]
    [InlineData("4.6万", 46000)]
    [InlineData("3万5", 35000)]
    [InlineData("一亿两千万", 120000000)]
    [InlineData("二〇二六", 2026)]
    public void Chinese_and_mixed_numerals_are_read(string text, double expected) =>
        Assert.Equal((decimal)expected, ChineseNumerals.Parse(text));

    [Theory]
    [InlineData("万一")]
    [InlineData("")]
    [InlineData("台")]
    public void Words_that_are_no_numbers_are_not_read(string text) => Assert.Null(ChineseNumerals.Parse(text));

    [Theory]
    [InlineData("客户预算八十万。", 800000)]
    [InlineData("剩下的货款十一万四，月底前付清。", 114000)]
    [InlineData("合同价二十三万七千五。", 237500)]
    [InlineData("九万五一次付清。", 95000)]
    [InlineData("每件一百七十八元。", 178)]
    [InlineData("单价九十二，含税。", 92)]
    [InlineData("报价4.6万一台。", 46000)]
    [InlineData("每台十二万五。", 125000)]
    [InlineData("尾款三千块钱。", 3000)]
    public void Amounts_are_read_in_yuan(string text, double expected) =>
        Assert.Equal((decimal)expected, Assert.Single(Extract(text).Amounts).Value);

    [Theory]
    [InlineData("对方便宜百分之八。")]
    [InlineData("首付三成。")]
    [InlineData("报价打九五折。")]
    [InlineData("价格降了5个点。")]
    [InlineData("ZS2000要三台。")]
    [InlineData("一年三万件。")]
    [InlineData("报价有效期三十天。")]
    public void Shares_discounts_and_quantities_are_not_amounts(string text) => Assert.Empty(Extract(text).Amounts);

    [Theory]
    [InlineData("ZS2000要三台。", 3)]
    [InlineData("要两台zs-2000。", 2)]
    [InlineData("ZS 2000缠绕机需要十五套，", 15)]
    [InlineData("缠绕机5000根。", 5000)]
    [InlineData("ZS-2000两万件。", 20000)]
    public void Quantities_with_measure_words_belong_to_the_product(string text, double quantity)
    {
        var product = Assert.Single(Extract(text).Products);
        Assert.Equal("ZS-2000", product.Model);
        Assert.Equal((decimal)quantity, product.Quantity);
    }

    [Fact]
    public void A_size_settles_which_of_two_ball_valves_is_meant_and_a_shared_name_alone_settles_nothing()
    {
        Assert.Equal("Q41F-16P-DN50", Assert.Single(Extract("DN50的球阀要两百只。").Products).Model);
        Assert.Equal("Q41F-16P-DN80", Assert.Single(Extract("dn80球阀要两百只。").Products).Model);
        Assert.Empty(Extract("球阀要两百只。").Products);
    }

    [Theory]
    [InlineData("今天下班前给答复", "2026-02-10")]
    [InlineData("明天去签合同", "2026-02-11")]
    [InlineData("后天来厂里", "2026-02-12")]
    [InlineData("大后天上门", "2026-02-13")]
    [InlineData("周五前打款", "2026-02-13")]
    [InlineData("这周四见", "2026-02-12")]
    [InlineData("本周日交货", "2026-02-15")]
    [InlineData("星期一开会", "2026-02-09")]
    [InlineData("下周四之前报价", "2026-02-19")]
    [InlineData("下周一前交标书", "2026-02-16")]
    [InlineData("下下周二来访", "2026-02-24")]
    [InlineData("三天内给方案", "2026-02-13")]
    [InlineData("十天后复谈", "2026-02-20")]
    [InlineData("5日内回复", "2026-02-15")]
    [InlineData("两周后复谈", "2026-02-24")]
    [InlineData("3周后验收", "2026-03-03")]
    [InlineData("一个月后结清", "2026-03-10")]
    [InlineData("月底前定供应商", "2026-02-28")]
    [InlineData("本月底签约", "2026-02-28")]
    [InlineData("下个月底交货", "2026-03-31")]
    [InlineData("下个月5号签", "2026-03-05")]
    [InlineData("年底前上线", "2026-12-31")]
    [InlineData("3月18日签框架协议", "2026-03-18")]
    [InlineData("四月十号前到货", "2026-04-10")]
    [InlineData("5月12号之前", "2026-05-12")]
    public void Date_phrases_resolve_against_the_day_of_recording(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(Extract(text).Dates).Date);

    [Theory]
    [InlineData("今天在办公室写方案，没有外出。")]
    [InlineData("年内再说。")]
    [InlineData("近期不会采购。")]
    [InlineData("以后再联系。")]
    [InlineData("三月份再看。")]
    [InlineData("每周一次例会。")]
    public void Vague_phrases_and_the_day_of_the_visit_give_no_date(string text) => Assert.Empty(Extract(text).Dates);

    [Fact]
    public void The_week_starts_on_monday_even_when_recorded_on_a_sunday()
    {
        var sunday = new DateOnly(2026, 2, 15);
        Assert.Equal(new DateOnly(2026, 2, 9), Assert.Single(Extract("周一", sunday).Dates).Date);
        Assert.Equal(new DateOnly(2026, 2, 16), Assert.Single(Extract("下周一", sunday).Dates).Date);
    }

    [Theory]
    [InlineData("采购部的刘经理说可以", "刘经理")]
    [InlineData("设备科秦工来电", "秦工")]
    [InlineData("张总同意了", "张总")]
    [InlineData("陈主任在开会", "陈主任")]
    [InlineData("欧阳总监看了方案", "欧阳总监")]
    [InlineData("王副总也在", "王副总")]
    public void People_are_named_by_surname_and_title_without_their_department(string text, string name) =>
        Assert.Equal(name, Assert.Single(Extract(text).Contacts).Name);

    [Theory]
    [InlineData("施工进度正常")]
    [InlineData("总价相当于总额的一半")]
    [InlineData("对方经理不在")]
    [InlineData("工程已经开工")]
    public void Words_that_look_like_a_title_are_no_people(string text) => Assert.Empty(Extract(text).Contacts);

    [Fact]
    public void Competitors_are_found_by_their_short_form()
    {
        Assert.Equal("永盛阀门", Assert.Single(Extract("永盛也来报过价").Competitors).Name);
        Assert.Equal("永盛阀门", Assert.Single(Extract("永盛阀门报价低").Competitors).Name);
    }

    [Fact]
    public void A_customer_the_caller_may_not_see_is_not_named()
    {
        var hidden = VoiceNoteExtractor.Extract(Vocabulary, "恒达的王经理说好", Tuesday, new HashSet<Guid>());
        Assert.Null(hidden.Customer);
        Assert.Equal("宁波恒达机械有限公司", Extract("恒达的王经理说好").Customer!.Name);
    }
}
