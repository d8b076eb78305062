using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Connectors.Api.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Api.Tests.Support;

/// <summary>
/// The app as the worker runs it: the service provider built by Program.cs's own <c>AddConnectorsApi</c>,
/// the real function class, and a real Azurite behind it with tables of its own (so test classes run in
/// parallel). Requests are routed to the four functions as the Functions host routes them.
/// </summary>
public sealed partial class ApiHarness : IAsyncDisposable
{
    public const string BaseUrl = "http://localhost:7071";

    private readonly ServiceProvider services;
    private readonly ConnectorFunctions functions;

    private ApiHarness(ServiceProvider services, string connectorsTable, string apiKeysTable, TestLogs logs)
    {
        this.services = services;
        functions = ActivatorUtilities.CreateInstance<ConnectorFunctions>(services);
        Tables = services.GetRequiredService<TableServiceClient>();
        Connectors = Tables.GetTableClient(connectorsTable);
        ApiKeys = Tables.GetTableClient(apiKeysTable);
        Logs = logs;
    }

    public TableServiceClient Tables { get; }

    public TableClient Connectors { get; }

    public TableClient ApiKeys { get; }

    public TestLogs Logs { get; }

    /// <summary>The app's own singletons (its stores, its storage call counter, ...).</summary>
    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>Settings that turn both caches off, for tests that change storage between requests.</summary>
    public static IReadOnlyDictionary<string, string?> NoCache { get; } = new Dictionary<string, string?>
    {
        ["Cache:KeySeconds"] = "0",
        ["Cache:ConnectorSeconds"] = "0",
    };

    /// <summary>
    /// Starts the app against the shared Azurite (or <paramref name="connectionString"/>), with fresh tables (or
    /// <paramref name="tables"/>) created unless <paramref name="createTables"/> is false, and <paramref name="policy"/>
    /// in the storage pipeline if given, and extra <paramref name="settings"/> (e.g. <see cref="NoCache"/>).
    /// </summary>
    public static async Task<ApiHarness> StartAsync(
        string? connectionString = null,
        HttpPipelinePolicy? policy = null,
        bool createTables = true,
        TimeProvider? clock = null,
        (string Connectors, string ApiKeys)? tables = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Azure.Core.HttpPipelinePosition policyPosition = Azure.Core.HttpPipelinePosition.PerRetry)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var (connectorsTable, apiKeysTable) = tables ?? ("Connectors" + suffix, "ApiKeys" + suffix);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectorsStorage"] = connectionString ?? Azurite.Azurite.Shared.ConnectionString,
                ["Tables:Connectors"] = connectorsTable,
                ["Tables:ApiKeys"] = apiKeysTable,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var logs = new TestLogs();
        var collection = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (clock is not null)
        {
            collection.AddSingleton(clock);
        }

        collection.AddConnectorsApi(configuration);
        if (policy is not null)
        {
            collection.ConfigureAll<TableClientOptions>(options => options.AddPolicy(policy, policyPosition));
        }

        var harness = new ApiHarness(collection.BuildServiceProvider(), connectorsTable, apiKeysTable, logs);
        if (createTables)
        {
            await harness.Connectors.CreateIfNotExistsAsync();
            await harness.ApiKeys.CreateIfNotExistsAsync();
        }

        return harness;
    }

    /// <summary>Writes a connector row in the contract's schema, as the operator tooling would.</summary>
    public Task AddConnectorAsync(ConnectorKind kind, int id, string name, string system, bool inaccessible = false) =>
        Connectors.UpsertEntityAsync(new TableEntity(kind.PartitionKey(), id.ToString("D10", System.Globalization.CultureInfo.InvariantCulture))
        {
            ["Name"] = name,
            ["System"] = system,
            ["Inaccessible"] = inaccessible,
        });

    /// <summary>Issues a random key: stores only its SHA-256 row, in the contract's schema, and returns the key.</summary>
    public async Task<string> AddKeyAsync(string name = "test client", bool revoked = false, DateTimeOffset? expiresOn = null)
    {
        var key = "sde_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var row = new TableEntity(ApiKeyStore.PartitionKey, TokenAuthentication.Hash(key))
        {
            ["Name"] = name,
            ["Revoked"] = revoked,
        };
        if (expiresOn is not null)
        {
            row["ExpiresOn"] = expiresOn.Value;
        }

        await ApiKeys.UpsertEntityAsync(row);
        return key;
    }

    /// <summary>A GET with the headers real clients send, authenticated with <paramref name="key"/>.</summary>
    public Task<TestResponse> GetAsync(string target, string key) =>
        SendAsync("GET", target, ("Authorization", "Token " + key), ("Accept", "application/json"), ("Content-Type", "application/json"));

    /// <summary>
    /// Sends a request as the Functions host would deliver it: the route matched ignoring case and a trailing
    /// slash, the id route value unescaped, the rest (method, headers, query) passed as they are.
    /// </summary>
    public async Task<TestResponse> SendAsync(string method, string target, params (string Name, string Value)[] headers)
    {
        var url = new Uri(BaseUrl + target);
        var match = Route().Match(url.AbsolutePath);
        if (!match.Success)
        {
            throw new ArgumentException($"No function serves {target}: the host would answer 404 itself.", nameof(target));
        }

        var request = new TestRequest(method, url, headers);
        var kind = match.Groups["kind"].Value.ToLowerInvariant();
        var id = match.Groups["id"].Success ? Uri.UnescapeDataString(match.Groups["id"].Value) : null;
        var response = (kind, id) switch
        {
            ("alm", null) => await functions.ListAlm(request),
            ("alm", _) => await functions.GetAlm(request, id),
            ("analysis", null) => await functions.ListAnalysis(request),
            _ => await functions.GetAnalysis(request, id!),
        };
        return (TestResponse)response;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connectors.DeleteAsync();
            await ApiKeys.DeleteAsync();
        }
        catch (Azure.RequestFailedException)
        {
            // The harness may point at an unreachable or faulty account on purpose.
        }
        catch (AggregateException)
        {
        }

        await services.DisposeAsync();
    }

    [GeneratedRegex("^/api/v2/connectors/(?<kind>alm|analysis)(?:/(?<id>[^/]+))?/?$", RegexOptions.IgnoreCase)]
    private static partial Regex Route();
}
