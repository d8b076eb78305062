using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Azurite;

/// <summary>Keys as real ApiKeys rows: valid, revoked, expired, malformed rows, and the hash-only storage.</summary>
public sealed class AuthenticationTests(AuthenticationTests.Data data) : IClassFixture<AuthenticationTests.Data>
{
    private const string KnownKey = "sde_known-key-0123456789";

    public sealed class Data : SeededApi
    {
        public string Revoked { get; private set; } = string.Empty;

        public string Expired { get; private set; } = string.Empty;

        public string FutureExpiry { get; private set; } = string.Empty;

        public string RevokedAndFuture { get; private set; } = string.Empty;

        protected override async Task SeedAsync(ApiHarness api)
        {
            await api.AddConnectorAsync(ConnectorKind.Alm, 1, "Rally Connector", "Rally");
            await api.AddConnectorAsync(ConnectorKind.Analysis, 1, "Fortify Connector", "Fortify");
            Revoked = await api.AddKeyAsync("revoked", revoked: true);
            Expired = await api.AddKeyAsync("expired", expiresOn: DateTimeOffset.UtcNow.AddDays(-1));
            FutureExpiry = await api.AddKeyAsync("future", expiresOn: DateTimeOffset.UtcNow.AddYears(5));
            RevokedAndFuture = await api.AddKeyAsync("revoked, future", revoked: true, expiresOn: DateTimeOffset.UtcNow.AddYears(5));

            // A key issued by hand, hashed here independently of the app: lowercase hex SHA-256 of the UTF-8 bytes.
            await api.ApiKeys.AddEntityAsync(new TableEntity("key", Sha256Hex(KnownKey)) { ["Name"] = "by hand", ["Revoked"] = false });
        }
    }

