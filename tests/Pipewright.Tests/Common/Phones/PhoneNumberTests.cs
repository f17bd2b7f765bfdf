using Pipewright.Common.Phones;

namespace Pipewright.Tests.Common.Phones;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("13912345678", "+8613912345678")]
    [InlineData("+86 139 1234 5678", "+8613912345678")]
    [InlineData("139-1234-5678", "+8613912345678")]
    [InlineData("0574-87654321", "+8657487654321")]
    [InlineData("(0574) 8765 4321", "+8657487654321")]
    [InlineData("010-12345678", "+861012345678")]
    [InlineData("02012345678", "+862012345678")]
    [InlineData("400-810-8888", "+864008108888")]
    [InlineData("800-810-8888", "+868008108888")]
    [InlineData("+1 650 253 0000", "+16502530000")]
    public void Turns_valid_numbers_into_E164(string raw, string expected)
    {
        Assert.Equal(expected, PhoneNumber.ToE164(raw));
    }

    [Fact]
    public void Reads_full_width_digits()
    {
        Assert.Equal("+8613912345678", PhoneNumber.ToE164("１３９１２３４５６７８"));
    }

    [Theory]
    [InlineData("0574-87654321转8001")]
    [InlineData("0574-87654321 转 8001")]
    [InlineData("0574-87654321-转8001")]
    [InlineData("0574-87654321分机8001")]
    [InlineData("0574-87654321 分机号：8001")]
    [InlineData("0574-87654321 ext. 8001")]
    [InlineData("0574-87654321 ext 8001")]
    [InlineData("0574-87654321#8001")]
    [InlineData("0574-87654321-8001")]
    public void Keeps_an_extension_however_it_is_written(string raw)
    {
        Assert.Equal("+8657487654321;ext=8001", PhoneNumber.ToE164(raw));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345")]
    [InlineData("1391234567")]
    [InlineData("139123456789")]
    [InlineData("0574-8765432")]
    [InlineData("021-1234567")]
    [InlineData("not a number")]
    [InlineData("13912345678/13812345678")]
    public void Refuses_what_is_not_a_valid_number(string? raw)
    {
        Assert.Null(PhoneNumber.ToE164(raw));
    }

    [Fact]
    public void Does_not_read_a_dash_after_a_mobile_number_as_an_extension()
    {
        Assert.Null(PhoneNumber.ToE164("13912345678-12"));
    }

    [Theory]
    [InlineData("+8613912345678", "13912345678")]
    [InlineData("+8657487654321", "57487654321")]
    [InlineData("+8657487654321;ext=8001", "57487654321")]
    [InlineData("+861012345678", "1012345678")]
    [InlineData("+864008108888", "4008108888")]
    public void Gives_the_national_significant_digits_for_search(string e164, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Digits(e164));
    }

    [Fact]
    public void Gives_digits_that_contain_what_people_type_for_a_local_number()
    {
        var digits = PhoneNumber.Digits(PhoneNumber.ToE164("0574-87654321")!);

        Assert.EndsWith("87654321", digits, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_digits_of_something_that_is_not_a_number()
    {
        Assert.Throws<ArgumentException>(() => PhoneNumber.Digits("no digits"));
    }
}
