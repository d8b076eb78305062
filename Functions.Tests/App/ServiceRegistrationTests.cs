using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Connectors.Api.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Api.Tests.App;

/// <summary>Program.cs's own registration (AddConnectorsApi) builds the app with each documented form of settings.</summary>
public sealed class ServiceRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddConnectorsApi(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    [Fact]
    public void A_connection_string_gives_a_client_for_that_account_and_every_function_resolves()
    {
        using var services = Build(new()
        {
            ["ConnectorsStorage"] = Azurite.Azurite.ConnectionStringFor(10002),
        });

        Assert.NotNull(ActivatorUtilities.CreateInstance<ConnectorFunctions>(services));
        var client = services.GetRequiredService<TableServiceClient>();
        Assert.Equal("devstoreaccount1", client.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), client.Uri);
    }

    [Fact]
    public void The_development_storage_shortcut_of_the_sample_settings_points_at_local_azurite()
    {
        using var services = Build(new() { ["ConnectorsStorage"] = "UseDevelopmentStorage=true" });

        Assert.NotNull(ActivatorUtilities.CreateInstance<ConnectorFunctions>(services));
        Assert.Equal(10002, services.GetRequiredService<TableServiceClient>().Uri.Port);
    }

    [Fact]
    public void The_keyless_managed_identity_settings_give_a_client_for_the_table_service_uri()
    {
        // Environment variables ConnectorsStorage__tableServiceUri etc. reach configuration as ConnectorsStorage:tableServiceUri.
        using var services = Build(new()
        {
            ["ConnectorsStorage:tableServiceUri"] = "https://sdeconnectors.table.core.windows.net/",
            ["ConnectorsStorage:credential"] = "managedidentity",
            ["ConnectorsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.NotNull(ActivatorUtilities.CreateInstance<ConnectorFunctions>(services));
        var client = services.GetRequiredService<TableServiceClient>();
        Assert.Equal("sdeconnectors", client.AccountName);
        Assert.Equal(new Uri("https://sdeconnectors.table.core.windows.net/"), client.Uri);
    }

    [Fact]
    public void Table_names_default_to_the_contract_and_can_be_configured()
    {
        using var defaults = Build(new() { ["ConnectorsStorage"] = "UseDevelopmentStorage=true" });
        using var configured = Build(new()
        {
            ["ConnectorsStorage"] = "UseDevelopmentStorage=true",
            ["Tables:Connectors"] = "SdeConnectors",
            ["Tables:ApiKeys"] = "SdeKeys",
        });

        var standard = defaults.GetRequiredService<IOptions<Storage.TableOptions>>().Value;
        var custom = configured.GetRequiredService<IOptions<Storage.TableOptions>>().Value;
        Assert.Equal(("Connectors", "ApiKeys"), (standard.Connectors, standard.ApiKeys));
        Assert.Equal(("SdeConnectors", "SdeKeys"), (custom.Connectors, custom.ApiKeys));
    }

    [Fact]
    public void Missing_storage_settings_fail_at_start_up_with_a_message_naming_the_settings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build([]));
        Assert.Contains("ConnectorsStorage__tableServiceUri", error.Message);
    }

    [Fact]
    public void An_invalid_table_name_is_refused()
    {
        using var services = Build(new()
        {
            ["ConnectorsStorage"] = "UseDevelopmentStorage=true",
            ["Tables:Connectors"] = "bad-name",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<Storage.TableOptions>>().Value);
        Assert.Contains("valid Azure table names", error.Message);
    }

    [Fact]
    public void The_sample_local_settings_start_the_app_against_local_azurite_with_settings_it_reads()
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "local.settings.sample.json")))!["Values"]!.AsObject();

        // Core Tools passes each value as an environment variable, where "__" separates sections.
        using var services = Build(values.ToDictionary(v => v.Key.Replace("__", ":", StringComparison.Ordinal), v => (string?)v.Value));

        Assert.NotNull(ActivatorUtilities.CreateInstance<ConnectorFunctions>(services));
        Assert.Equal(10002, services.GetRequiredService<TableServiceClient>().Uri.Port);
        var tableSettings = values.Select(v => v.Key).Where(k => k.StartsWith(Storage.TableOptions.SectionName + "__", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, tableSettings.Length);
        Assert.All(tableSettings, key => Assert.NotNull(typeof(Storage.TableOptions).GetProperty(key[(Storage.TableOptions.SectionName.Length + 2)..])));
        Assert.Equal("dotnet-isolated", (string?)values["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000002;Authorization=AAD")]
    public async Task The_program_registrations_with_telemetry_build_with_and_without_entra_telemetry(string? authentication)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectorsStorage"] = "UseDevelopmentStorage=true",
            [Telemetry.AuthenticationSetting] = authentication,
        }).Build();

        // The worker's host provides IConfiguration and logging; Program.cs adds the rest.
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddConnectorsApiTelemetry(configuration)
            .AddConnectorsApi(configuration)
            .BuildServiceProvider();

        Assert.NotNull(services.GetRequiredService<Microsoft.ApplicationInsights.Extensibility.TelemetryConfiguration>());
        Assert.NotNull(ActivatorUtilities.CreateInstance<ConnectorFunctions>(services));
    }

    [Theory]
    [InlineData("ClientId=abc;Authorization=AAD", "abc")]
    [InlineData(" Authorization = aad ; ClientId = abc ", "abc")]
    [InlineData("ClientId=abc", null)]
    [InlineData("Authorization=AAD", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_entra_telemetry_setting_gives_the_identity_to_sign_with(string? setting, string? clientId)
    {
        Assert.Equal(clientId, Telemetry.ManagedIdentityClientId(setting));
    }
}