    public static string Sha256Hex(string key) =>
        string.Concat(SHA256.HashData(Encoding.UTF8.GetBytes(key)).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    public static TheoryData<string> Targets => new()
    {
        "/api/v2/connectors/alm/",
        "/api/v2/connectors/alm/1/",
        "/api/v2/connectors/analysis/",
        "/api/v2/connectors/analysis/1/",
    };

    private static void AssertInvalidToken(TestResponse response)
    {
        Assert.Equal(401, response.Status);
        Assert.Equal(Expect.InvalidToken, response.BodyText);
        Assert.Equal("Token", response.Header("WWW-Authenticate"));
        Assert.Equal("application/json; charset=utf-8", response.Header("Content-Type"));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task A_valid_key_is_served(string target)
    {
        var response = await data.GetAsync(target);

        Assert.Equal(200, response.Status);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task A_revoked_key_is_an_invalid_token(string target)
    {
        AssertInvalidToken(await data.Api.GetAsync(target, data.Revoked));
        AssertInvalidToken(await data.Api.GetAsync(target, data.RevokedAndFuture));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task An_expired_key_is_an_invalid_token(string target) =>
        AssertInvalidToken(await data.Api.GetAsync(target, data.Expired));

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task A_key_expiring_in_the_future_is_served(string target)
    {
        var response = await data.Api.GetAsync(target, data.FutureExpiry);

        Assert.Equal(200, response.Status);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task An_unknown_key_is_an_invalid_token(string target)
    {
        AssertInvalidToken(await data.Api.GetAsync(target, "sde_" + new string('0', 64)));
        AssertInvalidToken(await data.Api.GetAsync(target, data.Key + "x"));
        AssertInvalidToken(await data.Api.GetAsync(target, data.Key.ToUpperInvariant()));
        AssertInvalidToken(await data.Api.GetAsync(target, data.Key[..^1]));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task The_stored_hash_is_not_a_key(string target) =>
        AssertInvalidToken(await data.Api.GetAsync(target, Sha256Hex(data.Key)));

    [Theory]
    [InlineData("Token {0}")]
    [InlineData("token {0}")]
    [InlineData("TOKEN {0}")]
    [InlineData("Token  {0}")]
    [InlineData("Token\t{0}")]
    [InlineData(" Token {0} ")]
    [InlineData("Token \"{0}\"")]
    public async Task The_header_forms_of_the_contract_are_accepted(string header)
    {
        foreach (var target in Targets)
        {
            var response = await data.Api.SendAsync("GET", target, ("Authorization", string.Format(System.Globalization.CultureInfo.InvariantCulture, header, data.Key)));

            Assert.Equal(200, response.Status);
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task A_key_issued_by_hand_as_lowercase_hex_sha256_is_served(string target)
    {
        var response = await data.Api.GetAsync(target, KnownKey);

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Only_the_hash_of_an_issued_key_is_stored()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in data.Api.ApiKeys.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        var issued = new[] { data.Key, data.Revoked, data.Expired, data.FutureExpiry, data.RevokedAndFuture, KnownKey };
        foreach (var key in issued)
        {
            var row = Assert.Single(rows, row => row.RowKey == Sha256Hex(key));
            Assert.Equal("key", row.PartitionKey);
            Assert.Matches("^[0-9a-f]{64}$", row.RowKey);
        }

        foreach (var row in rows)
        {
            foreach (var value in ((IDictionary<string, object>)row).Values.Append(row.RowKey).Append(row.PartitionKey))
            {
                var text = value?.ToString() ?? string.Empty;
                Assert.DoesNotContain(issued, key => text.Contains(key, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Without_a_valid_key_no_request_learns_anything()
    {
        string[] targets =
        [
            "/api/v2/connectors/alm/2147483647/",
            "/api/v2/connectors/alm/abc/",
            "/api/v2/connectors/analysis/?page_size=5&page=99",
            "/api/v2/connectors/analysis/?format=xml",
        ];
        foreach (var target in targets)
        {
            AssertInvalidToken(await data.Api.GetAsync(target, data.Revoked));
            AssertInvalidToken(await data.Api.SendAsync("POST", target, ("Authorization", "Token " + data.Expired)));
            AssertInvalidToken(await data.Api.SendAsync("GET", target, ("Authorization", "Token unknown"), ("Accept", "text/csv")));
        }
    }

    [Fact]
    public async Task Every_401_carries_www_authenticate_token()
    {
        (string? Header, string Detail)[] cases =
        [
            (null, "Authentication credentials were not provided."),
            ("Bearer " + data.Key, "Authentication credentials were not provided."),
            ("Token\u00A0" + data.Key, "Authentication credentials were not provided."),
            ("Token", "Invalid token header. No credentials provided."),
            ("Token " + data.Key + " x", "Invalid token header. Token string should not contain spaces."),
            ("Token " + data.Key + "\u00E9", "Invalid token header. Token string should not contain invalid characters."),
            ("Token " + data.Revoked, "Invalid token."),
        ];
        foreach (var (header, detail) in cases)
        {
            var response = header is null
                ? await data.Api.SendAsync("GET", "/api/v2/connectors/alm/1/")
                : await data.Api.SendAsync("GET", "/api/v2/connectors/alm/1/", ("Authorization", header));

            Assert.Equal(401, response.Status);
            Assert.Equal($$"""{"detail":"{{detail}}"}""", response.BodyText);
            Assert.Equal("Token", response.Header("WWW-Authenticate"));
        }
    }
}

/// <summary>Rows that do not follow the ApiKeys schema fail closed.</summary>
public sealed class MalformedKeyRowTests(MalformedKeyRowTests.Data data) : IClassFixture<MalformedKeyRowTests.Data>
{
    public static readonly TheoryData<string> Cases = new()
    {
        "revoked-string-no",
        "revoked-string-false",
        "revoked-int-zero",
        "revoked-string-empty",
        "expires-string-future",
        "expires-int64",
        "expires-bool",
        "wrong-partition",
        "uppercase-hash",
        "raw-key-as-rowkey",
    };

    public sealed class Data : SeededApi
    {
        public Dictionary<string, string> Keys { get; } = [];

        protected override async Task SeedAsync(ApiHarness api)
        {
            await api.AddConnectorAsync(ConnectorKind.Alm, 1, "Rally Connector", "Rally");
            await api.AddConnectorAsync(ConnectorKind.Analysis, 1, "Fortify Connector", "Fortify");
            foreach (var name in Cases)
            {
                var key = "sde_" + name + "_" + Guid.NewGuid().ToString("N");
                Keys[name] = key;
                var hash = AuthenticationTests.Sha256Hex(key);
                var row = name switch
                {
                    "revoked-string-no" => Row(hash, ("Revoked", "no")),
                    "revoked-string-false" => Row(hash, ("Revoked", "false")),
                    "revoked-int-zero" => Row(hash, ("Revoked", 0)),
                    "revoked-string-empty" => Row(hash, ("Revoked", string.Empty)),
                    "expires-string-future" => Row(hash, ("Revoked", false), ("ExpiresOn", "2999-01-01T00:00:00Z")),
                    "expires-int64" => Row(hash, ("Revoked", false), ("ExpiresOn", long.MaxValue)),
                    "expires-bool" => Row(hash, ("Revoked", false), ("ExpiresOn", false)),
                    "wrong-partition" => new TableEntity("keys", hash) { ["Name"] = name, ["Revoked"] = false },
                    "uppercase-hash" => Row(hash.ToUpperInvariant(), ("Revoked", false)),
                    "raw-key-as-rowkey" => Row(key, ("Revoked", false)),
                    _ => throw new InvalidOperationException(name),
                };
                await api.ApiKeys.AddEntityAsync(row);
            }
        }

        private static TableEntity Row(string rowKey, params (string Name, object Value)[] properties)
        {
            var row = new TableEntity("key", rowKey) { ["Name"] = "malformed" };
            foreach (var (name, value) in properties)
            {
                row[name] = value;
            }

            return row;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_or_misplaced_row_is_an_invalid_token(string name)
    {
        foreach (var target in AuthenticationTests.Targets)
        {
            var response = await data.Api.GetAsync(target, data.Keys[name]);

            Assert.Equal(401, response.Status);
            Assert.Equal(Expect.InvalidToken, response.BodyText);
            Assert.Equal("Token", response.Header("WWW-Authenticate"));
        }
    }

    [Fact]
    public async Task The_well_formed_key_beside_them_is_served()
    {
        var response = await data.GetAsync("/api/v2/connectors/alm/1/");

        Assert.Equal(200, response.Status);
    }
}

/// <summary>A clock the tests set: the app reads the time only through TimeProvider.GetUtcNow.</summary>
/// <summary>A key with an expiry is invalid from the instant ExpiresOn is reached, by the injected clock.</summary>
public sealed class KeyExpiryTests(KeyExpiryTests.Data data) : IClassFixture<KeyExpiryTests.Data>
{
    public static readonly DateTimeOffset ExpiresOn = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public sealed class Data : IAsyncLifetime
    {
        public ManualClock Clock { get; } = new(ExpiresOn);

        public ApiHarness Api { get; private set; } = null!;

        public string Key { get; private set; } = string.Empty;

        public string KeyWithOffset { get; private set; } = string.Empty;

        public string KeyWithoutExpiry { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            Api = await ApiHarness.StartAsync(clock: Clock);
            await Api.AddConnectorAsync(ConnectorKind.Alm, 1, "Rally Connector", "Rally");
            await Api.AddConnectorAsync(ConnectorKind.Analysis, 1, "Fortify Connector", "Fortify");
            Key = await Api.AddKeyAsync("expiring", expiresOn: ExpiresOn);
            KeyWithOffset = await Api.AddKeyAsync("expiring, written with an offset", expiresOn: ExpiresOn.ToOffset(TimeSpan.FromHours(-5)));
            KeyWithoutExpiry = await Api.AddKeyAsync("never expires");
        }

        public async Task DisposeAsync() => await Api.DisposeAsync();
    }

    [Theory]
    [InlineData(ConnectorKind.Alm, 0L, 401)]
    [InlineData(ConnectorKind.Alm, -1L, 200)]
    [InlineData(ConnectorKind.Alm, 1L, 401)]
    [InlineData(ConnectorKind.Alm, -TimeSpan.TicksPerDay, 200)]
    [InlineData(ConnectorKind.Alm, TimeSpan.TicksPerDay, 401)]
    [InlineData(ConnectorKind.Analysis, 0L, 401)]
    [InlineData(ConnectorKind.Analysis, -1L, 200)]
    [InlineData(ConnectorKind.Analysis, 1L, 401)]
    [InlineData(ConnectorKind.Analysis, -TimeSpan.TicksPerDay, 200)]
    [InlineData(ConnectorKind.Analysis, TimeSpan.TicksPerDay, 401)]
    public async Task The_key_is_invalid_from_the_instant_it_expires(ConnectorKind kind, long ticksFromExpiry, int status)
    {
        data.Clock.Now = ExpiresOn.AddTicks(ticksFromExpiry);

        foreach (var key in new[] { data.Key, data.KeyWithOffset })
        {
            var list = await data.Api.GetAsync(Paths.List(kind), key);
            var one = await data.Api.GetAsync(Paths.One(kind, 1), key);

            Assert.Equal(status, list.Status);
            Assert.Equal(status, one.Status);
            if (status == 401)
            {
                Assert.Equal(Expect.InvalidToken, one.BodyText);
                Assert.Equal("Token", one.Header("WWW-Authenticate"));
            }
        }
    }

    [Theory]
    [InlineData(ConnectorKind.Alm)]
    [InlineData(ConnectorKind.Analysis)]
    public async Task A_key_without_expiry_is_valid_at_any_time(ConnectorKind kind)
    {
        foreach (var now in new[] { DateTimeOffset.MinValue, ExpiresOn, DateTimeOffset.MaxValue })
        {
            data.Clock.Now = now;

            var response = await data.Api.GetAsync(Paths.One(kind, 1), data.KeyWithoutExpiry);

            Assert.Equal(200, response.Status);
        }
    }
}
