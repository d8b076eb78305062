using Azure.Core;
using Azure.Data.Tables;
using Connectors.Api.Authentication;
using Connectors.Api.Caching;
using Connectors.Api.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Api;

/// <summary>The app's registrations, used by Program.cs and by the tests that check them.</summary>
public static class ConnectorsApiServices
{
    /// <summary>The connection setting, following the Functions convention for connections.</summary>
    public const string ConnectionName = "ConnectorsStorage";

    /// <summary>The keyless form's endpoint setting: <c>ConnectorsStorage__tableServiceUri</c>.</summary>
    public const string TableServiceUriSetting = "tableServiceUri";

    /// <summary>
    /// The keyless form's settings under <see cref="ConnectionName"/>, in Azure (<c>ConnectorsStorage__tableServiceUri</c>,
    /// <c>__credential</c>, <c>__clientId</c>): the endpoint this code reads, then what the SDK's credential factory reads.
    /// The deployment (infra/) sets exactly these, and its tests check it against this list.
    /// </summary>
    public static readonly IReadOnlyList<string> IdentitySettings = [TableServiceUriSetting, "credential", "clientId"];

    public static IServiceCollection AddConnectorsApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TableOptions>()
            .Bind(configuration.GetSection(TableOptions.SectionName))
            .Validate(
                options => TableOptions.IsValidName(options.Connectors) && TableOptions.IsValidName(options.ApiKeys),
                "Tables:Connectors and Tables:ApiKeys must be valid Azure table names.")
            .ValidateOnStart();

        var connection = configuration.GetSection(ConnectionName);
        if (string.IsNullOrWhiteSpace(connection.Value) && string.IsNullOrWhiteSpace(connection[TableServiceUriSetting]))
        {
            // Fail at start-up, where the operator sees it, rather than on every request.
            throw new InvalidOperationException(
                $"Set {ConnectionName} to a connection string, or {ConnectionName}__{TableServiceUriSetting} for an identity-based connection.");
        }

        services.AddAzureClients(clients =>
        {
            clients.AddClient<TableServiceClient, TableClientOptions>(
                (options, _, provider) => CreateTableServiceClient(connection, options, provider.GetRequiredService<AzureComponentFactory>()));
            clients.ConfigureDefaults((options, provider) =>
            {
                ConfigureStorageCalls(options);
                options.AddPolicy(provider.GetRequiredService<StorageCalls>(), HttpPipelinePosition.PerRetry);
            });
        });

        services.AddOptions<CacheOptions>()
            .Bind(configuration.GetSection(CacheOptions.SectionName))
            .Validate(options => options.IsValid, "Cache lifetimes must be 0 or more seconds and Cache:MaxEntries positive.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StorageCalls>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<TokenAuthentication>();
        services.AddSingleton<ConnectorStore>();
        services.AddSingleton<ConnectorEndpoint>();
        return services;
    }

    /// <summary>
    /// A connection string in <c>ConnectorsStorage</c> (Azurite locally), or the keyless form
    /// <c>ConnectorsStorage__tableServiceUri</c> with <c>__credential</c>/<c>__clientId</c>, read by the SDK's
    /// own credential factory as the Functions host reads it.
    /// </summary>
    private static TableServiceClient CreateTableServiceClient(
        IConfigurationSection connection, TableClientOptions options, AzureComponentFactory factory)
    {
        return string.IsNullOrWhiteSpace(connection.Value)
            ? new TableServiceClient(new Uri(connection[TableServiceUriSetting]!), factory.CreateTokenCredential(connection), options)
            : new TableServiceClient(connection.Value, options);
    }

    // A slow or unreachable account must end in a 503 within seconds, not in a request that hangs:
    // short attempts, two quick retries.
    private static void ConfigureStorageCalls(ClientOptions options)
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(500);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(1.2);
    }
}
