using Azure;
using Azure.Data.Tables;
using Connectors.Api;
using Connectors.Api.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Admin;

/// <summary>
/// The tool's storage, connected exactly as the app connects (the app's own registrations and settings names),
/// with the command line's choice on top: <c>--connection-string</c>, or <c>--table-service-uri</c> with
/// DefaultAzureCredential, else the <c>ConnectorsStorage</c> settings from the environment, else the local emulator.
/// </summary>
public sealed class AdminStorage : IDisposable
{
    public const string LocalEmulator = "UseDevelopmentStorage=true";

    private readonly ServiceProvider services;

    private AdminStorage(ServiceProvider services)
    {
        this.services = services;
        var tables = services.GetRequiredService<IOptions<TableOptions>>().Value;
        var service = services.GetRequiredService<TableServiceClient>();
        Connectors = service.GetTableClient(tables.Connectors);
        ApiKeys = service.GetTableClient(tables.ApiKeys);
        Store = services.GetRequiredService<ConnectorStore>();
        Endpoint = service.Uri;
    }

    /// <summary>The SDK's credential factory the connection was made with (what a keyless endpoint signs in with).</summary>
    internal AzureComponentFactory CredentialFactory => services.GetRequiredService<AzureComponentFactory>();

    public TableClient Connectors { get; }

    public TableClient ApiKeys { get; }

    public ConnectorStore Store { get; }

    /// <summary>The table endpoint, for messages: never a connection string, which may hold a key.</summary>
    public Uri Endpoint { get; }

    public static AdminStorage Connect(string? connectionString, string? tableServiceUri, IConfiguration environment)
    {
        var overrides = new Dictionary<string, string?>();
        var name = ConnectorsApiServices.ConnectionName;
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            overrides[name] = connectionString;
        }
        else if (!string.IsNullOrWhiteSpace(tableServiceUri))
        {
            overrides[name] = null;
            overrides[$"{name}:{ConnectorsApiServices.TableServiceUriSetting}"] = tableServiceUri;
        }
        else if (string.IsNullOrWhiteSpace(environment[name]) && string.IsNullOrWhiteSpace(environment[$"{name}:{ConnectorsApiServices.TableServiceUriSetting}"]))
        {
            overrides[name] = LocalEmulator;
        }

        var configuration = new ConfigurationBuilder()
            .AddConfiguration(environment)
            .AddInMemoryCollection(overrides)
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddConnectorsApi(configuration);

        // The tool writes batches of up to 100 rows: give storage longer than the API's quick per-request budget.
        services.ConfigureAll<TableClientOptions>(options => options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30));
        return new AdminStorage(services.BuildServiceProvider());
    }

    /// <summary>
    /// Creates the two tables where they are missing. In Azure the deployment declares them and grants the
    /// operator data roles on the tables only, which do not allow creating one: that refusal is not an error here.
    /// </summary>
    public async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var table in new[] { Connectors, ApiKeys })
        {
            try
            {
                await table.CreateIfNotExistsAsync(cancellationToken);
            }
            catch (RequestFailedException refused) when (refused.Status == 403)
            {
                // The table's own operations that follow say clearly whether access is really missing.
            }
        }
    }

    public void Dispose() => services.Dispose();
}
