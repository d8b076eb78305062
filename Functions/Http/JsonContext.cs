using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.Api.Http;

/// <summary>A list answer without pagination: the seed's <c>{"results": [...]}</c>.</summary>
public sealed record ListBody(IReadOnlyList<Connector> Results);

/// <summary>DRF's paginated envelope, in DRF's field order.</summary>
public sealed record PageBody(int Count, string? Next, string? Previous, IReadOnlyList<Connector> Results);

/// <summary>Every error answer: <c>{"detail": "..."}</c>.</summary>
public sealed record ErrorBody(string Detail);

/// <summary>
/// Source-generated serialization of every body: property declaration order is the contract's field order,
/// names are camelCase (the contract's names), null links are written as null, and the output is compact
/// like DRF's JSONRenderer. The options are given here because options passed to the constructor replace
/// those of the generation attribute.
/// </summary>
[JsonSerializable(typeof(Connector))]
[JsonSerializable(typeof(ListBody))]
[JsonSerializable(typeof(PageBody))]
[JsonSerializable(typeof(ErrorBody))]
public sealed partial class JsonContext : JsonSerializerContext
{
    /// <summary>The bodies' serializer: text escaped as DRF escapes it.</summary>
    public static JsonContext Api { get; } = new(new JsonSerializerOptions
    {
        Encoder = DrfJsonEncoder.Instance,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    });
}
