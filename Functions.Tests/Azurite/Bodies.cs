using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Azurite;

/// <summary>
/// The contract's bodies written out by hand, as DRF's JSONRenderer writes them: compact, fields in the
/// contract's order, text as raw UTF-8 with only '"', '\' and control characters escaped. Independent of the
/// app's serializer on purpose.
/// </summary>
public static class Bodies
{
    public const string EmptyList = """{"results":[]}""";

    public static string Connector(int id, string name, string system, bool inaccessible = false) =>
        $$"""{"id":{{id}},"name":{{Text(name)}},"system":{{Text(system)}},"inaccessible":{{(inaccessible ? "true" : "false")}}}""";

    public static string List(IEnumerable<string> connectors) => $$"""{"results":[{{string.Join(",", connectors)}}]}""";

    public static string List(params string[] connectors) => List((IEnumerable<string>)connectors);

    public static string Page(int count, string? next, string? previous, IEnumerable<string> connectors) =>
        $$"""{"count":{{count}},"next":{{Link(next)}},"previous":{{Link(previous)}},"results":[{{string.Join(",", connectors)}}]}""";

    /// <summary>A path and query as an absolute link from the harness's host, as DRF's build_absolute_uri gives it.</summary>
    public static string Url(string pathAndQuery) => ApiHarness.BaseUrl + pathAndQuery;

    public static string Text(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Link(string? url) => url is null ? "null" : Text(url);
}

/// <summary>The paths of a kind.</summary>
public static class Paths
{
    public static string List(ConnectorKind kind) => $"/api/v2/connectors/{kind.PartitionKey()}/";

    public static string One(ConnectorKind kind, object id) => $"/api/v2/connectors/{kind.PartitionKey()}/{id}/";

    public static ConnectorKind Other(this ConnectorKind kind) => kind == ConnectorKind.Alm ? ConnectorKind.Analysis : ConnectorKind.Alm;
}

/// <summary>
/// One harness for a whole test class (the tests only read): started and seeded once, shared through
/// IClassFixture, its tables dropped at the end.
/// </summary>
public abstract class SeededApi : IAsyncLifetime
{
    private ApiHarness? api;

    public ApiHarness Api => api ?? throw new InvalidOperationException("The fixture is not initialized.");

    public string Key { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        api = await ApiHarness.StartAsync();
        Key = await api.AddKeyAsync();
        await SeedAsync(api);
    }

    public async Task DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }
    }

    protected abstract Task SeedAsync(ApiHarness api);

    public Task<TestResponse> GetAsync(string target) => Api.GetAsync(target, Key);
}

/// <summary>Each query, for both kinds: the theory's arguments are (ConnectorKind kind, string query).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothKindsAttribute(params string[] queries) : Xunit.Sdk.DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) =>
        from kind in new[] { ConnectorKind.Alm, ConnectorKind.Analysis }
        from query in queries
        select new object[] { kind, query };
}
