using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Contract;

/// <summary>
/// API.md, "Other answers": any failure other than storage being unreachable, throttled or timing out is 500
/// <c>{"detail":"A server error occurred."}</c>, never with a stack trace, a storage message or a key.
/// </summary>
public sealed class StorageFailureContractTests
{
    private const string SomeKey = "sde_somekey";

    public static TheoryData<string> KindsData => Kinds.Each();

    public static TheoryData<string, string> Paths => Kinds.Paths();

    // Storage refuses (403) the read of connectors, after a valid key.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Connectors_read_refused_is_500_without_leaks(string kind)
    {
        var fault = new StorageFault(403, StorageFault.ConnectorsTableOnly) { Active = false };
        await using var api = await ApiHarness.StartAsync(policy: fault);
        await api.AddConnectorAsync(Seed.For(kind).Kind, 1, "Rally Connector", "Rally");
        var key = await api.AddKeyAsync();
        fault.Active = true;

        var list = await api.GetAsync(Kinds.List(kind), key);
        var one = await api.GetAsync(Kinds.One(kind, "1"), key);
        var head = await api.SendAsync("HEAD", Kinds.One(kind, "1"), ("Authorization", "Token " + key));
        fault.Active = false;

        Expect.Answer(list, 500, Expect.ServerError);
        Expect.Answer(one, 500, Expect.ServerError);
        Expect.NoLeak(list, key);
        Expect.NoLeak(one, key);
        Assert.Equal(500, head.Status);
        Assert.Equal(0, head.BodyLength);
        Assert.Equal(Expect.Headers(one), Expect.Headers(head));
    }

    // Storage refuses (403) the key lookup: a failure, not a 401 and not a 503.
    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Key_lookup_refused_is_500_without_leaks(string kind, string path)
    {
        _ = kind;
        var fault = new StorageFault(403);
        await using var api = await ApiHarness.StartAsync(policy: fault, createTables: false);

        var response = await api.GetAsync(path, SomeKey);
        fault.Active = false;

        Expect.Answer(response, 500, Expect.ServerError);
        Expect.NoLeak(response, SomeKey);
    }

    // The Connectors table does not exist (only ApiKeys was created).
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Missing_connectors_table_on_a_list_is_500_without_leaks(string kind)
    {
        await using var api = await ApiHarness.StartAsync(createTables: false);
        await api.ApiKeys.CreateIfNotExistsAsync();
        var key = await api.AddKeyAsync();

        var list = await api.GetAsync(Kinds.List(kind), key);

        Expect.Answer(list, 500, Expect.ServerError);
        Expect.NoLeak(list, key);
    }

    // The same missing table on a get: storage answers TableNotFound, which is not "no such connector".
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Missing_connectors_table_on_a_get_is_500_without_leaks(string kind)
    {
        await using var api = await ApiHarness.StartAsync(createTables: false);
        await api.ApiKeys.CreateIfNotExistsAsync();
        var key = await api.AddKeyAsync();

        var one = await api.GetAsync(Kinds.One(kind, "1"), key);

        Expect.Answer(one, 500, Expect.ServerError);
        Expect.NoLeak(one, key);
    }

    // Without the ApiKeys table no key can be checked: a failure of the service, not an invalid key.
    [Theory]
    [MemberData(nameof(KindsData))]
    public async Task Missing_api_keys_table_is_500_without_leaks(string kind)
    {
        await using var api = await ApiHarness.StartAsync(createTables: false);
        await api.Connectors.CreateIfNotExistsAsync();

        var list = await api.GetAsync(Kinds.List(kind), SomeKey);

        Expect.Answer(list, 500, Expect.ServerError);
        Expect.NoLeak(list, SomeKey);
    }
}
