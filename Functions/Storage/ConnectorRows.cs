using System.Globalization;
using Azure.Data.Tables;
using Connectors.Api.Http;

namespace Connectors.Api.Storage;

/// <summary>
/// The Connectors table's schema: PartitionKey is the kind, RowKey the id as ten zero-padded digits (so a
/// partition scan is in id order), and the properties Name, System and Inaccessible.
/// </summary>
public static class ConnectorRows
{
    public const string Name = nameof(Connector.Name);
    public const string System = nameof(Connector.System);
    public const string Inaccessible = nameof(Connector.Inaccessible);

    /// <summary>The columns a read asks for, so that storage sends nothing else.</summary>
    public static readonly IReadOnlyList<string> Columns = ["RowKey", Name, System, Inaccessible];

    public static string RowKey(int id) => id.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads one row as a connector; false for a row whose RowKey is not a canonical id (not written by the
    /// operator tooling), which no request could address.
    /// </summary>
    public static bool TryRead(TableEntity row, out Connector connector)
    {
        connector = null!;
        if (row.RowKey is not { Length: 10 } key || !Digits.TryParse(key, out var id) || id is < 1 or > int.MaxValue)
        {
            return false;
        }

        connector = new Connector(
            (int)id,
            row.GetString(Name) ?? string.Empty,
            row.GetString(System) ?? string.Empty,
            row.TryGetValue(Inaccessible, out var inaccessible) && inaccessible is true);
        return true;
    }

    /// <summary>The row of a connector, as the operator tooling writes it.</summary>
    public static TableEntity ToRow(ConnectorKind kind, Connector connector) =>
        new(kind.PartitionKey(), RowKey(connector.Id))
        {
            [Name] = connector.Name,
            [System] = connector.System,
            [Inaccessible] = connector.Inaccessible,
        };
}
