using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using Connectors.Api.Authentication;
using Connectors.Api.Storage;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Api.Benchmarks;

/// <summary>
/// One request each, through the real <see cref="ConnectorFunctions"/> built from the app's own
/// <c>AddConnectorsApi</c>, against a real Azurite started for the run: a warm get and a warm list of 50 (key
/// and connectors cached), a cold get (connector cache off: one point read per request), and the raw SDK
/// point read of the same row as the baseline the cold get is compared with.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class ConnectorRequestBenchmarks
{
    public const int ConnectorCount = 50;
    public const int ConnectorId = 7;
    private const string BaseUrl = "http://localhost:7071";

    private AzuriteProcess? azurite;
    private ServiceProvider? app;
    private ConnectorFunctions functions = null!;
    private TableClient rawTable = null!;
    private HttpRequestData getRequest = null!;
    private HttpRequestData listRequest = null!;

    [GlobalSetup(Targets = [nameof(WarmGet), nameof(WarmList)])]
    public Task SetupWarmAsync() => SetupAsync(connectorSeconds: null);

    // The connector cache off, so that every get reads its row from storage; the key stays cached (60 s).
    [GlobalSetup(Targets = [nameof(ColdGet), nameof(RawPointRead)])]
    public Task SetupColdAsync() => SetupAsync(connectorSeconds: "0");

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        azurite?.Dispose();
    }

    /// <summary>GET /api/v2/connectors/alm/7/ with the key and the connector cached.</summary>
    [Benchmark]
    public Task<HttpResponseData> WarmGet() => functions.GetAlm(getRequest, "7");

    /// <summary>GET /api/v2/connectors/alm/ over 50 connectors, with the key and the list cached.</summary>
    [Benchmark]
    public Task<HttpResponseData> WarmList() => functions.ListAlm(listRequest);

    /// <summary>GET /api/v2/connectors/alm/7/ with the key cached and Cache__ConnectorSeconds=0: one point read.</summary>
    [Benchmark]
    public Task<HttpResponseData> ColdGet() => functions.GetAlm(getRequest, "7");

    /// <summary>The same row read with the SDK alone: TableClient.GetEntityAsync, default client options.</summary>
    [Benchmark(Baseline = true)]
    public async Task<TableEntity> RawPointRead() =>
        (await rawTable.GetEntityAsync<TableEntity>(ConnectorKind.Alm.PartitionKey(), ConnectorRows.RowKey(ConnectorId))).Value;

    private async Task SetupAsync(string? connectorSeconds)
    {
        azurite = AzuriteProcess.Start();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string?>
        {
            ["ConnectorsStorage"] = azurite.ConnectionString,
            ["Tables:Connectors"] = "Connectors" + suffix,
            ["Tables:ApiKeys"] = "ApiKeys" + suffix,
        };
        if (connectorSeconds is not null)
        {
            settings["Cache:ConnectorSeconds"] = connectorSeconds;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        app = new ServiceCollection()
            .AddLogging(logging => logging.ClearProviders().AddProvider(new FormattingLoggerProvider()).SetMinimumLevel(LogLevel.Information))
            .AddConnectorsApi(configuration)
            .BuildServiceProvider();
        functions = ActivatorUtilities.CreateInstance<ConnectorFunctions>(app);

        // The data, written with a client of its own as the admin CLI would.
        var service = new TableServiceClient(azurite.ConnectionString);
        var connectors = service.GetTableClient("Connectors" + suffix);
        var keys = service.GetTableClient("ApiKeys" + suffix);
        await connectors.CreateIfNotExistsAsync();
        await keys.CreateIfNotExistsAsync();
        string[] systems = ["Rally", "JIRA", "Azure DevOps", "GitHub", "GitLab", "ServiceNow", "ALM Octane", "Trello", "Bugzilla", "VersionOne"];
        var batch = new List<TableTransactionAction>();
        for (var id = 1; id <= ConnectorCount; id++)
        {
            var system = systems[(id - 1) % systems.Length];
            var row = ConnectorRows.ToRow(ConnectorKind.Alm, new Connector(id, $"{system} - product team {id}", system, id % 9 == 0));
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }

        await connectors.SubmitTransactionAsync(batch);
        var key = "sde_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await keys.UpsertEntityAsync(new TableEntity(ApiKeyStore.PartitionKey, TokenAuthentication.Hash(key))
        {
            [ApiKeyStore.Name] = "benchmark",
            [ApiKeyStore.Revoked] = false,
        });
        rawTable = new TableClient(azurite.ConnectionString, "Connectors" + suffix);

        // The headers real clients send. One request object per benchmark: a function only reads it.
        var context = new BenchFunctionContext();
        (string, string)[] headers = [("Authorization", "Token " + key), ("Accept", "application/json")];
        getRequest = new BenchRequest(context, "GET", new Uri($"{BaseUrl}/api/v2/connectors/alm/{ConnectorId}/"), headers);
        listRequest = new BenchRequest(context, "GET", new Uri($"{BaseUrl}/api/v2/connectors/alm/"), headers);

        // Warm-up requests (they fill the key cache, and the connector caches when they are on), each checked so
        // that no benchmark ever measures an error answer.
        var calls = app.GetRequiredService<StorageCalls>();
        await ExpectOkAsync(functions.GetAlm(getRequest, "7"), $"\"id\":{ConnectorId},");
        await ExpectOkAsync(functions.ListAlm(listRequest), $"\"id\":{ConnectorCount},");
        _ = await RawPointRead();

        var before = calls.Total;
        await ExpectOkAsync(functions.GetAlm(getRequest, "7"), $"\"id\":{ConnectorId},");
        var made = calls.Total - before;
        var expected = connectorSeconds == "0" ? 1 : 0;
        if (made != expected)
        {
            throw new InvalidOperationException($"A get made {made} storage calls after the warm-up; expected {expected}.");
        }

        Console.WriteLine($"// Setup: Azurite on port {azurite.Port}, {ConnectorCount} alm connectors, a get makes {made} storage call(s).");
    }

    private static async Task ExpectOkAsync(Task<HttpResponseData> answer, string fragment)
    {
        var response = (BenchResponse)await answer;
        var body = System.Text.Encoding.UTF8.GetString(((MemoryStream)response.Body).ToArray());
        if (response.StatusCode != HttpStatusCode.OK || !body.Contains(fragment, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"Warm-up answered {(int)response.StatusCode}: {body}"));
        }
    }
}
