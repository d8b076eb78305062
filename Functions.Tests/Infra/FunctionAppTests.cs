using System.Text.Json.Nodes;
using System.Xml.Linq;
using Connectors.Api.Storage;

namespace Connectors.Api.Tests.Infra;

/// <summary>The Flex Consumption plan and app, and the settings the app's code reads.</summary>
[Collection(InfraCollection.Name)]
public sealed class FunctionAppTests(CompiledInfra infra)
{
    private ArmResource Site => infra.Single("Microsoft.Web/sites");

    private Dictionary<string, JsonNode?> Settings => Site.Json["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
        .Select(setting => setting!.AsObject())
        .ToDictionary(setting => (string)setting["name"]!, setting => Site.Scope.Resolve(setting["value"]));

    [Fact]
    public void The_plan_is_flex_consumption_fc1()
    {
        var plan = infra.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.GetString("sku.name"));
        Assert.Equal("FlexConsumption", plan.GetString("sku.tier"));
        Assert.True(plan.Get("properties.reserved")!.GetValue<bool>(), "Flex Consumption is Linux.");
    }

    [Fact]
    public void The_app_runs_dotnet_isolated_on_the_version_the_project_targets()
    {
        var project = XDocument.Load(Path.Combine(BicepCli.RepositoryRoot, "Functions", "Functions.csproj"));
        var targetFramework = project.Descendants("TargetFramework").Single().Value; // net10.0

        Assert.Equal("dotnet-isolated", Site.GetString("properties.functionAppConfig.runtime.name"));
        Assert.Equal(targetFramework["net".Length..], Site.GetString("properties.functionAppConfig.runtime.version"));
        Assert.Equal("functionapp,linux", Site.GetString("kind"));
    }

    [Fact]
    public void The_app_is_https_only_runs_as_the_user_assigned_identity_and_deploys_from_a_blob_container_with_it()
    {
        Assert.True(Site.Get("properties.httpsOnly")!.GetValue<bool>());
        Assert.Equal("1.2", Site.GetString("properties.siteConfig.minTlsVersion"));
        Assert.Equal("UserAssigned", Site.GetString("identity.type"));

        var storage = Site.Get("properties.functionAppConfig.deployment.storage")!;
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Contains("userAssignedIdentities", (string?)storage["authentication"]!["userAssignedIdentityResourceId"], StringComparison.Ordinal);
        Assert.Contains(".primaryEndpoints.blob", (string?)storage["value"], StringComparison.Ordinal);
        Assert.Equal(("Microsoft.Storage/storageAccounts", NameOf("host-storage")), Site.Scope.Referenced((string?)storage["value"]));
        Assert.NotNull(Site.Get("properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount"));
    }

    [Fact]
    public void Publishing_with_user_names_and_passwords_is_off()
    {
        var policies = infra.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.False(policy.Get("properties.allow")!.GetValue<bool>()));
    }

    [Fact]
    public void The_connectors_storage_settings_are_exactly_the_keyless_ones_the_app_code_reads()
    {
        var expected = ConnectorsApiServices.IdentitySettings
            .Select(setting => $"{ConnectorsApiServices.ConnectionName}__{setting}")
            .Order();
        var actual = Settings.Keys
            .Where(name => name.StartsWith(ConnectorsApiServices.ConnectionName, StringComparison.OrdinalIgnoreCase))
            .Order();

        Assert.Equal(expected, actual);
        var prefix = $"{ConnectorsApiServices.ConnectionName}__";
        Assert.Equal("managedidentity", Settings[prefix + "credential"]?.ToString());
        AssertIsTheAppsIdentityClientId(Settings[prefix + "clientId"]);
        var endpoint = Settings[prefix + ConnectorsApiServices.TableServiceUriSetting]?.ToString();
        Assert.EndsWith(".primaryEndpoints.table]", endpoint, StringComparison.Ordinal);
        Assert.Equal(("Microsoft.Storage/storageAccounts", NameOf("data-storage")), Site.Scope.Referenced(endpoint));
    }

    [Fact]
    public void The_table_name_settings_use_the_apps_section_and_its_default_names()
    {
        var defaults = new TableOptions();

        Assert.Equal(defaults.Connectors, Settings[$"{TableOptions.SectionName}__{nameof(TableOptions.Connectors)}"]?.ToString());
        Assert.Equal(defaults.ApiKeys, Settings[$"{TableOptions.SectionName}__{nameof(TableOptions.ApiKeys)}"]?.ToString());
    }

    [Fact]
    public void The_hosts_storage_is_keyless_and_blob_only()
    {
        var hostSettings = Settings.Keys.Where(name => name.StartsWith("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase)).Order();

        Assert.Equal(["AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__credential"], hostSettings);
        Assert.Equal("managedidentity", Settings["AzureWebJobsStorage__credential"]?.ToString());
        AssertIsTheAppsIdentityClientId(Settings["AzureWebJobsStorage__clientId"]);
        var endpoint = Settings["AzureWebJobsStorage__blobServiceUri"]?.ToString();
        Assert.EndsWith(".primaryEndpoints.blob]", endpoint, StringComparison.Ordinal);
        Assert.Equal(("Microsoft.Storage/storageAccounts", NameOf("host-storage")), Site.Scope.Referenced(endpoint));
    }

    [Fact]
    public void Telemetry_authenticates_with_the_apps_identity()
    {
        Assert.Contains("ConnectionString", Settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]?.ToString(), StringComparison.Ordinal);
        var authentication = Settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]?.ToString();
        Assert.StartsWith("[format('ClientId={0};Authorization=AAD', reference('", authentication, StringComparison.Ordinal);
        Assert.Equal(("Microsoft.ManagedIdentity/userAssignedIdentities", NameOf("identity")), Site.Scope.Referenced(authentication));
    }

    /// <summary>The resolved name main gives the resource a module creates (its <c>name</c> parameter).</summary>
    private string? NameOf(string module) => infra.Module(module).InputString("name");

    private void AssertIsTheAppsIdentityClientId(JsonNode? value)
    {
        Assert.EndsWith(".clientId]", value?.ToString(), StringComparison.Ordinal);
        Assert.Equal(("Microsoft.ManagedIdentity/userAssignedIdentities", NameOf("identity")), Site.Scope.Referenced(value?.ToString()));
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("ConnectorsStorage")]
    public void Settings_flex_consumption_replaces_or_that_would_carry_a_connection_string_are_absent(string name)
    {
        Assert.False(Settings.ContainsKey(name), $"{name} is set.");
    }
}
