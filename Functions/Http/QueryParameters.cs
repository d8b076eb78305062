using System.Net;

namespace Connectors.Api.Http;

/// <summary>
/// A query string decoded as Django's QueryDict decodes it: fields split on '&amp;', '+' is a space,
/// percent-escapes are UTF-8, a name without '=' has the empty value, and a repeated name counts with its
/// last value. The raw order of every pair is kept for the pagination links, which re-encode them all.
/// </summary>
public sealed class QueryParameters
{
    public static readonly QueryParameters Empty = new([]);

    private QueryParameters(IReadOnlyList<KeyValuePair<string, string>> pairs) => Pairs = pairs;

    /// <summary>Every field in request order, repeated names included.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs { get; }

    /// <summary>The last value given for <paramref name="name"/> (names are case-sensitive), or null.</summary>
    public string? this[string name]
    {
        get
        {
            for (var i = Pairs.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Pairs[i].Key, name, StringComparison.Ordinal))
                {
                    return Pairs[i].Value;
                }
            }

            return null;
        }
    }

    /// <summary>Parses the query of <paramref name="url"/>, read from the URL itself because the host joins repeated keys in HttpRequestData.Query.</summary>
    public static QueryParameters From(Uri url)
    {
        var query = url.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
        if (query.Length == 0)
        {
            return Empty;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var field in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = field.IndexOf('=');
            var name = equals < 0 ? field : field[..equals];
            var value = equals < 0 ? string.Empty : field[(equals + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }

        return new QueryParameters(pairs);
    }

    // WebUtility.UrlDecode turns '+' into a space, decodes escapes as UTF-8 (invalid bytes become U+FFFD)
    // and leaves malformed escapes as they are: the same as Python's unquote_plus, which QueryDict uses.
    private static string Decode(string text) =>
        text.AsSpan().IndexOfAny('+', '%') < 0 ? text : WebUtility.UrlDecode(text);
}
