using System.Net;
using System.Security.Cryptography;
using System.Text;
using Connectors.Api.Authentication;
using Connectors.Api.Http;

namespace Connectors.Api.Tests.Http;

/// <summary>TokenAuthentication.ReadKey parses the Authorization header as DRF's TokenAuthentication does.</summary>
public sealed class TokenAuthenticationTests
{
    private const string NotProvided = "Authentication credentials were not provided.";
    private const string NoCredentials = "Invalid token header. No credentials provided.";
    private const string Spaces = "Invalid token header. Token string should not contain spaces.";
    private const string InvalidCharacters = "Invalid token header. Token string should not contain invalid characters.";

    [Theory]
    [InlineData("Token abc", "abc")]
    [InlineData("token abc", "abc")]
    [InlineData("TOKEN abc", "abc")]
    [InlineData("tOkEn abc", "abc")]
    [InlineData("Token  abc", "abc")]
    [InlineData("Token\tabc", "abc")]
    [InlineData("Token\nabc", "abc")]
    [InlineData("Token\rabc", "abc")]
    [InlineData("Token\vabc", "abc")]
    [InlineData("Token\fabc", "abc")]
    [InlineData("Token \t\n\r\v\f abc", "abc")]
    [InlineData(" Token abc ", "abc")]
    [InlineData("\tToken abc\t", "abc")]
    [InlineData("Token abc\r\n", "abc")]
    [InlineData("Token sde_0123456789abcdef", "sde_0123456789abcdef")]
    [InlineData("Token !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")]
    public void The_key_is_the_second_whitespace_separated_part(string header, string expected) =>
        Assert.Equal(expected, TokenAuthentication.ReadKey(header));

    [Theory]
    [InlineData("Token \"abc\"", "abc")]
    [InlineData("Token \"\"abc\"\"", "\"abc\"")]
    [InlineData("Token \"abc", "\"abc")]
    [InlineData("Token abc\"", "abc\"")]
    [InlineData("Token \"", "\"")]
    [InlineData("Token a\"b\"c", "a\"b\"c")]
    [InlineData("Token 'abc'", "'abc'")]
    public void One_pair_of_double_quotes_around_the_key_is_dropped(string header, string expected) =>
        Assert.Equal(expected, TokenAuthentication.ReadKey(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    [InlineData("Bearer abc")]
    [InlineData("Basic YWxhZGRpbjpvcGVuc2VzYW1l")]
    [InlineData("Tokens abc")]
    [InlineData("Toke abc")]
    [InlineData("Token:abc")]
    [InlineData("Token=abc")]
    [InlineData("abc")]
    [InlineData("Token\u00A0abc")] // NO-BREAK SPACE is not bytes whitespace: one part, "Token\u00A0abc", not the scheme
    [InlineData("Token\u2003abc")] // EM SPACE: likewise
    [InlineData("Token\u001Cabc")] // FILE SEPARATOR: str.split() whitespace, but not bytes.split()
    [InlineData("Token\u0085abc")] // NEXT LINE: likewise
    [InlineData("Token\0abc")]
    [InlineData("\"Token\" abc")]
    [InlineData("Bearer Token abc")]
    public void No_header_or_another_scheme_is_not_provided(string? header) =>
        AssertUnauthorized(header, NotProvided);

    [Theory]
    [InlineData("Token")]
    [InlineData("token")]
    [InlineData("Token ")]
    [InlineData("Token   ")]
    [InlineData(" Token\t\n")]
    [InlineData("Token\r\n")]
    public void The_scheme_alone_has_no_credentials(string header) =>
        AssertUnauthorized(header, NoCredentials);

    [Theory]
    [InlineData("Token a b")]
    [InlineData("Token abc def")]
    [InlineData("Token abc\tdef")]
    [InlineData("Token abc\vdef")]
    [InlineData("Token \"abc def\"")]
    [InlineData("Token Token abc")]
    [InlineData("Token a b c d")]
    public void A_third_part_is_a_key_with_spaces(string header) =>
        AssertUnauthorized(header, Spaces);

    [Theory]
    [InlineData("Token ab\u0001c")]
    [InlineData("Token abc\u007F")]
    [InlineData("Token ab\u00E9c")]
    [InlineData("Token \u00E9")]
    [InlineData("Token ab\u00A0c")]
    [InlineData("Token ab\u20ACc")]
    [InlineData("Token ab\u001Cc")]
    [InlineData("Token ab\0c")]
    [InlineData("Token \uD83D\uDE00")]
    [InlineData("Token \"ab\u00E9c\"")]
    public void A_key_outside_printable_ascii_has_invalid_characters(string header) =>
        AssertUnauthorized(header, InvalidCharacters);

    [Fact]
    public void Hash_is_the_lowercase_hex_sha256_of_the_utf8_bytes()
    {
        // The FIPS 180-2 test vector for "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenAuthentication.Hash("abc"));
        Assert.Equal(
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sde_k\u00E9y"))),
            TokenAuthentication.Hash("sde_k\u00E9y"));
        Assert.Matches("^[0-9a-f]{64}$", TokenAuthentication.Hash("sde_0123"));
    }

    private static void AssertUnauthorized(string? header, string detail)
    {
        var error = Assert.Throws<ApiException>(() => TokenAuthentication.ReadKey(header));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal(detail, error.Detail);
        Assert.Contains(("WWW-Authenticate", "Token"), error.Headers);
    }
}
