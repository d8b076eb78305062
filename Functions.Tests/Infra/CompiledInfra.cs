using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connectors.Api.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled once (and linted at the same time) for every test class in the "Infra" collection.
/// </summary>
public sealed class CompiledInfra
{
    private readonly JsonObject? template;

    public CompiledInfra()
    {
        var build = Task.Run(() => BicepCli.Run("build", Path.Combine("infra", "main.bicep"), "--stdout"));
        var lint = Task.Run(() => BicepCli.Run("lint", "--pattern", "infra/**/*.bicep"));
        Build = build.GetAwaiter().GetResult();
        Lint = lint.GetAwaiter().GetResult();
        if (Build.ExitCode == 0)
        {
            Json = Build.StdOut;
            template = JsonNode.Parse(Json)!.AsObject();
        }
        else
        {
            Json = string.Empty;
        }
    }

    internal BicepResult Build { get; }

    internal BicepResult Lint { get; }

    /// <summary>The compiled ARM JSON, as text.</summary>
    public string Json { get; }

    internal ArmScope Main => new(
        template ?? throw new InvalidOperationException($"infra/main.bicep did not compile: {Build}"),
        ModuleName: "main",
        ModuleParameters: null,
        Parent: null);

    /// <summary>Every resource declared (not merely referenced as existing) in main and, recursively, in its modules.</summary>
    internal IReadOnlyList<ArmResource> Resources => Collect(Main).ToList();

    internal IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase));

    internal ArmResource Single(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>The module deployment named <paramref name="name"/> in main, as the scope its template runs in.</summary>
    internal ArmScope Module(string name)
    {
        var deployment = ArmScope.ResourcesOf(Main.Template)
            .SingleOrDefault(resource => (string?)resource["type"] == "Microsoft.Resources/deployments" && (string?)resource["name"] == name)
            ?? throw new InvalidOperationException($"main has no module deployment named '{name}'.");
        return Main.Nested(deployment);
    }

    private static IEnumerable<ArmResource> Collect(ArmScope scope)
    {
        foreach (var resource in ArmScope.ResourcesOf(scope.Template))
        {
            if ((bool?)resource["existing"] == true)
            {
                continue;
            }

            if ((string?)resource["type"] == "Microsoft.Resources/deployments")
            {
                foreach (var nested in Collect(scope.Nested(resource)))
                {
                    yield return nested;
                }

                continue;
            }

            yield return new ArmResource(resource, scope);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<CompiledInfra>
{
    public const string Name = "Infra";
}

/// <summary>A template and, for a module, the parameter values its deployment passes in from the parent.</summary>
internal sealed partial record ArmScope(JsonObject Template, string ModuleName, JsonObject? ModuleParameters, ArmScope? Parent)
{
    /// <summary>Resources are an array, or (languageVersion 2.0) an object keyed by symbolic name.</summary>
    public static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject map => map.Select(entry => entry.Value).OfType<JsonObject>(),
        _ => [],
    };

    public ArmScope Nested(JsonObject deployment) => new(
        deployment["properties"]!["template"]!.AsObject(),
        (string)deployment["name"]!,
        deployment["properties"]!["parameters"]?.AsObject(),
        this);

    /// <summary>
    /// Follows the plain references Bicep emits — <c>[parameters('p')]</c> through the module's inputs up to main,
    /// <c>[variables('v')]</c> and <c>[variables('v').p]</c> — down to literals. Any other expression is returned as written.
    /// </summary>
    public JsonNode? Resolve(JsonNode? value)
    {
        switch (value)
        {
            case JsonArray array:
                return new JsonArray(array.Select(Resolve).ToArray());
            case JsonValue scalar when scalar.TryGetValue<string>(out var text) && IsExpression(text):
                var expression = text[1..^1];
                if (Parameter().Match(expression) is { Success: true } parameter)
                {
                    var name = parameter.Groups[1].Value;
                    if (ModuleParameters?[name] is JsonObject passed && Parent is not null)
                    {
                        return Parent.Resolve(passed["value"]);
                    }

                    var declared = Template["parameters"]?[name]?["defaultValue"];
                    return declared is null ? value.DeepClone() : Resolve(declared);
                }

                if (Variable().Match(expression) is { Success: true } variable)
                {
                    var resolved = Template["variables"]?[variable.Groups[1].Value];
                    if (variable.Groups[2].Success)
                    {
                        resolved = resolved?[variable.Groups[2].Value];
                    }

                    return resolved is null ? value.DeepClone() : Resolve(resolved);
                }

                return value.DeepClone();
            default:
                return value?.DeepClone();
        }
    }

    public string? ResolveString(JsonNode? value) => Resolve(value)?.ToString();

    /// <summary>A parameter of this template, resolved: for a module, the value its deployment passes in.</summary>
    public JsonNode? Input(string parameter) => Resolve(JsonValue.Create($"[parameters('{parameter}')]"));

    public string? InputString(string parameter) => Input(parameter)?.ToString();

    /// <summary>
    /// For an expression that reads a resource by symbolic name (<c>reference('dataStorage').primaryEndpoints.table</c>):
    /// that resource's type and resolved name, so a test can tell which account a setting points at.
    /// </summary>
    public (string Type, string? Name) Referenced(string? expression)
    {
        var symbol = SymbolicReference().Match(expression ?? string.Empty);
        Assert.True(symbol.Success, $"'{expression}' does not read a resource by symbolic name.");
        var resource = Template["resources"]?[symbol.Groups[1].Value]
            ?? throw new InvalidOperationException($"Module '{ModuleName}' has no resource '{symbol.Groups[1].Value}'.");
        return ((string)resource["type"]!, ResolveString(resource["name"]));
    }

    private static bool IsExpression(string text) => text.StartsWith('[') && text.EndsWith(']') && !text.StartsWith("[[", StringComparison.Ordinal);

    [GeneratedRegex(@"reference\('([^']+)'\)")]
    private static partial Regex SymbolicReference();

    [GeneratedRegex(@"^parameters\('([^']+)'\)$")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"^variables\('([^']+)'\)(?:\.(\w+))?$")]
    private static partial Regex Variable();
}

/// <summary>One declared resource and the template scope it sits in.</summary>
internal sealed record ArmResource(JsonObject Json, ArmScope Scope)
{
    public string Type => (string)Json["type"]!;

    public JsonObject Properties => Json["properties"]?.AsObject() ?? [];

    public string Module => Scope.ModuleName;

    /// <summary>A property by dotted path under the resource (e.g. <c>properties.siteConfig.minTlsVersion</c>), resolved.</summary>
    public JsonNode? Get(string path)
    {
        JsonNode? node = Json;
        foreach (var segment in path.Split('.'))
        {
            node = node?[segment];
        }

        return Scope.Resolve(node);
    }

    public string? GetString(string path) => Get(path)?.ToString();

    public override string ToString() => $"{Type} in module '{Module}'";
}
