using System.Security.Cryptography;

namespace Connectors.Api.Http;

/// <summary>
/// Strong entity tags for answers with a body, and the <c>If-None-Match</c> check that lets a client that
/// already has the same body get 304 Not Modified without it.
/// </summary>
public static class EntityTags
{
    /// <summary>The tag of a body: the first 128 bits of its SHA-256, quoted. The same bytes give the same tag on every instance.</summary>
    public static string Of(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return string.Concat("\"", Convert.ToHexStringLower(hash[..16]), "\"");
    }

    /// <summary>
    /// Whether <c>If-None-Match</c> names <paramref name="tag"/> or is <c>*</c>. As RFC 9110 requires for
    /// If-None-Match, the comparison is weak: <c>W/"x"</c> matches <c>"x"</c>.
    /// </summary>
    public static bool Matches(string? ifNoneMatch, string tag)
    {
        if (string.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }

        foreach (var range in ifNoneMatch.Split(','))
        {
            var candidate = range.AsSpan().Trim();
            if (candidate is "*")
            {
                return true;
            }

            if (candidate.StartsWith("W/", StringComparison.Ordinal))
            {
                candidate = candidate[2..];
            }

            if (candidate.SequenceEqual(tag))
            {
                return true;
            }
        }

        return false;
    }
}
