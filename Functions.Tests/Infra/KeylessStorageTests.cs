using Connectors.Api.Storage;

namespace Connectors.Api.Tests.Infra;

/// <summary>The compiled template never carries or fetches a key, and every storage account refuses keys.</summary>
[Collection(InfraCollection.Name)]
public sealed class KeylessStorageTests(CompiledInfra infra)
{
    [Theory]
    [InlineData("listKeys")]
    [InlineData("listAccountSas")]
    [InlineData("listServiceSas")]
    [InlineData("AccountKey")]
    [InlineData("SharedAccessSignature")]
    [InlineData("DefaultEndpointsProtocol")]
    public void No_key_or_key_bearing_connection_string_appears_anywhere(string forbidden)
    {
        Assert.DoesNotContain(forbidden, infra.Json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void There_are_two_accounts_one_for_the_host_and_one_for_the_connectors_data()
    {
        var accounts = infra.OfType("Microsoft.Storage/storageAccounts").Select(account => account.Module).Order();

        Assert.Equal(["data-storage", "host-storage"], accounts);
    }

    [Fact]
    public void Every_account_accepts_only_entra_id_over_https_with_tls_1_2_and_no_anonymous_blobs()
    {
        foreach (var account in infra.OfType("Microsoft.Storage/storageAccounts"))
        {
            Assert.False(account.Get("properties.allowSharedKeyAccess")!.GetValue<bool>(), $"{account}: allowSharedKeyAccess");
            Assert.Equal("TLS1_2", account.GetString("properties.minimumTlsVersion"));
            Assert.True(account.Get("properties.supportsHttpsTrafficOnly")!.GetValue<bool>(), $"{account}: supportsHttpsTrafficOnly");
            Assert.False(account.Get("properties.allowBlobPublicAccess")!.GetValue<bool>(), $"{account}: allowBlobPublicAccess");
            Assert.True(account.Get("properties.defaultToOAuthAuthentication")!.GetValue<bool>(), $"{account}: defaultToOAuthAuthentication");
        }
    }

    [Fact]
    public void Blob_containers_are_private()
    {
        var containers = infra.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();

        Assert.NotEmpty(containers);
        Assert.All(containers, container => Assert.Equal("None", container.GetString("properties.publicAccess")));
    }

    [Fact]
    public void The_data_account_declares_exactly_the_two_tables_the_app_reads_by_default()
    {
        var defaults = new TableOptions();

        var declared = infra.Module("data-storage").Input("tableNames");
        var onHost = infra.Module("host-storage").Input("tableNames");

        Assert.Equal([defaults.Connectors, defaults.ApiKeys], declared!.AsArray().Select(name => (string)name!));
        Assert.True(onHost is null || onHost.AsArray().Count == 0, "The host's account holds no connector tables.");
        Assert.Single(infra.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"), table => table.Module == "data-storage");
    }
}

/// <summary>Telemetry: Log Analytics and Application Insights accept Entra identities only.</summary>
[Collection(InfraCollection.Name)]
public sealed class MonitoringTests(CompiledInfra infra)
{
    [Fact]
    public void Application_insights_disables_local_authentication_and_is_workspace_based()
    {
        var component = infra.Single("Microsoft.Insights/components");

        Assert.True(component.Get("properties.DisableLocalAuth")!.GetValue<bool>());
        Assert.NotNull(component.Get("properties.WorkspaceResourceId"));
    }

    [Fact]
    public void Log_analytics_disables_local_authentication()
    {
        var workspace = infra.Single("Microsoft.OperationalInsights/workspaces");

        Assert.True(workspace.Get("properties.features.disableLocalAuth")!.GetValue<bool>());
    }
}
