using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Contract;

/// <summary>The two kinds, as the route names them, and theory data crossing them with values.</summary>
public static class Kinds
{
    public static readonly string[] All = ["alm", "analysis"];

    public static TheoryData<string> Each()
    {
        var data = new TheoryData<string>();
        foreach (var kind in All)
        {
            data.Add(kind);
        }

        return data;
    }

    public static TheoryData<string, string> Cross(params string[] values)
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in All)
        {
            foreach (var value in values)
            {
                data.Add(kind, value);
            }
        }

        return data;
    }

    /// <summary>The list path and one connector's path of a kind.</summary>
    public static string List(string kind) => $"/api/v2/connectors/{kind}/";

    public static string One(string kind, string id) => $"/api/v2/connectors/{kind}/{id}/";

    /// <summary>Both function paths of each kind: the list and an existing connector.</summary>
    public static TheoryData<string, string> Paths()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in All)
        {
            data.Add(kind, List(kind));
            data.Add(kind, One(kind, Seed.For(kind).Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return data;
    }
}

/// <summary>
/// The connectors every shared harness holds: distinct ids per kind (so the kinds can be shown not to mix),
/// both values of <c>inaccessible</c>, and the largest id.
/// </summary>
public sealed record Seed(ConnectorKind Kind, int Id, string Json, int OtherKindId, string ListJson, IReadOnlyList<(int Id, string Name, string System, bool Inaccessible)> Rows)
{
    public static readonly Seed Alm = new(
        ConnectorKind.Alm,
        1,
        """{"id":1,"name":"Rally Connector","system":"Rally","inaccessible":false}""",
        2,
        """{"results":[{"id":1,"name":"Rally Connector","system":"Rally","inaccessible":false},{"id":3,"name":"Jira Connector","system":"Jira","inaccessible":true},{"id":2147483647,"name":"Last ALM Connector","system":"Azure DevOps","inaccessible":false}]}""",
        [(2147483647, "Last ALM Connector", "Azure DevOps", false), (3, "Jira Connector", "Jira", true), (1, "Rally Connector", "Rally", false)]);

    public static readonly Seed Analysis = new(
        ConnectorKind.Analysis,
        2,
        """{"id":2,"name":"Fortify Connector","system":"Fortify","inaccessible":false}""",
        1,
        """{"results":[{"id":2,"name":"Fortify Connector","system":"Fortify","inaccessible":false},{"id":4,"name":"Checkmarx Connector","system":"Checkmarx","inaccessible":true},{"id":2147483647,"name":"Last Analysis Connector","system":"Sonar Cloud","inaccessible":false}]}""",
        [(4, "Checkmarx Connector", "Checkmarx", true), (2147483647, "Last Analysis Connector", "Sonar Cloud", false), (2, "Fortify Connector", "Fortify", false)]);

    public static Seed For(string kind) => kind switch
    {
        "alm" => Alm,
        "analysis" => Analysis,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The connector with id 2147483647 of this kind, as the contract writes it.</summary>
    public string MaxJson => Kind == ConnectorKind.Alm
        ? """{"id":2147483647,"name":"Last ALM Connector","system":"Azure DevOps","inaccessible":false}"""
        : """{"id":2147483647,"name":"Last Analysis Connector","system":"Sonar Cloud","inaccessible":false}""";

    /// <summary>The connector with inaccessible true of this kind.</summary>
    public (int Id, string Json) Inaccessible => Kind == ConnectorKind.Alm
        ? (3, """{"id":3,"name":"Jira Connector","system":"Jira","inaccessible":true}""")
        : (4, """{"id":4,"name":"Checkmarx Connector","system":"Checkmarx","inaccessible":true}""");
}

/// <summary>
/// One app and fresh tables per test class, seeded with <see cref="Seed"/> and three keys: valid, revoked and expired.
/// </summary>
public sealed class ContractApi : IAsyncLifetime
{
    private ApiHarness? harness;

    public ApiHarness Api => harness ?? throw new InvalidOperationException("Not started.");

    public string Key { get; private set; } = string.Empty;

    public string RevokedKey { get; private set; } = string.Empty;

    public string ExpiredKey { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        harness = await ApiHarness.StartAsync();
        foreach (var seed in new[] { Seed.Alm, Seed.Analysis })
        {
            foreach (var (id, name, system, inaccessible) in seed.Rows)
            {
                await harness.AddConnectorAsync(seed.Kind, id, name, system, inaccessible);
            }
        }

        Key = await harness.AddKeyAsync();
        RevokedKey = await harness.AddKeyAsync("revoked client", revoked: true);
        ExpiredKey = await harness.AddKeyAsync("expired client", expiresOn: DateTimeOffset.UtcNow.AddHours(-1));
    }

    public async Task DisposeAsync()
    {
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }
    }

    /// <summary>A request with only the headers given (no Authorization unless given).</summary>
    public Task<TestResponse> Send(string method, string target, params (string Name, string Value)[] headers) =>
        Api.SendAsync(method, target, headers);

    /// <summary>A request authenticated with the valid key, plus the headers given.</summary>
    public Task<TestResponse> SendAuthenticated(string method, string target, params (string Name, string Value)[] headers) =>
        Api.SendAsync(method, target, [("Authorization", "Token " + Key), .. headers]);

    /// <summary>A GET as real clients send it, with the valid key.</summary>
    public Task<TestResponse> Get(string target) => Api.GetAsync(target, Key);
}
