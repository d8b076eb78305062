using System.Text;
using System.Text.Json;
using Connectors.Api;
using Connectors.Api.Http;
using Connectors.Api.Storage;

namespace Connectors.Admin;

/// <summary>
/// The import/export file: <c>{"alm": [connector...], "analysis": [connector...]}</c>, each connector exactly in
/// the API's shape. A kind absent from the file is left alone by an import.
/// </summary>
public sealed record ConnectorsFile(IReadOnlyDictionary<ConnectorKind, IReadOnlyList<Connector>> Kinds)
{
    public const int MaxTextLength = 256;

    private static readonly string[] Fields = ["id", "name", "system", "inaccessible"];

    /// <summary>
    /// Parses and validates the whole file, reporting every problem at once with its JSON path
    /// (e.g. <c>alm[3].id: must be a positive 32-bit integer</c>). The file is returned only when there are none.
    /// </summary>
    public static ConnectorsFile? Read(ReadOnlyMemory<byte> utf8, List<string> errors)
    {
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException malformed)
        {
            var reason = malformed.Message.Split(" LineNumber:")[0].Split(" Path:")[0].Replace(" Change the reader options.", string.Empty);
            errors.Add($"malformed JSON at line {malformed.LineNumber + 1}, column {malformed.BytePositionInLine + 1}: {reason}");
            return null;
        }

        using (document)
        {
            var kinds = new Dictionary<ConnectorKind, IReadOnlyList<Connector>>();
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("$: must be an object with an \"alm\" and/or an \"analysis\" list");
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var kind = Enum.GetValues<ConnectorKind>().Cast<ConnectorKind?>()
                    .FirstOrDefault(k => k!.Value.PartitionKey() == property.Name);
                if (kind is null)
                {
                    errors.Add($"{property.Name}: unknown key (expected \"alm\" or \"analysis\")");
                }
                else if (kinds.ContainsKey(kind.Value))
                {
                    errors.Add($"{property.Name}: given more than once");
                }
                else
                {
                    kinds[kind.Value] = ReadKind(property.Name, property.Value, errors);
                }
            }

            return errors.Count == 0 ? new ConnectorsFile(kinds) : null;
        }
    }

    private static List<Connector> ReadKind(string path, JsonElement list, List<string> errors)
    {
        var connectors = new List<Connector>();
        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: must be a list of connectors");
            return connectors;
        }

        var firstIndexOfId = new Dictionary<int, int>();
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var at = $"{path}[{index}]";
            if (ReadConnector(at, element, errors) is { } connector)
            {
                if (firstIndexOfId.TryGetValue(connector.Id, out var first))
                {
                    errors.Add($"{at}.id: duplicate id {connector.Id}, also at {path}[{first}]");
                }
                else
                {
                    firstIndexOfId[connector.Id] = index;
                    connectors.Add(connector);
                }
            }

            index++;
        }

        return connectors;
    }

    private static Connector? ReadConnector(string at, JsonElement element, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{at}: must be an object with id, name, system and inaccessible");
            return null;
        }

        var errorsBefore = errors.Count;
        var values = new Dictionary<string, JsonElement>();
        foreach (var field in element.EnumerateObject())
        {
            if (!Fields.Contains(field.Name))
            {
                errors.Add($"{at}.{field.Name}: unknown field");
            }
            else if (!values.TryAdd(field.Name, field.Value))
            {
                errors.Add($"{at}.{field.Name}: given more than once");
            }
        }

        foreach (var missing in Fields.Where(f => !values.ContainsKey(f)))
        {
            errors.Add($"{at}.{missing}: is required");
        }

        int id = 0;
        if (values.TryGetValue("id", out var idValue)
            && (idValue.ValueKind != JsonValueKind.Number || !idValue.TryGetInt32(out id) || id < 1))
        {
            errors.Add($"{at}.id: must be a positive 32-bit integer");
        }

        var name = ReadText($"{at}.name", values, "name", errors);
        var system = ReadText($"{at}.system", values, "system", errors);
        var inaccessible = false;
        if (values.TryGetValue("inaccessible", out var flag))
        {
            if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                inaccessible = flag.GetBoolean();
            }
            else
            {
                errors.Add($"{at}.inaccessible: must be true or false");
            }
        }

        return errors.Count == errorsBefore ? new Connector(id, name!, system!, inaccessible) : null;
    }

    private static string? ReadText(string at, Dictionary<string, JsonElement> values, string field, List<string> errors)
    {
        if (!values.TryGetValue(field, out var value))
        {
            return null;
        }

        string? text = null;
        try
        {
            text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            errors.Add($"{at}: must be valid Unicode text");
            return null;
        }

        var problem = text switch
        {
            null => "must be a string",
            { Length: 0 } => "must not be empty",
            _ when text.EnumerateRunes().Count() > MaxTextLength => $"must be at most {MaxTextLength} characters",
            _ when text.Any(char.IsControl) => "must not contain control characters",
            _ => null,
        };
        if (problem is not null)
        {
            errors.Add($"{at}: {problem}");
        }

        return text;
    }

    /// <summary>Every connector of both kinds, as the app reads them.</summary>
    public static async Task<ConnectorsFile> ExportAsync(ConnectorStore store, CancellationToken cancellationToken)
    {
        var kinds = new Dictionary<ConnectorKind, IReadOnlyList<Connector>>();
        foreach (var kind in Enum.GetValues<ConnectorKind>())
        {
            kinds[kind] = await store.ListAsync(kind, cancellationToken);
        }

        return new ConnectorsFile(kinds);
    }

    /// <summary>Writes the file as an export: both kinds, ordered by id, indented, text as UTF-8 (same bytes every time).</summary>
    public byte[] Write()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = DrfJsonEncoder.Instance }))
        {
            json.WriteStartObject();
            foreach (var (kind, connectors) in Kinds.OrderBy(k => k.Key))
            {
                json.WriteStartArray(kind.PartitionKey());
                foreach (var connector in connectors.OrderBy(c => c.Id))
                {
                    json.WriteStartObject();
                    json.WriteNumber("id", connector.Id);
                    json.WriteString("name", connector.Name);
                    json.WriteString("system", connector.System);
                    json.WriteBoolean("inaccessible", connector.Inaccessible);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.ToArray();
    }
}
