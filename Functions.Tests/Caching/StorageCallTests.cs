using Connectors.Api.Storage;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Caching;

/// <summary>
/// How many calls a request sends to storage, counted by the app's own pipeline policy against a real Azurite,
/// with the production cache lifetimes: a cold get at most 2, a warm request 0, a cold list 1 + one per 1000 rows.
/// </summary>
public sealed class StorageCallTests : IAsyncLifetime
{
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);
    private ApiHarness api = null!;
    private string key = null!;

    public async Task InitializeAsync()
    {
        api = await ApiHarness.StartAsync(clock: clock);
        key = await api.AddKeyAsync("storage-calls");
        for (var id = 1; id <= 5; id++)
        {
            await api.AddConnectorAsync(ConnectorKind.Alm, id, $"ALM {id}", "JIRA");
            await api.AddConnectorAsync(ConnectorKind.Analysis, id, $"Analysis {id}", "Fortify");
        }
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    private long Calls => api.Get<StorageCalls>().Total;

    private async Task<(int Status, long Calls)> CountAsync(string target, string? withKey = null)
    {
        var before = Calls;
        var response = await api.GetAsync(target, withKey ?? key);
        return (response.Status, Calls - before);
    }

    [Theory]
    [InlineData("alm")]
    [InlineData("analysis")]
    public async Task A_cold_get_makes_two_calls_and_a_warm_one_none(string kind)
    {
        var cold = await CountAsync($"/api/v2/connectors/{kind}/3/");
        var warm = await CountAsync($"/api/v2/connectors/{kind}/3/");

        Assert.Equal((200, 2L), cold);
        Assert.Equal((200, 0L), warm);
    }

    [Fact]
    public async Task A_cold_list_makes_one_scan_and_then_gets_of_that_kind_are_free()
    {
        await CountAsync("/api/v2/connectors/alm/1/");

        var coldList = await CountAsync("/api/v2/connectors/alm/?system=jira&page_size=2");
        var warmList = await CountAsync("/api/v2/connectors/alm/");
        var getFromList = await CountAsync("/api/v2/connectors/alm/4/");
        var missingFromList = await CountAsync("/api/v2/connectors/alm/99/");

        Assert.Equal((200, 1L), coldList);
        Assert.Equal((200, 0L), warmList);
        Assert.Equal((200, 0L), getFromList);
        Assert.Equal((404, 0L), missingFromList);
    }

    [Fact]
    public async Task Unknown_keys_and_ids_are_remembered_too()
    {
        var unknownKey = await CountAsync("/api/v2/connectors/alm/1/", "sde_unknown");
        var again = await CountAsync("/api/v2/connectors/alm/1/", "sde_unknown");
        var missing = await CountAsync("/api/v2/connectors/analysis/404/");
        var missingAgain = await CountAsync("/api/v2/connectors/analysis/404/");

        Assert.Equal((401, 1L), unknownKey);
        Assert.Equal((401, 0L), again);
        Assert.Equal((404, 2L), missing);
        Assert.Equal((404, 0L), missingAgain);
    }

    [Fact]
    public async Task Malformed_headers_never_reach_storage()
    {
        var before = Calls;

        foreach (var header in new[] { "Bearer abc", "Token", "Token a b", "Token ké" })
        {
            Assert.Equal(401, (await api.SendAsync("GET", "/api/v2/connectors/alm/", ("Authorization", header))).Status);
        }

        Assert.Equal(before, Calls);
    }

    [Fact]
    public async Task Concurrent_cold_requests_for_the_same_connector_make_one_call_each_for_key_and_row()
    {
        var before = Calls;

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => api.GetAsync("/api/v2/connectors/analysis/2/", key))));

        Assert.All(responses, r => Assert.Equal(200, r.Status));
        Assert.Equal(2, Calls - before);
    }

    [Fact]
    public async Task A_revocation_and_a_change_are_seen_once_their_cache_lifetime_has_passed()
    {
        Assert.Equal(200, (await CountAsync("/api/v2/connectors/alm/5/")).Status);
        await api.ApiKeys.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("key", Authentication.TokenAuthentication.Hash(key)) { ["Name"] = "storage-calls", ["Revoked"] = true });
        await api.AddConnectorAsync(ConnectorKind.Alm, 5, "Renamed", "JIRA");

        clock.Now = clock.Now.AddSeconds(30);
        var changed = await api.GetAsync("/api/v2/connectors/alm/5/", key);
        clock.Now = clock.Now.AddSeconds(29);
        var stillCachedKey = await api.GetAsync("/api/v2/connectors/alm/5/", key);
        clock.Now = clock.Now.AddSeconds(1);
        var revoked = await api.GetAsync("/api/v2/connectors/alm/5/", key);

        Assert.Equal("""{"id":5,"name":"Renamed","system":"JIRA","inaccessible":false}""", changed.BodyText);
        Assert.Equal(200, stillCachedKey.Status);
        Assert.Equal((401, """{"detail":"Invalid token."}"""), (revoked.Status, revoked.BodyText));
    }
}

/// <summary>Lifetimes of 0 turn caching off: every request reads storage.</summary>
public sealed class NoCacheStorageCallTests
{
    [Fact]
    public async Task Every_get_reads_the_key_and_the_row()
    {
        await using var api = await ApiHarness.StartAsync(settings: ApiHarness.NoCache);
        await api.AddConnectorAsync(ConnectorKind.Alm, 1, "Rally Connector", "Rally");
        var key = await api.AddKeyAsync();
        var calls = api.Get<StorageCalls>();

        var before = calls.Total;
        await api.GetAsync("/api/v2/connectors/alm/1/", key);
        await api.GetAsync("/api/v2/connectors/alm/1/", key);

        Assert.Equal(4, calls.Total - before);
    }
}

/// <summary>A list of more than 1000 rows costs one call per 1000 (the service's page size), plus the key.</summary>
public sealed class LargeListStorageCallTests
{
    [Fact]
    public async Task A_cold_list_of_2500_rows_makes_three_scan_calls()
    {
        await using var api = await ApiHarness.StartAsync();
        var key = await api.AddKeyAsync();
        foreach (var batch in Enumerable.Range(1, 2500).Chunk(100))
        {
            await api.Connectors.SubmitTransactionAsync(batch.Select(id => new Azure.Data.Tables.TableTransactionAction(
                Azure.Data.Tables.TableTransactionActionType.Add,
                new Azure.Data.Tables.TableEntity("alm", id.ToString("D10", System.Globalization.CultureInfo.InvariantCulture))
                {
                    ["Name"] = $"ALM {id}",
                    ["System"] = "JIRA",
                    ["Inaccessible"] = false,
                })));
        }

        var calls = api.Get<StorageCalls>();
        var before = calls.Total;
        var response = await api.GetAsync("/api/v2/connectors/alm/?page_size=1000&page=last", key);

        Assert.StartsWith("""{"count":2500,""", response.BodyText);
        Assert.Equal(1 + 3, calls.Total - before);
    }
}
