using System.Text;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace Pipewright.Common.Phones;

/// <summary>
/// Phone numbers stored as E.164, so that 139 1234 5678, +86 13912345678 and
/// 13912345678 are one number for duplicate checks and search.
/// </summary>
public static partial class PhoneNumber
{
    private const string DefaultRegion = "CN";

    // GetInstance loads the metadata of every region on first use; keep the one
    // instance instead of asking for it on every call.
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// The E.164 form of a number as people write it (mainland China unless it
    /// starts with +), with ";ext=…" appended when an extension was given, or
    /// null when it is not a valid number.
    /// </summary>
    public static string? ToE164(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        // libphonenumber knows "ext." but not the Chinese words for it, and
        // handles full-width digits only partly, so both are made plain first.
        var text = ChineseExtensionWord().Replace(raw.Normalize(NormalizationForm.FormKC), " ext. ");

        if (TryParseValid(text) is { } number)
        {
            return Format(number);
        }

        // 0574-87654321-8001 is the usual way to write an extension on a Chinese
        // business card; libphonenumber reads it as one over-long number. Only a
        // number that is invalid as a whole gets this second reading, and only
        // when the part before the dash is a valid non-mobile number, since
        // mobiles have no extensions.
        var dashed = DashExtension().Match(text);
        if (dashed.Success
            && TryParseValid(dashed.Groups["number"].Value) is { HasExtension: false } head
            && Util.GetNumberType(head) != PhoneNumberType.MOBILE)
        {
            return Format(head) + ";ext=" + dashed.Groups["ext"].Value;
        }

        return null;
    }

    /// <summary>
    /// The national significant number of a stored E.164 number (57487654321 for
    /// +8657487654321;ext=8001), which is what people type when they search:
    /// 13912345678 or the local 87654321.
    /// </summary>
    /// <exception cref="ArgumentException">Not a number <see cref="ToE164"/> could have produced.</exception>
    public static string Digits(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        try
        {
            return Util.GetNationalSignificantNumber(Util.Parse(e164, DefaultRegion));
        }
        catch (NumberParseException exception)
        {
            throw new ArgumentException($"'{e164}' is not a phone number.", nameof(e164), exception);
        }
    }

    private static PhoneNumbers.PhoneNumber? TryParseValid(string text)
    {
        try
        {
            var number = Util.Parse(text, DefaultRegion);
            return Util.IsValidNumber(number) ? number : null;
        }
        catch (NumberParseException)
        {
            // Text with too few digits or none at all: invalid, like any other.
            return null;
        }
    }

    // Format(E164) leaves the extension out; dropping it silently would lose
    // how to reach the person.
    private static string Format(PhoneNumbers.PhoneNumber number)
    {
        var e164 = Util.Format(number, PhoneNumberFormat.E164);
        return number.HasExtension ? e164 + ";ext=" + number.Extension : e164;
    }

    [GeneratedRegex(@"[\s\-]*(?:分机号?|转)[\s\-:：]*")]
    private static partial Regex ChineseExtensionWord();

    [GeneratedRegex(@"^(?<number>.*\d)\s*-\s*(?<ext>\d{1,6})\s*$")]
    private static partial Regex DashExtension();
}
