namespace Connectors.Api.Http;

/// <summary>
/// The contract's numbers in a URL (id, page_size, page) are runs of ASCII digits only: no sign, no
/// spaces, no Unicode digits, no decimal point. Leading zeros are allowed.
/// </summary>
public static class Digits
{
    /// <summary>Parses a non-empty run of ASCII digits; values past <see cref="long.MaxValue"/> saturate there.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                value = 0;
                return false;
            }

            var digit = c - '0';
            value = value > (long.MaxValue - digit) / 10 ? long.MaxValue : (value * 10) + digit;
        }

        return true;
    }
}
