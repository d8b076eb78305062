using Azure;
using Azure.Data.Tables;

namespace Connectors.Api.Storage;

/// <summary>
/// A point read where "no such row" is an answer but "no such table" is a failure. The SDK's
/// GetEntityIfExists treats both 404s alike, which would turn a missing or misnamed table into
/// "Invalid token." or "Not found." for every request instead of a server error that gets logged.
/// </summary>
public static class PointReads
{
    public static async Task<TableEntity?> FindAsync(
        this TableClient table, string partitionKey, string rowKey, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        try
        {
            return (await table.GetEntityAsync<TableEntity>(partitionKey, rowKey, columns, cancellationToken)).Value;
        }
        catch (RequestFailedException missing) when (missing.Status == 404 && missing.ErrorCode == "ResourceNotFound")
        {
            return null;
        }
    }
}
