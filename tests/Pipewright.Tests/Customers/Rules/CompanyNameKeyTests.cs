using Pipewright.Customers.Rules;

namespace Pipewright.Tests.Customers.Rules;

public sealed class CompanyNameKeyTests
{
    [Theory]
    [InlineData("宁波恒达机械有限公司")]
    [InlineData("恒达机械（宁波）有限公司")]
    [InlineData("恒达机械(宁波)有限公司")]
    [InlineData("恒达机械有限公司 ")]
    [InlineData("恒达机械")]
    [InlineData("浙江省宁波市鄞州区恒达机械有限公司")]
    [InlineData("浙江宁波恒达机械有限公司")]
    [InlineData("宁波市 恒达机械 有限公司")]
    [InlineData("恒达机械（中国）有限公司")]
    [InlineData("恒达机械股份有限公司")]
    [InlineData("恒达机械有限责任公司")]
    [InlineData("恒达机械集团有限公司")]
    [InlineData("恒达机械（集团）股份有限公司")]
    [InlineData("恒达机械集团")]
    [InlineData("【宁波】恒达机械有限公司")]
    [InlineData("《恒达机械》")]
    public void Gives_every_way_of_writing_one_firm_the_same_key(string name)
    {
        Assert.Equal("恒达机械", CompanyNameKey.Compute(name));
    }

    [Fact]
    public void Normalises_full_width_letters_digits_and_brackets()
    {
        Assert.Equal(
            CompanyNameKey.Compute("ABC(宁波)机械有限公司"),
            CompanyNameKey.Compute("ＡＢＣ（宁波）机械有限公司"));
        Assert.Equal("abc机械", CompanyNameKey.Compute("ＡＢＣ（宁波）机械有限公司"));
    }

    [Fact]
    public void Lower_cases_ascii_and_keeps_digits()
    {
        Assert.Equal("3m中国", CompanyNameKey.Compute("3M 中国 有限公司"));
    }

    [Fact]
    public void Drops_white_space_and_punctuation()
    {
        Assert.Equal("恒达精密机械", CompanyNameKey.Compute(" 恒达·精密、机械，。 [有限公司]"));
    }

    [Theory]
    [InlineData("恒达机械(杭州)有限公司")]
    [InlineData("恒达机械(浙江)有限公司")]
    [InlineData("恒达机械(宁波市)有限公司")]
    [InlineData("恒达机械〔上海〕有限公司")]
    [InlineData("恒达机械( 中国 )有限公司")]
    public void Drops_a_bracketed_region_or_country(string name)
    {
        Assert.Equal("恒达机械", CompanyNameKey.Compute(name));
    }

    [Fact]
    public void Keeps_bracketed_text_that_is_not_a_qualifier()
    {
        Assert.Equal("恒达精密机械", CompanyNameKey.Compute("恒达(精密)机械有限公司"));
    }

    [Theory]
    [InlineData("恒达机械有限公司", "恒达机械")]
    [InlineData("恒达机械股份有限公司", "恒达机械")]
    [InlineData("恒达机械有限责任公司", "恒达机械")]
    [InlineData("恒达机械股份公司", "恒达机械")]
    [InlineData("恒达机械集团股份有限公司", "恒达机械")]
    [InlineData("恒达机械公司", "恒达机械")]
    [InlineData("恒达股份", "恒达")]
    [InlineData("恒达投资合伙企业(有限合伙)", "恒达投资")]
    [InlineData("恒达会计师事务所(特殊普通合伙)", "恒达会计师事务所")]
    public void Strips_the_longest_legal_form(string name, string expected)
    {
        Assert.Equal(expected, CompanyNameKey.Compute(name));
    }

    [Fact]
    public void Keeps_a_factory_because_a_factory_is_not_a_legal_form()
    {
        Assert.Equal("恒达机械厂", CompanyNameKey.Compute("宁波市恒达机械厂"));
    }

    [Fact]
    public void Strips_a_trailing_group_after_the_legal_form()
    {
        Assert.Equal("恒达", CompanyNameKey.Compute("恒达集团有限公司"));
        Assert.Equal("恒达", CompanyNameKey.Compute("恒达集团"));
    }

    [Fact]
    public void Keeps_a_group_that_is_not_at_the_end()
    {
        Assert.Equal("恒达集团机械", CompanyNameKey.Compute("恒达集团机械有限公司"));
    }

    [Theory]
    [InlineData("浙江省宁波市鄞州区恒达机械", "恒达机械")]
    [InlineData("浙江恒达机械", "恒达机械")]
    [InlineData("杭州恒达机械", "恒达机械")]
    [InlineData("杭州市萧山区恒达机械", "恒达机械")]
    [InlineData("广东省深圳市恒达电子有限公司", "恒达电子")]
    [InlineData("内蒙古自治区包头市恒达机械", "恒达机械")]
    [InlineData("慈溪市恒达电器有限公司", "恒达电器")]
    [InlineData("义乌市恒达饰品有限公司", "恒达饰品")]
    public void Strips_leading_provinces_cities_and_districts(string name, string expected)
    {
        Assert.Equal(expected, CompanyNameKey.Compute(name));
    }

    [Fact]
    public void Strips_only_the_full_form_of_a_district()
    {
        // 江北 alone is as likely a trade name as a district of Ningbo.
        Assert.Equal("江北机械", CompanyNameKey.Compute("宁波江北机械有限公司"));
        Assert.Equal("机械", CompanyNameKey.Compute("宁波江北区机械有限公司"));
    }

    [Fact]
    public void Merges_legally_distinct_firms_of_different_cities_which_is_why_it_only_warns()
    {
        Assert.Equal(CompanyNameKey.Compute("宁波恒达机械有限公司"), CompanyNameKey.Compute("杭州恒达机械有限公司"));
    }

    [Fact]
    public void Keeps_different_firms_apart()
    {
        Assert.NotEqual(CompanyNameKey.Compute("宁波恒达机械有限公司"), CompanyNameKey.Compute("宁波恒通机械有限公司"));
    }

    [Theory]
    [InlineData("宁波有限公司", "宁波")]
    [InlineData("宁波市有限公司", "宁波市")]
    [InlineData("浙江省宁波市", "宁波市")]
    [InlineData("有限公司", "有限公司")]
    [InlineData("集团有限公司", "集团有限公司")]
    [InlineData("华有限公司", "华有限公司")]
    [InlineData("(宁波)", "宁波")]
    [InlineData("宁波恒", "宁波恒")]
    public void Never_strips_a_name_below_two_characters(string name, string expected)
    {
        Assert.Equal(expected, CompanyNameKey.Compute(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("（）【】")]
    public void Gives_an_empty_key_only_to_a_name_without_letters_or_digits(string name)
    {
        Assert.Equal(string.Empty, CompanyNameKey.Compute(name));
    }
}
