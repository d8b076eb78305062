using Connectors.Api.Http;

namespace Connectors.Api.Tests.Http;

/// <summary>Ids, page_size and page are runs of ASCII digits (API.md): nothing else parses.</summary>
public sealed class DigitsTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1", 1L)]
    [InlineData("01", 1L)]
    [InlineData("0000000042", 42L)]
    [InlineData("0002147483647", 2147483647L)]
    [InlineData("2147483648", 2147483648L)]
    [InlineData("9223372036854775806", 9223372036854775806L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Runs_of_ascii_digits_parse(string text, long expected)
    {
        Assert.True(Digits.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("9223372036854775809")]
    [InlineData("99999999999999999999")]
    [InlineData("100000000000000000000000000000000000000000")]
    public void Values_past_long_max_saturate(string text)
    {
        Assert.True(Digits.TryParse(text, out var value));
        Assert.Equal(long.MaxValue, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("\t1")]
    [InlineData("1\n")]
    [InlineData("1.0")]
    [InlineData("1,000")]
    [InlineData("1_000")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("abc")]
    [InlineData("last")]
    [InlineData("\u0661")] // ARABIC-INDIC DIGIT ONE
    [InlineData("1\u0661")]
    [InlineData("\uFF11")] // FULLWIDTH DIGIT ONE
    [InlineData("\u0967")] // DEVANAGARI DIGIT ONE
    [InlineData("\u00B9")] // SUPERSCRIPT ONE
    [InlineData("1\0")]
    public void Anything_else_is_rejected_with_zero(string text)
    {
        Assert.False(Digits.TryParse(text, out var value));
        Assert.Equal(0, value);
    }

    [Fact]
    public void A_saturated_run_followed_by_a_non_digit_is_still_rejected()
    {
        Assert.False(Digits.TryParse("99999999999999999999x", out var value));
        Assert.Equal(0, value);
    }
}
