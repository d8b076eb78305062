using Azure.Data.Tables;
using Connectors.Admin;
using Connectors.Api.Authentication;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Admin;

/// <summary>Keys issued, revoked and expired by the admin tool, judged by the app's real auth helper against Azurite.</summary>
public sealed class ApiKeyLifecycleTests : IAsyncLifetime
{
    private const string InvalidToken = """{"detail":"Invalid token."}""";

    private ApiHarness api = null!;
    private ApiKeyCommands keys = null!;

    public async Task InitializeAsync()
    {
        api = await ApiHarness.StartAsync();
        await api.AddConnectorAsync(ConnectorKind.Alm, 1, "Rally Connector", "Rally");
        keys = new ApiKeyCommands(api.ApiKeys, TimeProvider.System);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task A_created_key_is_accepted_and_only_its_hash_is_stored()
    {
        var key = await keys.CreateAsync("jenkins", expiresOn: null, CancellationToken.None);

        var response = await api.GetAsync("/api/v2/connectors/alm/1/", key);

        Assert.Equal(200, response.Status);
        var row = Assert.Single(await api.ApiKeys.QueryAsync<TableEntity>().ToListAsync());
        Assert.Equal((ApiKeyStore.PartitionKey, TokenAuthentication.Hash(key), "jenkins", false), (row.PartitionKey, row.RowKey, row.GetString("Name"), row.GetBoolean("Revoked")));
        Assert.DoesNotContain(row, property => property.Value?.ToString()?.Contains(key, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_revoked_key_gets_invalid_token()
    {
        var key = await keys.CreateAsync("azure-devops", expiresOn: null, CancellationToken.None);

        var revoked = await keys.RevokeAsync("azure-devops", CancellationToken.None);
        var response = await api.GetAsync("/api/v2/connectors/alm/1/", key);

        Assert.Equal(1, revoked);
        Assert.Equal((401, InvalidToken), (response.Status, response.BodyText));
    }

    [Fact]
    public async Task A_key_past_its_expiry_gets_invalid_token_and_one_before_it_is_accepted()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var issuer = new ApiKeyCommands(api.ApiKeys, clock);
        var key = await issuer.CreateAsync("nightly", clock.GetUtcNow().AddHours(1), CancellationToken.None);
        await using var later = await ApiHarness.StartAsync(clock: clock, tables: (api.Connectors.Name, api.ApiKeys.Name), createTables: false);

        var before = await later.GetAsync("/api/v2/connectors/alm/1/", key);
        clock.Now = clock.Now.AddHours(1);
        var after = await later.GetAsync("/api/v2/connectors/alm/1/", key);

        Assert.Equal(200, before.Status);
        Assert.Equal((401, InvalidToken), (after.Status, after.BodyText));
    }

    [Fact]
    public void Keys_are_prefixed_random_printable_ascii_of_at_least_256_bits()
    {
        var issued = Enumerable.Range(0, 50).Select(_ => ApiKeyCommands.NewKey()).ToArray();

        Assert.Equal(50, issued.Distinct().Count());
        Assert.All(issued, key =>
        {
            Assert.StartsWith("sde_", key);
            Assert.Matches("^sde_[A-Za-z0-9_-]{43}$", key);
        });
    }

    [Fact]
    public async Task An_active_name_cannot_be_issued_twice_but_can_after_revocation()
    {
        await keys.CreateAsync("dup", null, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<AdminException>(() => keys.CreateAsync("dup", null, CancellationToken.None));
        await keys.RevokeAsync("dup", CancellationToken.None);
        var again = await keys.CreateAsync("dup", null, CancellationToken.None);

        Assert.Contains("already exists", refused.Message);
        Assert.Equal(200, (await api.GetAsync("/api/v2/connectors/alm/1/", again)).Status);
    }

    [Fact]
    public async Task The_list_shows_names_hash_prefixes_expiry_and_state_never_a_key()
    {
        var now = DateTimeOffset.UtcNow;
        var active = await keys.CreateAsync("active-one", new DateTimeOffset(2099, 1, 2, 3, 4, 5, TimeSpan.Zero), CancellationToken.None);
        var revoked = await keys.CreateAsync("revoked-one", null, CancellationToken.None);
        await keys.RevokeAsync("revoked-one", CancellationToken.None);

        var lines = ApiKeyCommands.Format(await keys.ListAsync(CancellationToken.None), now).ToArray();

        Assert.Equal(
            [
                "NAME         HASH          EXPIRES                STATE",
                $"active-one   {TokenAuthentication.Hash(active)[..12]}  2099-01-02 03:04:05Z   active",
                $"revoked-one  {TokenAuthentication.Hash(revoked)[..12]}  never                  revoked",
            ],
            lines);
    }

    [Fact]
    public async Task Revoking_an_unknown_name_is_refused()
    {
        var refused = await Assert.ThrowsAsync<AdminException>(() => keys.RevokeAsync("nobody", CancellationToken.None));

        Assert.Equal("no key is named \"nobody\"", refused.Message);
    }

    [Theory]
    [InlineData("2027-01-31", null, "2027-01-31T00:00:00+00:00")]
    [InlineData("2027-01-31T12:30:00+02:00", null, "2027-01-31T10:30:00+00:00")]
    [InlineData(null, "90d", "2026-04-01T00:00:00+00:00")]
    [InlineData(null, "12h", "2026-01-01T12:00:00+00:00")]
    [InlineData(null, "30m", "2026-01-01T00:30:00+00:00")]
    public void Expiries_are_read_as_dates_or_durations(string? date, string? duration, string expected)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ApiKeyCommands.ParseExpiry(date, duration, now));
    }

    [Theory]
    [InlineData("tomorrow", null)]
    [InlineData(null, "90")]
    [InlineData(null, "-5d")]
    [InlineData(null, "2w")]
    [InlineData("2027-01-01", "1d")]
    public void Unreadable_expiries_are_refused(string? date, string? duration)
    {
        Assert.Throws<AdminException>(() => ApiKeyCommands.ParseExpiry(date, duration, DateTimeOffset.UtcNow));
    }
}
