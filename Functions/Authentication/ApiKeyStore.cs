using Azure.Data.Tables;
using Connectors.Api.Caching;
using Connectors.Api.Storage;
using Microsoft.Extensions.Options;

namespace Connectors.Api.Authentication;

/// <summary>An issued key as stored: its hash (never the key), who it is for, and whether it still counts.</summary>
public sealed record ApiKey(string Hash, string Name, bool Revoked, DateTimeOffset? ExpiresOn)
{
    /// <summary>Valid while not revoked and before its expiry: a key is invalid from the instant ExpiresOn is reached.</summary>
    public bool IsValidAt(DateTimeOffset now) => !Revoked && (ExpiresOn is null || now < ExpiresOn);
}

/// <summary>
/// Reads the ApiKeys table: PartitionKey <c>key</c>, RowKey the lowercase hex SHA-256 of the key, properties
/// Name, Revoked and ExpiresOn (absent for no expiry).
/// </summary>
public sealed class ApiKeyStore
{
    public const string PartitionKey = "key";
    public const string Name = nameof(ApiKey.Name);
    public const string Revoked = nameof(ApiKey.Revoked);
    public const string ExpiresOn = nameof(ApiKey.ExpiresOn);

    /// <summary>The columns a read of a key asks for.</summary>
    public static readonly IReadOnlyList<string> Columns = ["RowKey", Name, Revoked, ExpiresOn];

    private readonly TableClient table;
    private readonly TimedCache<string, ApiKey?> cache;
    private readonly Func<string, Task<ApiKey?>> read;

    public ApiKeyStore(TableServiceClient service, IOptions<TableOptions> tables, IOptions<CacheOptions> cache, TimeProvider clock)
    {
        table = service.GetTableClient(tables.Value.ApiKeys);
        this.cache = new(TimeSpan.FromSeconds(cache.Value.KeySeconds), cache.Value.MaxEntries, clock, expendable: key => key is null);
        read = ReadAsync;
    }

    /// <summary>
    /// The row of the key with this hash, or null, cached for <see cref="CacheOptions.KeySeconds"/> either way.
    /// The row is cached, not a verdict: expiry is judged at each request.
    /// </summary>
    public Task<ApiKey?> FindAsync(string hash, CancellationToken cancellationToken) => cache.GetAsync(hash, read, cancellationToken);

    private async Task<ApiKey?> ReadAsync(string hash)
    {
        var row = await table.FindAsync(PartitionKey, hash, Columns, CancellationToken.None);
        return row is null ? null : Read(row);
    }

    /// <summary>Reads a row; one whose Revoked or ExpiresOn holds a value of the wrong type counts as revoked (fail closed).</summary>
    public static ApiKey Read(TableEntity row)
    {
        var revoked = row.TryGetValue(Revoked, out var flag) && flag is not null && flag is not false;
        DateTimeOffset? expiresOn = null;
        if (row.TryGetValue(ExpiresOn, out var expiry) && expiry is not null)
        {
            switch (expiry)
            {
                case DateTimeOffset at:
                    expiresOn = at;
                    break;
                case DateTime at:
                    expiresOn = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
                    break;
                default:
                    revoked = true;
                    break;
            }
        }

        return new ApiKey(row.RowKey, row.GetString(Name) ?? string.Empty, revoked, expiresOn);
    }
}
