using System.Diagnostics;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Contract;

/// <summary>
/// API.md, "Other answers": storage unreachable or throttled is 503 with Retry-After, and the body holds no
/// storage message or key. Each test starts its own app, because each breaks storage its own way; the requests
/// of a test run together so that the storage client's retries overlap.
/// </summary>
public sealed class StorageUnavailableContractTests
{
    private const string SomeKey = "sde_somekey";

    public static TheoryData<string> KindsData => Kinds.Each();

    public static TheoryData<string, int> TransientStatuses()
    {
        var data = new TheoryData<string, int>();
        foreach (var kind in Kinds.All)
        {
            foreach (var status in new[] { 429, 503, 408 })
            {
                data.Add(kind, status);
            }
        }

        return data;
    }

    // Unreachable: nothing listens on the port. Even the key lookup fails, so authentication itself is 503.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Unreachable_storage_is_503_with_retry_after_within_seconds(string kind)
    {
        await using var api = await ApiHarness.StartAsync(
            connectionString: Azurite.Azurite.ConnectionStringFor(Azurite.Azurite.FreePort()), createTables: false);
        var timer = Stopwatch.StartNew();

        var answers = await Task.WhenAll(
            api.GetAsync(Kinds.List(kind), SomeKey),
            api.GetAsync(Kinds.One(kind, "1"), SomeKey),
            api.SendAsync("HEAD", Kinds.List(kind), ("Authorization", "Token " + SomeKey)));

        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(10), $"took {timer.Elapsed}");
        var (list, one, head) = (answers[0], answers[1], answers[2]);
        Expect.ServiceUnavailable(list);
        Expect.ServiceUnavailable(one);
        Expect.NoLeak(list, SomeKey);
        Expect.NoLeak(one, SomeKey);
        Assert.Equal(503, head.Status);
        Assert.Equal(0, head.BodyLength);
        Assert.Equal(Expect.Headers(list), Expect.Headers(head));
    }

    // Throttled everywhere: the key lookup is throttled too, so the answer is 503 before authentication decides.
    [Theory]
    [MemberData(nameof(TransientStatuses))]
    public async Task Storage_throttled_on_every_call_is_503(string kind, int status)
    {
        var fault = new StorageFault(status);
        await using var api = await ApiHarness.StartAsync(policy: fault, createTables: false);

        var answers = await Task.WhenAll(
            api.GetAsync(Kinds.List(kind), SomeKey),
            api.GetAsync(Kinds.One(kind, "1"), SomeKey));
        fault.Active = false;

        Assert.True(fault.Calls >= 2);
        foreach (var answer in answers)
        {
            Expect.ServiceUnavailable(answer);
            Expect.NoLeak(answer, SomeKey);
        }
    }

    // Throttled after a valid key: the read of connectors is what fails.
    [Theory]
    [MemberData(nameof(TransientStatuses))]
    public async Task Connectors_read_throttled_is_503_with_retry_after(string kind, int status)
    {
        var fault = new StorageFault(status, StorageFault.ConnectorsTableOnly) { Active = false };
        await using var api = await ApiHarness.StartAsync(policy: fault);
        await api.AddConnectorAsync(Seed.For(kind).Kind, 1, "Rally Connector", "Rally");
        var key = await api.AddKeyAsync();
        fault.Active = true;

        var answers = await Task.WhenAll(
            api.GetAsync(Kinds.List(kind), key),
            api.GetAsync(Kinds.One(kind, "1"), key),
            api.SendAsync("HEAD", Kinds.List(kind), ("Authorization", "Token " + key)));
        fault.Active = false;

        var (list, one, head) = (answers[0], answers[1], answers[2]);
        Expect.ServiceUnavailable(list);
        Expect.ServiceUnavailable(one);
        Expect.NoLeak(list, key);
        Expect.NoLeak(one, key);
        Assert.Equal(503, head.Status);
        Assert.Equal(0, head.BodyLength);
        Assert.Equal(Expect.Headers(list), Expect.Headers(head));
    }

    // The header alone decides these 401s: they need no storage, so they stay 401 while storage is down.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Malformed_authorization_is_401_even_with_storage_unreachable(string kind)
    {
        await using var api = await ApiHarness.StartAsync(
            connectionString: Azurite.Azurite.ConnectionStringFor(Azurite.Azurite.FreePort()), createTables: false);

        var none = await api.SendAsync("GET", Kinds.List(kind));
        var noKey = await api.SendAsync("GET", Kinds.One(kind, "1"), ("Authorization", "Token"));
        var spaces = await api.SendAsync("GET", Kinds.List(kind), ("Authorization", "Token a b"));
        var invalid = await api.SendAsync("GET", Kinds.List(kind), ("Authorization", "Token k\u00e9"));

        Expect.Unauthorized(none, Expect.NotProvided);
        Expect.Unauthorized(noKey, Expect.NoCredentials);
        Expect.Unauthorized(spaces, Expect.Spaces);
        Expect.Unauthorized(invalid, Expect.InvalidCharacters);
    }
}
