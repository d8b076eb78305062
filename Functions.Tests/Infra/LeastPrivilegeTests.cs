using System.Text.RegularExpressions;
using Connectors.Api.Storage;

namespace Connectors.Api.Tests.Infra;

/// <summary>
/// Every role assignment in the template: which built-in role, to whom, and at which scope. The set is exact,
/// so a broader grant (an account-wide table role, a contributor role for the app) fails a test.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class LeastPrivilegeTests(CompiledInfra infra)
{
    // Azure built-in role ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage and .../monitor).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataReader = "76199698-9eea-4c19-bc75-cec21354c6b6";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private const string AppIdentity = "[reference('identity').principalId]";
    private const string Deployer = "[parameters('deployerPrincipalId')]";
    private const string TableScope = "[resourceId('Microsoft.Storage/storageAccounts/tableServices/tables', parameters('dataStorageAccountName'), 'default', parameters('tableNames')[copyIndex()])]";

    private IReadOnlyList<Grant> Grants => infra.OfType("Microsoft.Authorization/roleAssignments")
        .Select(assignment => new Grant(
            RoleOf(assignment),
            (string?)assignment.Json["properties"]!["principalId"],
            (string?)assignment.Json["scope"],
            assignment))
        .ToList();

    [Fact]
    public void The_template_makes_exactly_these_four_grants()
    {
        var grants = Grants.Select(grant => (grant.Role, grant.Principal, grant.Scope)).OrderBy(grant => grant.Role).ToList();

        Assert.Equal(
            new (string Role, string? Principal, string? Scope)[]
            {
                (StorageTableDataContributor, Deployer, TableScope),
                (MonitoringMetricsPublisher, AppIdentity, "[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]"),
                (StorageTableDataReader, AppIdentity, TableScope),
                (StorageBlobDataOwner, AppIdentity, "[resourceId('Microsoft.Storage/storageAccounts', parameters('hostStorageAccountName'))]"),
            }.OrderBy(grant => grant.Role),
            grants);
        Assert.All(Grants, grant => Assert.Equal("access", grant.Assignment.Module));
    }

    [Fact]
    public void The_app_reads_the_connector_tables_with_table_data_reader_scoped_to_each_table_itself()
    {
        var reader = Assert.Single(Grants, grant => grant.Role == StorageTableDataReader);

        Assert.Equal(AppIdentity, reader.Principal);
        AssertOneAssignmentPerConnectorTable(reader.Assignment);
        Assert.Equal("ServicePrincipal", reader.Assignment.GetString("properties.principalType"));
    }

    [Fact]
    public void The_deployer_gets_table_data_contributor_on_each_table_and_only_when_a_principal_is_given()
    {
        var contributor = Assert.Single(Grants, grant => grant.Role == StorageTableDataContributor);

        Assert.Equal(Deployer, contributor.Principal);
        AssertOneAssignmentPerConnectorTable(contributor.Assignment);
        Assert.Equal("[not(empty(parameters('deployerPrincipalId')))]", (string?)contributor.Assignment.Json["condition"]);

        var access = infra.Module("access");
        Assert.Equal("[parameters('principalId')]", (string?)access.ModuleParameters!["deployerPrincipalId"]!["value"]);
        Assert.Equal(string.Empty, (string?)infra.Main.Template["parameters"]!["principalId"]!["defaultValue"]);
    }

    [Fact]
    public void The_host_account_that_gets_blob_data_owner_is_not_the_account_holding_the_connector_tables()
    {
        var access = infra.Module("access");
        string? Resolved(string module, string parameter) =>
            infra.Module(module).InputString(parameter);

        Assert.Equal(Resolved("host-storage", "name"), Resolved("access", "hostStorageAccountName"));
        Assert.Equal(Resolved("data-storage", "name"), Resolved("access", "dataStorageAccountName"));
        Assert.Equal(Resolved("identity", "name"), Resolved("access", "identityName"));
        Assert.Equal(Resolved("monitoring", "applicationInsightsName"), Resolved("access", "applicationInsightsName"));
        Assert.NotEqual(Resolved("host-storage", "name"), Resolved("data-storage", "name"));
        Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", access.Referenced(AppIdentity).Type);
    }

    [Fact]
    public void Role_definitions_are_subscription_level_built_in_role_ids()
    {
        Assert.All(Grants, grant => Assert.StartsWith(
            "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ",
            (string?)grant.Assignment.Json["properties"]!["roleDefinitionId"],
            StringComparison.Ordinal));
    }

    private void AssertOneAssignmentPerConnectorTable(ArmResource assignment)
    {
        Assert.Equal(TableScope, (string?)assignment.Json["scope"]);
        Assert.Equal("[length(parameters('tableNames'))]", (string?)assignment.Json["copy"]?["count"]);

        var tables = assignment.Scope.Input("tableNames")!.AsArray().Select(name => (string?)name);
        var defaults = new TableOptions();
        Assert.Equal([defaults.Connectors, defaults.ApiKeys], tables);
    }

    /// <summary>The role GUID in <c>subscriptionResourceId('Microsoft.Authorization/roleDefinitions', &lt;id&gt;)</c>, resolved.</summary>
    private static string RoleOf(ArmResource assignment)
    {
        var roleDefinitionId = (string)assignment.Json["properties"]!["roleDefinitionId"]!;
        var match = RoleDefinition().Match(roleDefinitionId);
        Assert.True(match.Success, $"Unexpected roleDefinitionId '{roleDefinitionId}'.");
        var id = match.Groups[1].Value;
        return id.StartsWith('\'') ? id.Trim('\'') : assignment.Scope.ResolveString($"[{id}]")!;
    }

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', (.+)\)\]$")]
    private static partial Regex RoleDefinition();

    private sealed record Grant(string Role, string? Principal, string? Scope, ArmResource Assignment);
}
