using System.Text;

namespace Pipewright.Customers.Rules;

/// <summary>
/// Outcome of checking a Unified Social Credit Code. The two check failures are
/// kept apart from <see cref="Malformed"/> because some codes really issued fail
/// their check: a malformed code is rejected, a check mismatch only warned about.
/// </summary>
public enum CreditCodeCheck
{
    Valid,
    Malformed,
    WrongOrganisationCheck,
    WrongCheckCharacter,
}

/// <summary>Unified Social Credit Code (统一社会信用代码, GB 32100-2015).</summary>
public static class CreditCode
{
    public const int Length = 18;

    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // 3^(i-1) mod 31, as GB 32100 lists them.
    private static readonly int[] CheckWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    // Positions 9–17 (zero-based 8–16) are a complete GB 11714 organisation code.
    private const int OrganisationStart = 8;
    private const int OrganisationBodyLength = 8;

    /// <summary>
    /// Undoes what people and office software do to a code on its way in: copied
    /// from a PDF with full-width characters, typed in lower case, grouped with spaces.
    /// </summary>
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);

        var compatible = code.Trim().Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(compatible.Length);
        foreach (var c in compatible)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Checks a code that has been through <see cref="Normalize"/>.</summary>
    public static CreditCodeCheck Check(string normalizedCode)
    {
        ArgumentNullException.ThrowIfNull(normalizedCode);

        if (normalizedCode.Length != Length)
        {
            return CreditCodeCheck.Malformed;
        }

        for (var i = 0; i < Length - 1; i++)
        {
            if (Alphabet.IndexOf(normalizedCode[i], StringComparison.Ordinal) < 0)
            {
                return CreditCodeCheck.Malformed;
            }
        }

        // The 18th character only has to be a letter or digit: one outside the
        // alphabet (91350100M000100Y4Z) is a code whose check does not match,
        // which an administrator may still accept, not a code of the wrong shape.
        if (!char.IsAsciiLetterUpper(normalizedCode[Length - 1]) && !char.IsAsciiDigit(normalizedCode[Length - 1]))
        {
            return CreditCodeCheck.Malformed;
        }

        // The administrative division (GB/T 2260) is always numeric, unlike
        // positions 1–2 which may be letters.
        for (var i = 2; i < OrganisationStart; i++)
        {
            if (!char.IsAsciiDigit(normalizedCode[i]))
            {
                return CreditCodeCheck.Malformed;
            }
        }

        // The organisation check comes first: when it fails, the 18th character
        // was most likely computed over a mistyped body, so reporting the inner
        // failure points closer to the typo.
        var organisationBody = normalizedCode.Substring(OrganisationStart, OrganisationBodyLength);
        if (ComputeOrganisationCheck(organisationBody) != normalizedCode[OrganisationStart + OrganisationBodyLength])
        {
            return CreditCodeCheck.WrongOrganisationCheck;
        }

        return ComputeCheckCharacter(normalizedCode[..(Length - 1)]) == normalizedCode[Length - 1]
            ? CreditCodeCheck.Valid
            : CreditCodeCheck.WrongCheckCharacter;
    }

    /// <summary>The 18th character for the first 17 characters of a code.</summary>
    /// <exception cref="ArgumentException">Not 17 characters of the code alphabet.</exception>
    public static char ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException($"Expected {Length - 1} characters, got {first17.Length}.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not in the credit code alphabet.", nameof(first17));
            }

            sum += value * CheckWeights[i];
        }

        return Alphabet[(Alphabet.Length - (sum % Alphabet.Length)) % Alphabet.Length];
    }

    /// <summary>
    /// The GB 11714 check character ('0'–'9' or 'X') for the 8-character body of
    /// an organisation code. GB 11714 itself allows every letter A–Z in the body;
    /// only a credit code narrows that to its own alphabet.
    /// </summary>
    /// <exception cref="ArgumentException">Not 8 characters of 0–9, A–Z.</exception>
    public static char ComputeOrganisationCheck(string first8OfOrgCode)
    {
        ArgumentNullException.ThrowIfNull(first8OfOrgCode);
        if (first8OfOrgCode.Length != OrganisationBodyLength)
        {
            throw new ArgumentException(
                $"Expected {OrganisationBodyLength} characters, got {first8OfOrgCode.Length}.",
                nameof(first8OfOrgCode));
        }

        var sum = 0;
        for (var i = 0; i < first8OfOrgCode.Length; i++)
        {
            var c = first8OfOrgCode[i];
            var value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => throw new ArgumentException(
                    $"'{c}' is not an organisation code character.", nameof(first8OfOrgCode)),
            };
            sum += value * OrganisationWeights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var check => (char)('0' + check),
        };
    }

    /// <summary>
    /// A random valid code of an ordinary enterprise (91: market regulator,
    /// enterprise) for demo and test data. Real firms' codes must never be
    /// needed for that.
    /// </summary>
    /// <param name="division">Six-digit GB/T 2260 division; 330200 is Ningbo.</param>
    public static string Generate(Random random, string division = "330200")
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(division);
        if (division.Length != 6 || !division.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A division is six digits.", nameof(division));
        }

        // Every character of the credit code alphabet is a valid GB 11714 body
        // character, and the organisation check is always '0'–'9' or 'X', which
        // the alphabet has too: no draw can fail, so no retry is needed.
        Span<char> body = stackalloc char[OrganisationBodyLength];
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        var organisationBody = new string(body);
        var first17 = "91" + division + organisationBody + ComputeOrganisationCheck(organisationBody);
        return first17 + ComputeCheckCharacter(first17);
    }
}
