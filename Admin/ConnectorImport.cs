using Azure;
using Azure.Data.Tables;
using Connectors.Api;
using Connectors.Api.Storage;

namespace Connectors.Admin;

/// <summary>What an import did (or, in a dry run, would do) to one kind.</summary>
public sealed record ImportSummary(ConnectorKind Kind, int Added, int Updated, int Removed, int Unchanged)
{
    public override string ToString() =>
        $"{Kind.PartitionKey()}: {Added} added, {Updated} updated, {Removed} removed, {Unchanged} unchanged";
}

/// <summary>
/// Loads a validated connectors file: rows that differ are upserted in table transactions (at most 100 rows,
/// one partition each); with <c>replace</c>, rows the file no longer lists are removed, but only after every
/// upsert of every kind succeeded. Unchanged rows are not written, so re-running an import changes nothing.
/// </summary>
public sealed class ConnectorImport(TableClient table, TextWriter progress)
{
    public const int TransactionSize = 100;

    public async Task<IReadOnlyList<ImportSummary>> RunAsync(ConnectorsFile file, bool replace, bool dryRun, CancellationToken cancellationToken)
    {
        var plans = new List<(ImportSummary Summary, List<TableEntity> Upserts, List<TableEntity> Removals)>();
        foreach (var (kind, connectors) in file.Kinds.OrderBy(k => k.Key))
        {
            plans.Add(await PlanAsync(kind, connectors, replace, dryRun, cancellationToken));
        }

        if (!dryRun)
        {
            foreach (var plan in plans)
            {
                await SubmitAsync(plan.Summary.Kind, "writing", plan.Upserts, TableTransactionActionType.UpsertReplace, cancellationToken);
            }

            foreach (var plan in plans)
            {
                await SubmitAsync(plan.Summary.Kind, "removing", plan.Removals, TableTransactionActionType.Delete, cancellationToken);
            }
        }

        return plans.Select(p => p.Summary).ToArray();
    }

    private async Task<(ImportSummary, List<TableEntity>, List<TableEntity>)> PlanAsync(
        ConnectorKind kind, IReadOnlyList<Connector> connectors, bool replace, bool dryRun, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        try
        {
            var rows = table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {kind.PartitionKey()}"), maxPerPage: 1000, cancellationToken: cancellationToken);
            await foreach (var row in rows)
            {
                existing[row.RowKey] = row;
            }
        }
        catch (RequestFailedException missing) when (dryRun && missing.Status == 404)
        {
            // A dry run creates nothing: a table that does not exist yet is simply empty.
        }

        var upserts = new List<TableEntity>();
        int added = 0, updated = 0, unchanged = 0;
        foreach (var connector in connectors)
        {
            var row = ConnectorRows.ToRow(kind, connector);
            if (!existing.Remove(row.RowKey, out var current))
            {
                added++;
                upserts.Add(row);
            }
            else if (SameRow(current, row))
            {
                unchanged++;
            }
            else
            {
                updated++;
                upserts.Add(row);
            }
        }

        var removals = replace
            ? existing.Values.Select(row => new TableEntity(row.PartitionKey, row.RowKey) { ETag = ETag.All }).ToList()
            : [];
        return (new ImportSummary(kind, added, updated, removals.Count, unchanged), upserts, removals);
    }

    // Same properties with the same values and types, and nothing else (the service adds Timestamp and the ETag).
    private static bool SameRow(TableEntity stored, TableEntity wanted) =>
        wanted.Keys.All(key => stored.TryGetValue(key, out var value) && Equals(value, wanted[key]))
        && stored.Keys.Count(key => key is not ("Timestamp" or "odata.etag")) == wanted.Count;

    private async Task SubmitAsync(
        ConnectorKind kind, string verb, List<TableEntity> rows, TableTransactionActionType action, CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var batch in rows.Chunk(TransactionSize))
        {
            await table.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(action, row, row.ETag)), cancellationToken);
            done += batch.Length;
            await progress.WriteAsync($"\r{verb} {kind.PartitionKey()}: {done}/{rows.Count}");
        }

        if (rows.Count > 0)
        {
            await progress.WriteLineAsync();
        }
    }
}
