using Pipewright.Customers.Rules;

namespace Pipewright.Tests.Customers.Rules;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91110000600037341L")]
    [InlineData("91110108551385082Q")]
    [InlineData("91350100M000100Y43")]
    [InlineData("91310115MA1K3BTP2B")]
    [InlineData("121200004013590816")]
    [InlineData("92340602MA2PBMEM24")]
    public void Accepts_every_valid_example_from_domain_facts(string code)
    {
        Assert.Equal(CreditCodeCheck.Valid, CreditCode.Check(code));
    }

    [Fact]
    public void Reports_the_invalid_example_from_domain_facts_as_a_wrong_check_character()
    {
        Assert.Equal(CreditCodeCheck.WrongCheckCharacter, CreditCode.Check("91350100M000100Y4Z"));
    }

    [Theory]
    [InlineData("91110000600037341L", "91110000600037341M")]
    [InlineData("91110108551385082Q", "91110108551385082R")]
    [InlineData("121200004013590816", "121200004013590817")]
    public void Reports_a_changed_18th_character_as_a_wrong_check_character(string valid, string changed)
    {
        Assert.Equal(CreditCodeCheck.Valid, CreditCode.Check(valid));
        Assert.Equal(CreditCodeCheck.WrongCheckCharacter, CreditCode.Check(changed));
    }

    [Fact]
    public void Reports_a_wrong_organisation_check_even_when_the_18th_character_matches_the_first_17()
    {
        // 91110000600037341L with the organisation check 1 turned into 2, and the
        // 18th recomputed, so that only the inner check is wrong.
        var first17 = "91110000600037342";
        var code = first17 + CreditCode.ComputeCheckCharacter(first17);

        Assert.Equal(CreditCodeCheck.WrongOrganisationCheck, CreditCode.Check(code));
    }

    [Fact]
    public void Reports_the_organisation_check_before_the_18th_character()
    {
        // A typo in the body breaks both checks; the inner one is reported.
        Assert.Equal(CreditCodeCheck.WrongOrganisationCheck, CreditCode.Check("91110000600037351L"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("91110000600037341")]
    [InlineData("91110000600037341LL")]
    [InlineData("911100006000373")]
    public void Rejects_a_code_of_the_wrong_length_as_malformed(string code)
    {
        Assert.Equal(CreditCodeCheck.Malformed, CreditCode.Check(code));
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    public void Rejects_letters_outside_the_credit_code_alphabet_as_malformed(char forbidden)
    {
        // In the organisation body, where GB 11714 alone would allow them.
        var code = "91310115M" + forbidden + "1K3BTP2B";

        Assert.Equal(CreditCodeCheck.Malformed, CreditCode.Check(code));
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    public void Reports_a_letter_outside_the_alphabet_in_the_18th_place_as_a_wrong_check_character(char letter)
    {
        // As the domain-facts example 91350100M000100Y4Z does: such a code may
        // really have been issued, so it must stay acceptable with a warning.
        var code = "91310115MA1K3BTP2" + letter;

        Assert.Equal(CreditCodeCheck.WrongCheckCharacter, CreditCode.Check(code));
    }

    [Theory]
    [InlineData("91310115MA1K3BTP2-")]
    [InlineData("91310115MA1K3BTP2b")]
    [InlineData("91310115MA1K3BTP2中")]
    public void Rejects_an_18th_character_that_is_no_upper_case_letter_or_digit_as_malformed(string code)
    {
        Assert.Equal(CreditCodeCheck.Malformed, CreditCode.Check(code));
    }

    [Fact]
    public void Rejects_a_letter_in_the_administrative_division_as_malformed()
    {
        var first17 = "9131011AMA1K3BTP2";
        var code = first17 + CreditCode.ComputeCheckCharacter(first17);

        Assert.Equal(CreditCodeCheck.Malformed, CreditCode.Check(code));
    }

    [Fact]
    public void Rejects_lower_case_as_malformed_until_normalised()
    {
        Assert.Equal(CreditCodeCheck.Malformed, CreditCode.Check("91310115ma1k3btp2b"));
        Assert.Equal(CreditCodeCheck.Valid, CreditCode.Check(CreditCode.Normalize("91310115ma1k3btp2b")));
    }

    [Fact]
    public void Normalises_full_width_characters_to_plain_ones()
    {
        Assert.Equal("91310115MA1K3BTP2B", CreditCode.Normalize("９１３１０１１５ＭＡ１Ｋ３ＢＴＰ２Ｂ"));
    }

    [Fact]
    public void Normalises_by_trimming_upper_casing_and_dropping_inner_spaces()
    {
        Assert.Equal("91310115MA1K3BTP2B", CreditCode.Normalize("  9131 0115 ma1k\u30003btp 2b\t"));
    }

    [Theory]
    [InlineData("91110000600037341", 'L')]
    [InlineData("91350100M000100Y4", '3')]
    [InlineData("12120000401359081", '6')]
    public void Computes_the_18th_character_of_the_examples(string first17, char expected)
    {
        Assert.Equal(expected, CreditCode.ComputeCheckCharacter(first17));
    }

    [Theory]
    [InlineData("60003734", '1')]
    [InlineData("M000100Y", '4')]
    [InlineData("MA2PBMEM", '2')]
    public void Computes_the_organisation_check_of_the_examples(string body, char expected)
    {
        Assert.Equal(expected, CreditCode.ComputeOrganisationCheck(body));
    }

    [Fact]
    public void Computes_X_for_an_organisation_check_of_ten_and_0_for_eleven()
    {
        // Weighted sums mod 11: 3 → 11 − 3 = 8; 3 + 2·4 = 11 ≡ 0 → 11 → '0';
        // 3 + 2·9 = 21 ≡ 10 → 1; 2·6 = 12 ≡ 1 → 10 → 'X'.
        Assert.Equal('8', CreditCode.ComputeOrganisationCheck("10000000"));
        Assert.Equal('0', CreditCode.ComputeOrganisationCheck("10000004"));
        Assert.Equal('1', CreditCode.ComputeOrganisationCheck("10000009"));
        Assert.Equal('X', CreditCode.ComputeOrganisationCheck("00000006"));
    }

    [Fact]
    public void Computes_the_organisation_check_over_every_letter_GB_11714_allows()
    {
        // Z = 35 (weight 3) and I = 18 (weight 7): 105 + 126 = 231 = 21·11 → '0'.
        Assert.Equal('0', CreditCode.ComputeOrganisationCheck("ZI000000"));
    }

    [Theory]
    [InlineData("9111000060003734")]
    [InlineData("911100006000373411")]
    [InlineData("9111000060003734I")]
    public void Refuses_to_compute_an_18th_character_from_anything_but_17_code_characters(string first17)
    {
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeCheckCharacter(first17));
    }

    [Theory]
    [InlineData("6000373")]
    [InlineData("600037341")]
    [InlineData("6000373a")]
    public void Refuses_to_compute_an_organisation_check_from_anything_but_8_body_characters(string body)
    {
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeOrganisationCheck(body));
    }

    [Fact]
    public void Generates_a_thousand_valid_codes()
    {
        var random = new Random(20251127);
        var codes = new HashSet<string>();

        for (var i = 0; i < 1000; i++)
        {
            var code = CreditCode.Generate(random);
            Assert.Equal(CreditCodeCheck.Valid, CreditCode.Check(code));
            Assert.StartsWith("91330200", code, StringComparison.Ordinal);
            codes.Add(code);
        }

        Assert.Equal(1000, codes.Count);
    }

    [Fact]
    public void Generates_codes_that_use_letters_and_an_X_organisation_check()
    {
        var random = new Random(7);
        var codes = Enumerable.Range(0, 1000).Select(_ => CreditCode.Generate(random)).ToList();

        Assert.Contains(codes, code => code[8..16].Any(char.IsAsciiLetter));
        Assert.Contains(codes, code => code[16] == 'X');
    }

    [Fact]
    public void Generates_codes_in_the_given_division()
    {
        var code = CreditCode.Generate(new Random(1), "330212");

        Assert.Equal("330212", code[2..8]);
        Assert.Equal(CreditCodeCheck.Valid, CreditCode.Check(code));
    }

    [Theory]
    [InlineData("33020")]
    [InlineData("33020A")]
    public void Refuses_to_generate_in_a_division_that_is_not_six_digits(string division)
    {
        Assert.Throws<ArgumentException>(() => CreditCode.Generate(new Random(1), division));
    }
}
