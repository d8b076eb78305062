using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Connectors.Api.Http;

namespace Connectors.Api.Authentication;

/// <summary>
/// The shared auth helper: DRF's TokenAuthentication over the <c>Authorization: Token &lt;key&gt;</c> header,
/// with keys looked up by their SHA-256 in the ApiKeys table. Each failure is one of the contract's five 401s.
/// </summary>
public sealed class TokenAuthentication(ApiKeyStore keys, TimeProvider clock)
{
    public const string Keyword = "Token";

    /// <summary>The valid key the header names, or an <see cref="ApiException"/> with the matching 401.</summary>
    public async Task<ApiKey> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        var hash = Hash(ReadKey(authorization));
        var key = await keys.FindAsync(hash, cancellationToken);

        // The lookup is by hash, so timing reveals nothing about the key; the stored hash is still compared
        // in constant time so that a lookup that matched loosely can never pass.
        if (key is null
            || !CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(key.Hash.AsSpan()), MemoryMarshal.AsBytes(hash.AsSpan()))
            || !key.IsValidAt(clock.GetUtcNow()))
        {
            throw ApiErrors.InvalidToken();
        }

        return key;
    }

    /// <summary>The lowercase hex SHA-256 of the key's UTF-8 bytes: the key's RowKey in the ApiKeys table.</summary>
    public static string Hash(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var maxLength = Encoding.UTF8.GetMaxByteCount(key.Length);
        var utf8 = maxLength <= 1024 ? stackalloc byte[maxLength] : new byte[maxLength];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(key, utf8)], hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The key in the header, parsed as DRF does: split on runs of whitespace, the scheme word matched ignoring
    /// case, exactly one key of printable ASCII. One pair of double quotes around the key (the seed's example) is dropped.
    /// </summary>
    public static string ReadKey(string? authorization)
    {
        var parts = (authorization ?? string.Empty).Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !string.Equals(parts[0], Keyword, StringComparison.OrdinalIgnoreCase))
        {
            throw ApiErrors.NotAuthenticated();
        }

        if (parts.Length == 1)
        {
            throw ApiErrors.NoCredentials();
        }

        if (parts.Length > 2)
        {
            throw ApiErrors.TokenHasSpaces();
        }

        var key = parts[1];
        if (key.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            throw ApiErrors.TokenHasInvalidCharacters();
        }

        return key.Length >= 2 && key[0] == '"' && key[^1] == '"' ? key[1..^1] : key;
    }

    // The whitespace of Python's bytes.split(), which DRF uses: not Unicode spaces such as U+00A0.
    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\v', '\f'];
}
