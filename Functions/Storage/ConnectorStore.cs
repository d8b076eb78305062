using Azure.Data.Tables;
using Connectors.Api.Caching;
using Microsoft.Extensions.Options;

namespace Connectors.Api.Storage;

/// <summary>
/// Reads connectors from the Connectors table: a partition scan (id order) for a kind, a point read for one.
/// Both are cached for <see cref="CacheOptions.ConnectorSeconds"/>; while a kind's list is cached, one
/// connector is found in it without any storage call.
/// </summary>
public sealed class ConnectorStore
{
    private readonly TableClient table;
    private readonly TimedCache<ConnectorKind, IReadOnlyList<Connector>> lists;
    private readonly TimedCache<(ConnectorKind Kind, int Id), Connector?> connectors;
    private readonly Func<ConnectorKind, Task<IReadOnlyList<Connector>>> scan;
    private readonly Func<(ConnectorKind Kind, int Id), Task<Connector?>> read;

    public ConnectorStore(TableServiceClient service, IOptions<TableOptions> tables, IOptions<CacheOptions> cache, TimeProvider clock)
    {
        table = service.GetTableClient(tables.Value.Connectors);
        var lifetime = TimeSpan.FromSeconds(cache.Value.ConnectorSeconds);
        lists = new(lifetime, cache.Value.MaxEntries, clock);
        connectors = new(lifetime, cache.Value.MaxEntries, clock, expendable: connector => connector is null);
        scan = ScanAsync;
        read = ReadAsync;
    }

    public Task<Connector?> GetAsync(ConnectorKind kind, int id, CancellationToken cancellationToken) =>
        lists.TryGetLoaded(kind, out var list)
            ? Task.FromResult(Find(list, id))
            : connectors.GetAsync((kind, id), read, cancellationToken);

    public Task<IReadOnlyList<Connector>> ListAsync(ConnectorKind kind, CancellationToken cancellationToken) =>
        lists.GetAsync(kind, scan, cancellationToken);

    // The list is in id order, as the partition scan returns it.
    private static Connector? Find(IReadOnlyList<Connector> list, int id)
    {
        int low = 0, high = list.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var found = list[middle].Id;
            if (found == id)
            {
                return list[middle];
            }

            if (found < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return null;
    }

    private async Task<Connector?> ReadAsync((ConnectorKind Kind, int Id) key)
    {
        var row = await table.FindAsync(key.Kind.PartitionKey(), ConnectorRows.RowKey(key.Id), ConnectorRows.Columns, CancellationToken.None);
        return row is not null && ConnectorRows.TryRead(row, out var connector) ? connector : null;
    }

    private async Task<IReadOnlyList<Connector>> ScanAsync(ConnectorKind kind)
    {
        var found = new List<Connector>();
        var rows = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {kind.PartitionKey()}"),
            maxPerPage: 1000,
            select: ConnectorRows.Columns,
            cancellationToken: CancellationToken.None);
        await foreach (var row in rows)
        {
            if (ConnectorRows.TryRead(row, out var connector))
            {
                found.Add(connector);
            }
        }

        return found;
    }
}
