using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Connectors.Api.Authentication;
using Connectors.Api.Storage;

namespace Connectors.Admin;

/// <summary>
/// Issues, lists and revokes API keys. A key is shown once, when created; only its SHA-256 is stored, in the
/// contract's ApiKeys schema, so that the app's TokenAuthentication finds it.
/// </summary>
public sealed class ApiKeyCommands(TableClient table, TimeProvider clock)
{
    public const string KeyPrefix = "sde_";

    /// <summary>A new key: the prefix, then 256 random bits from the OS's cryptographic generator, base64url (printable ASCII, no spaces).</summary>
    public static string NewKey() => KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Stores the hash of a new key named <paramref name="name"/>; refuses a name that an active key already has.</summary>
    public async Task<string> CreateAsync(string name, DateTimeOffset? expiresOn, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new AdminException("the key's name must not be empty");
        }

        var now = clock.GetUtcNow();
        if (expiresOn <= now)
        {
            throw new AdminException("the expiry must be in the future");
        }

        if ((await ListAsync(cancellationToken)).Any(k => k.Name == name && k.IsValidAt(now)))
        {
            throw new AdminException($"an active key named \"{name}\" already exists: revoke it first or choose another name");
        }

        var key = NewKey();
        await StoreAsync(key, name, expiresOn, cancellationToken);
        return key;
    }

    /// <summary>Stores the hash of a key the caller already has (the local stack's development key, kept across restarts).</summary>
    public async Task StoreAsync(string key, string name, DateTimeOffset? expiresOn, CancellationToken cancellationToken)
    {
        var row = new TableEntity(ApiKeyStore.PartitionKey, TokenAuthentication.Hash(key))
        {
            [ApiKeyStore.Name] = name,
            [ApiKeyStore.Revoked] = false,
        };
        if (expiresOn is { } expiry)
        {
            row[ApiKeyStore.ExpiresOn] = expiry.ToUniversalTime();
        }

        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Whether the key's hash is stored and the key is currently valid.</summary>
    public async Task<bool> IsValidAsync(string key, CancellationToken cancellationToken) =>
        await table.FindAsync(ApiKeyStore.PartitionKey, TokenAuthentication.Hash(key), ApiKeyStore.Columns, cancellationToken) is { } row
        && ApiKeyStore.Read(row).IsValidAt(clock.GetUtcNow());

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = new List<ApiKey>();
        var rows = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {ApiKeyStore.PartitionKey}"), cancellationToken: cancellationToken);
        await foreach (var row in rows)
        {
            keys.Add(ApiKeyStore.Read(row));
        }

        return keys.OrderBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.Hash, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Revokes every key named <paramref name="name"/> that is not revoked yet; returns how many.</summary>
    public async Task<int> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        var keys = (await ListAsync(cancellationToken)).Where(k => k.Name == name).ToArray();
        if (keys.Length == 0)
        {
            throw new AdminException($"no key is named \"{name}\"");
        }

        var revoked = 0;
        foreach (var key in keys.Where(k => !k.Revoked))
        {
            var change = new TableEntity(ApiKeyStore.PartitionKey, key.Hash) { [ApiKeyStore.Revoked] = true };
            await table.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken);
            revoked++;
        }

        return revoked;
    }

    /// <summary>The list as a table: name, a short hash prefix, expiry and state. Never a key.</summary>
    public static IEnumerable<string> Format(IReadOnlyList<ApiKey> keys, DateTimeOffset now)
    {
        var width = Math.Max(4, keys.Select(k => k.Name.Length).DefaultIfEmpty(0).Max());
        yield return $"{"NAME".PadRight(width)}  HASH          EXPIRES                STATE";
        foreach (var key in keys)
        {
            var expires = key.ExpiresOn?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "never";
            var state = key.Revoked ? "revoked" : key.IsValidAt(now) ? "active" : "expired";
            yield return $"{key.Name.PadRight(width)}  {key.Hash[..12]}  {expires,-21}  {state}";
        }
    }

    /// <summary>
    /// An expiry given as a date or date-time (ISO 8601; a date alone is midnight UTC; no offset means UTC),
    /// or as a duration from now: a number with d, h or m (e.g. 90d, 12h, 30m).
    /// </summary>
    public static DateTimeOffset? ParseExpiry(string? date, string? duration, DateTimeOffset now)
    {
        if (date is not null && duration is not null)
        {
            throw new AdminException("give either --expires or --expires-in, not both");
        }

        if (date is not null)
        {
            return DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? at
                : throw new AdminException($"--expires: \"{date}\" is not a date such as 2027-01-31 or 2027-01-31T12:00:00Z");
        }

        if (duration is null)
        {
            return null;
        }

        var unit = duration.Length > 1 ? duration[^1] : ' ';
        if (!int.TryParse(duration.AsSpan(0, Math.Max(0, duration.Length - 1)), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount < 1 || unit is not ('d' or 'h' or 'm'))
        {
            throw new AdminException($"--expires-in: \"{duration}\" is not a duration such as 90d, 12h or 30m");
        }

        return now + unit switch
        {
            'd' => TimeSpan.FromDays(amount),
            'h' => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromMinutes(amount),
        };
    }
}

/// <summary>A refusal the operator can act on: printed as one line, exit code 1.</summary>
public sealed class AdminException(string message) : Exception(message);
