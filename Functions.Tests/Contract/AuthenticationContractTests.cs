using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Contract;

/// <summary>API.md, "Authentication": every row of its table, on every function of both kinds, and its rules.</summary>
public sealed class AuthenticationContractTests(ContractApi api) : IClassFixture<ContractApi>
{
    public static TheoryData<string, string> Paths => Kinds.Paths();

    public static TheoryData<string> KindsData => Kinds.Each();

    // Row 1: no Authorization header, or a scheme other than Token.
    [Theory]
    [MemberData(nameof(Paths))]
    public async Task No_authorization_header_is_401_not_provided(string kind, string path)
    {
        _ = kind;
        var response = await api.Send("GET", path, ("Accept", "application/json"));

        Expect.Unauthorized(response, Expect.NotProvided);
    }

    public static TheoryData<string, string> OtherSchemes => Kinds.Cross(
        "Bearer abc",
        "Basic dXNlcjpwYXNzd29yZA==",
        "Tokenabc",
        "Bearer",
        "",
        "   ");

    [Theory]
    [MemberData(nameof(OtherSchemes))]
    public async Task Other_scheme_is_401_not_provided(string kind, string authorization)
    {
        var response = await api.Send("GET", Kinds.List(kind), ("Authorization", authorization));

        Expect.Unauthorized(response, Expect.NotProvided);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Other_scheme_with_a_valid_key_is_401_not_provided(string kind)
    {
        var response = await api.Send("GET", Kinds.List(kind), ("Authorization", "Bearer " + api.Key));

        Expect.Unauthorized(response, Expect.NotProvided);
    }

    // Row 2: Token with no key.
    public static TheoryData<string, string> TokenWithoutKey => Kinds.Cross("Token", "Token ", "Token    ", "Token\t", "token", " Token ");

    [Theory]
    [MemberData(nameof(TokenWithoutKey))]
    public async Task Token_without_a_key_is_401_no_credentials(string kind, string authorization)
    {
        var response = await api.Send("GET", Kinds.List(kind), ("Authorization", authorization));

        Expect.Unauthorized(response, Expect.NoCredentials);
    }

    // Row 3: a key that has spaces.
    public static TheoryData<string, string> KeysWithSpaces => Kinds.Cross("Token a b", "Token abc def ghi", "Token \"a b\"", "Token a\tb");

    [Theory]
    [MemberData(nameof(KeysWithSpaces))]
    public async Task Key_with_spaces_is_401_spaces(string kind, string authorization)
    {
        var response = await api.Send("GET", Kinds.List(kind), ("Authorization", authorization));

        Expect.Unauthorized(response, Expect.Spaces);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Valid_key_followed_by_a_third_part_is_401_spaces(string kind)
    {
        var response = await api.Send("GET", Kinds.List(kind), ("Authorization", $"Token {api.Key} extra"));

        Expect.Unauthorized(response, Expect.Spaces);
    }

    // Row 4: characters outside printable ASCII.
    public static TheoryData<string, string> KeysWithInvalidCharacters => Kinds.Cross(
        "Token k\u00e9",
        "Token abc\u0000def",
        "Token abc\u0001",
        "Token abc\u007f",
        "Token \u00e9t\u00e9",
        "Token abc\u2028def",
        "Token \U0001F511");

    [Theory]
    [MemberData(nameof(KeysWithInvalidCharacters))]
    public async Task Key_with_characters_outside_printable_ascii_is_401_invalid_characters(string kind, string authorization)
    {
        var response = await api.Send("GET", Kinds.List(kind), ("Authorization", authorization));

        Expect.Unauthorized(response, Expect.InvalidCharacters);
    }

    // Row 5: unknown, revoked or expired key.
    public static TheoryData<string, string> UnknownKeys => Kinds.Cross("Token abc", "Token sde_0000", "Token \"\"", "Token \"abc");

    [Theory]
    [MemberData(nameof(UnknownKeys))]
    public async Task Unknown_key_is_401_invalid_token(string kind, string authorization)
    {
        var response = await api.Send("GET", Kinds.List(kind), ("Authorization", authorization));

        Expect.Unauthorized(response, Expect.InvalidToken);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Revoked_key_is_401_invalid_token(string kind, string path)
    {
        _ = kind;
        var response = await api.Api.GetAsync(path, api.RevokedKey);

        Expect.Unauthorized(response, Expect.InvalidToken);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Expired_key_is_401_invalid_token(string kind, string path)
    {
        _ = kind;
        var response = await api.Api.GetAsync(path, api.ExpiredKey);

        Expect.Unauthorized(response, Expect.InvalidToken);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Key_that_differs_from_a_valid_one_only_in_case_is_401_invalid_token(string kind)
    {
        var response = await api.Api.GetAsync(Kinds.List(kind), api.Key.ToUpperInvariant());

        Expect.Unauthorized(response, Expect.InvalidToken);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Key_in_two_pairs_of_quotes_is_401_invalid_token(string kind)
    {
        var response = await api.Send("GET", Kinds.List(kind), ("Authorization", $"Token \"\"{api.Key}\"\""));

        Expect.Unauthorized(response, Expect.InvalidToken);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Key_is_invalid_from_the_instant_ExpiresOn_is_reached(string kind)
    {
        var expiresOn = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var clock = new ManualClock(expiresOn.AddMilliseconds(-1));
        await using var harness = await ApiHarness.StartAsync(clock: clock);
        var key = await harness.AddKeyAsync(expiresOn: expiresOn);

        var before = await harness.GetAsync(Kinds.List(kind), key);
        clock.Now = expiresOn;
        var at = await harness.GetAsync(Kinds.List(kind), key);
        clock.Now = expiresOn.AddDays(1);
        var after = await harness.GetAsync(Kinds.List(kind), key);

        Expect.Answer(before, 200, """{"results":[]}""");
        Expect.Unauthorized(at, Expect.InvalidToken);
        Expect.Unauthorized(after, Expect.InvalidToken);
    }

    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Key_with_a_future_expiry_is_accepted(string kind)
    {
        var key = await api.Api.AddKeyAsync(expiresOn: DateTimeOffset.UtcNow.AddDays(30));

        var response = await api.Api.GetAsync(Kinds.List(kind), key);

        Expect.Answer(response, 200, Seed.For(kind).ListJson);
    }

    // Every 401 carries WWW-Authenticate: Token, also without a body (HEAD).
    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Head_without_credentials_is_401_with_www_authenticate_and_no_body(string kind, string path)
    {
        _ = kind;
        var head = await api.Send("HEAD", path);
        var get = await api.Send("GET", path);

        Assert.Equal(401, head.Status);
        Assert.Equal(0, head.BodyLength);
        Assert.Equal("Token", head.Header("WWW-Authenticate"));
        Assert.Equal(Expect.Headers(get), Expect.Headers(head));
    }

    // The scheme word ignores case; the header is split on runs of whitespace; one pair of quotes is dropped.
    public static TheoryData<string, string> AcceptedForms => Kinds.Cross(
        "Token {0}",
        "token {0}",
        "TOKEN {0}",
        "tOkEn {0}",
        "Token  {0}",
        "Token\t{0}",
        "Token \t {0}",
        "Token {0} ",
        " Token {0}",
        "Token \"{0}\"",
        "token \"{0}\"");

    [Theory]
    [MemberData(nameof(AcceptedForms))]
    public async Task Accepted_header_forms_authenticate(string kind, string form)
    {
        var seed = Seed.For(kind);
        var authorization = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, api.Key);

        var list = await api.Send("GET", Kinds.List(kind), ("Authorization", authorization));
        var one = await api.Send("GET", Kinds.One(kind, seed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Authorization", authorization));

        Expect.Answer(list, 200, seed.ListJson);
        Expect.Answer(one, 200, seed.Json);
    }

    // Authentication is checked before anything else.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Unauthenticated_get_of_a_missing_id_is_401_not_404(string kind)
    {
        var missing = await api.Send("GET", Kinds.One(kind, "999"));
        var malformed = await api.Send("GET", Kinds.One(kind, "abc"));
        var otherKind = await api.Send("GET", Kinds.One(kind, Seed.For(kind).OtherKindId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Authorization", "Token nope"));

        Expect.Unauthorized(missing, Expect.NotProvided);
        Expect.Unauthorized(malformed, Expect.NotProvided);
        Expect.Unauthorized(otherKind, Expect.InvalidToken);
    }

    public static TheoryData<string, string> Methods => Kinds.Cross("POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Unauthenticated_other_method_is_401_not_405(string kind, string method)
    {
        var list = await api.Send(method, Kinds.List(kind));
        var missing = await api.Send(method, Kinds.One(kind, "999"), ("Authorization", "Token nope"));

        Expect.Unauthorized(list, Expect.NotProvided);
        Expect.Unauthorized(missing, Expect.InvalidToken);
        Assert.Null(list.Header("Allow"));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Unauthenticated_bad_format_or_accept_is_401_not_404_or_406(string kind, string path)
    {
        _ = kind;
        var format = await api.Send("GET", path + "?format=xml");
        var accept = await api.Send("GET", path, ("Accept", "text/csv"), ("Authorization", "Token nope"));
        var page = await api.Send("GET", path + "?page_size=1&page=99");

        Expect.Unauthorized(format, Expect.NotProvided);
        Expect.Unauthorized(accept, Expect.InvalidToken);
        Expect.Unauthorized(page, Expect.NotProvided);
    }

    // Real clients: Jenkins, Azure DevOps and Python integrations.
    public static TheoryData<string, string> RealClientSchemes => Kinds.Cross("Token", "token");

    [Theory]
    [MemberData(nameof(RealClientSchemes))]
    public async Task Real_client_headers_just_work(string kind, string scheme)
    {
        var seed = Seed.For(kind);
        (string, string)[] headers =
        [
            ("Authorization", scheme + " " + api.Key),
            ("Accept", "application/json"),
            ("Content-Type", "application/json"),
            ("User-Agent", "python-requests/2.32.3"),
            ("Accept-Encoding", "gzip, deflate"),
            ("Connection", "keep-alive"),
        ];

        var list = await api.Send("GET", Kinds.List(kind), headers);
        var one = await api.Send("GET", Kinds.One(kind, seed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), headers);

        Expect.Answer(list, 200, seed.ListJson);
        Expect.Answer(one, 200, seed.Json);
    }
}
