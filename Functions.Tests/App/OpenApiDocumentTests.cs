using System.Text.Json.Nodes;
using Connectors.Api.Tests.Support;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Readers;

namespace Connectors.Api.Tests.App;

/// <summary>Functions/openapi.yaml is a valid OpenAPI 3 document that describes the routes the build declares.</summary>
public sealed class OpenApiDocumentTests
{
    private static (OpenApiDocument Document, OpenApiDiagnostic Diagnostic) Read()
    {
        using var stream = File.OpenRead(Path.Combine(Repository.Root, "Functions", "openapi.yaml"));
        var document = new OpenApiStreamReader().Read(stream, out var diagnostic);
        return (document, diagnostic);
    }

    [Fact]
    public void The_document_reads_without_errors_or_warnings()
    {
        var (document, diagnostic) = Read();

        Assert.Empty(diagnostic.Errors);
        Assert.Empty(diagnostic.Warnings);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, diagnostic.SpecificationVersion);
        Assert.Equal("SD Elements connectors API", document.Info.Title);
    }

    [Fact]
    public void Its_paths_are_the_functions_routes_and_each_is_a_get_the_trigger_accepts()
    {
        var (document, _) = Read();
        var routes = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.BuildOutput("Functions"), "functions.metadata")))!.AsArray()
            .Select(function => function!["bindings"]!.AsArray().Single(b => (string)b!["type"]! == "httpTrigger")!)
            .ToDictionary(trigger => "/api/" + (string)trigger["route"]! + "/", trigger => trigger["methods"]!.AsArray().Select(m => (string)m!).ToArray());

        Assert.Equal(routes.Keys.Order(StringComparer.Ordinal), document.Paths.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, item) in document.Paths)
        {
            Assert.Equal([OperationType.Get], item.Operations.Keys);
            Assert.Contains("get", routes[path]);
        }
    }

    [Fact]
    public void It_declares_the_token_scheme_and_every_error_the_contract_names()
    {
        var (document, _) = Read();

        var scheme = document.Components.SecuritySchemes["token"];
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Header, "Authorization"), (scheme.Type, scheme.In, scheme.Name));
        Assert.Equal(["id", "inaccessible", "name", "system"], document.Components.Schemas["Connector"].Properties.Keys.Order());
        Assert.Equal(["count", "next", "previous", "results"], document.Components.Schemas["Page"].Properties.Keys);
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations.Values))
        {
            Assert.Equal(["200", "304", "401", "404", "405", "406", "500", "503"], operation.Responses.Keys.Order());
        }

        var examples = document.Components.Responses.Values
            .SelectMany(r => r.Content.Values)
            .SelectMany(c => c.Examples.Values.Select(e => e.Value).Append(c.Example))
            .OfType<Microsoft.OpenApi.Any.OpenApiObject>()
            .Select(o => ((Microsoft.OpenApi.Any.OpenApiString)o["detail"]).Value)
            .ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "Authentication credentials were not provided.",
                "Invalid token header. No credentials provided.",
                "Invalid token header. Token string should not contain spaces.",
                "Invalid token header. Token string should not contain invalid characters.",
                "Invalid token.",
                "Not found.",
                "Invalid page.",
                "Method \"POST\" not allowed.",
                "Could not satisfy the request Accept header.",
                "Service temporarily unavailable, try again later.",
                "A server error occurred.",
            },
            examples);
    }
}
