using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.App;

/// <summary>What the Functions host loads: the build's generated functions.metadata and the host.json beside it.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string[] AllMethods = ["get", "head", "post", "put", "patch", "delete", "options", "trace"];

    private static string AppOutput() => Repository.BuildOutput("Functions");

    private static JsonArray Metadata() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppOutput(), "functions.metadata")))!.AsArray();

    [Fact]
    public void The_build_declares_exactly_the_four_functions()
    {
        var names = Metadata().Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal);

        Assert.Equal(["GetAlmConnector", "GetAnalysisConnector", "ListAlmConnectors", "ListAnalysisConnectors"], names);
    }

    [Theory]
    [InlineData("ListAlmConnectors", "v2/connectors/alm", "Connectors.Api.ConnectorFunctions.ListAlm")]
    [InlineData("GetAlmConnector", "v2/connectors/alm/{id}", "Connectors.Api.ConnectorFunctions.GetAlm")]
    [InlineData("ListAnalysisConnectors", "v2/connectors/analysis", "Connectors.Api.ConnectorFunctions.ListAnalysis")]
    [InlineData("GetAnalysisConnector", "v2/connectors/analysis/{id}", "Connectors.Api.ConnectorFunctions.GetAnalysis")]
    public void Each_function_is_an_anonymous_http_trigger_on_its_route_for_every_method(string name, string route, string entryPoint)
    {
        var function = Metadata().Single(f => (string)f!["name"]! == name)!;
        var trigger = function["bindings"]!.AsArray().Single(b => (string)b!["type"]! == "httpTrigger")!;

        Assert.Equal("Connectors.Api.dll", (string)function["scriptFile"]!);
        Assert.Equal("dotnet-isolated", (string)function["language"]!);
        Assert.Equal(entryPoint, (string)function["entryPoint"]!);
        Assert.Equal(route, (string)trigger["route"]!);
        Assert.Equal("Anonymous", (string)trigger["authLevel"]!);
        Assert.Equal(AllMethods, trigger["methods"]!.AsArray().Select(m => (string)m!));
        Assert.Contains(function["bindings"]!.AsArray(), b => (string)b!["type"]! == "http" && (string)b["direction"]! == "Out");
    }

    [Fact]
    public void The_host_json_in_the_output_serves_the_routes_under_api()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(AppOutput(), "host.json")))!;

        Assert.Equal("2.0", (string)host["version"]!);
        Assert.Equal("api", (string)host["extensions"]!["http"]!["routePrefix"]!);
    }

    [Fact]
    public void The_worker_is_configured_to_start_the_app()
    {
        var worker = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppOutput(), "worker.config.json")));

        Assert.Equal("Connectors.Api.dll", worker.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString());
    }
}
