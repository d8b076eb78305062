using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Connectors.Api.Storage;

/// <summary>Reads connectors from the Connectors table: a point read for one, a partition scan (id order) for a kind.</summary>
public sealed class ConnectorStore(TableServiceClient service, IOptions<TableOptions> options)
{
    private readonly TableClient table = service.GetTableClient(options.Value.Connectors);

    public async Task<Connector?> GetAsync(ConnectorKind kind, int id, CancellationToken cancellationToken)
    {
        var row = await table.FindAsync(kind.PartitionKey(), ConnectorRows.RowKey(id), ConnectorRows.Columns, cancellationToken);
        return row is not null && ConnectorRows.TryRead(row, out var connector) ? connector : null;
    }

    public async Task<IReadOnlyList<Connector>> ListAsync(ConnectorKind kind, CancellationToken cancellationToken)
    {
        var connectors = new List<Connector>();
        var rows = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {kind.PartitionKey()}"),
            maxPerPage: 1000,
            select: ConnectorRows.Columns,
            cancellationToken: cancellationToken);
        await foreach (var row in rows)
        {
            if (ConnectorRows.TryRead(row, out var connector))
            {
                connectors.Add(connector);
            }
        }

        return connectors;
    }
}
