using System.Text.Json.Nodes;

namespace Connectors.Api.Tests.Infra;

/// <summary>azure.yaml, infra/main.parameters.json and the template's outputs fit together the way azd uses them.</summary>
[Collection(InfraCollection.Name)]
public sealed class AzdWiringTests(CompiledInfra infra)
{
    private static readonly string[] AzureYaml = File.ReadAllLines(Path.Combine(BicepCli.RepositoryRoot, "azure.yaml"));

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_as_a_dotnet_function_service()
    {
        var (name, body) = SingleService();

        Assert.Equal("api", name);
        Assert.Contains("project: ./Functions", body);
        Assert.Contains("language: dotnet", body);
        Assert.Contains("host: function", body);
        Assert.True(File.Exists(Path.Combine(BicepCli.RepositoryRoot, "Functions", "Functions.csproj")));
    }

    [Fact]
    public void The_function_app_carries_the_azd_service_name_tag_of_that_service()
    {
        var site = infra.Single("Microsoft.Web/sites");
        var api = infra.Module("api");

        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', parameters('serviceName')))]", site.Json["tags"]?.ToString());
        Assert.Equal(SingleService().Name, api.InputString("serviceName"));
        Assert.Equal("[parameters('environmentName')]", infra.Main.ResolveString(infra.Main.Template["variables"]!["tags"]!["azd-env-name"]));
    }

    [Fact]
    public void The_parameters_file_fills_the_templates_parameters_from_azds_environment()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = infra.Main.Template["parameters"]!.AsObject();

        Assert.Equal("${AZURE_ENV_NAME}", (string?)parameters["environmentName"]!["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)parameters["location"]!["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)parameters["principalId"]!["value"]);
        Assert.All(parameters, parameter => Assert.True(declared.ContainsKey(parameter.Key), $"main.bicep has no parameter '{parameter.Key}'."));
        Assert.All(
            declared.Where(parameter => parameter.Value!["defaultValue"] is null),
            parameter => Assert.True(parameters.ContainsKey(parameter.Key), $"Required parameter '{parameter.Key}' is not in main.parameters.json."));
    }

    [Theory]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("SERVICE_API_NAME")]
    [InlineData("SERVICE_API_URI")]
    [InlineData("FUNCTION_APP_URL")]
    [InlineData("CONNECTORS_TABLE_SERVICE_URI")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_LOCATION")]
    public void The_template_outputs_what_azd_and_the_readme_use(string output)
    {
        Assert.NotNull(infra.Main.Template["outputs"]?[output]);
    }

    [Theory]
    [InlineData("CONNECTORS_TABLE_SERVICE_URI", "data-storage", "tableEndpoint")]
    [InlineData("SERVICE_API_URI", "api", "uri")]
    [InlineData("FUNCTION_APP_URL", "api", "uri")]
    [InlineData("AZURE_FUNCTION_APP_NAME", "api", "name")]
    public void Each_output_comes_from_the_module_that_owns_it(string output, string module, string moduleOutput)
    {
        var value = (string?)infra.Main.Template["outputs"]![output]!["value"];

        Assert.Contains($"'Microsoft.Resources/deployments', '{module}')", value, StringComparison.Ordinal);
        Assert.EndsWith($".outputs.{moduleOutput}.value]", value, StringComparison.Ordinal);
    }

    /// <summary>The one service under <c>services:</c> in azure.yaml: its name and its indented lines, trimmed.</summary>
    private static (string Name, string[] Body) SingleService()
    {
        var start = Array.FindIndex(AzureYaml, line => line.TrimEnd() == "services:");
        Assert.True(start >= 0, "azure.yaml has no services section.");
        var services = AzureYaml.Skip(start + 1).TakeWhile(line => line.Length == 0 || char.IsWhiteSpace(line[0])).ToList();
        var names = services.Where(line => line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(':')).ToList();
        var name = Assert.Single(names).Trim().TrimEnd(':');
        return (name, services.Where(line => line.StartsWith("    ", StringComparison.Ordinal)).Select(line => line.Trim()).ToArray());
    }
}
