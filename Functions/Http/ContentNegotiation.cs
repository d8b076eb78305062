namespace Connectors.Api.Http;

/// <summary>
/// DRF's content negotiation with JSON as the only renderer: the <c>format</c> parameter must be empty or
/// <c>json</c> (else 404), and the <c>Accept</c> header must hold a media range that matches
/// <c>application/json</c> (else 406). q-values and other parameters do not matter, as in DRF.
/// </summary>
public static class ContentNegotiation
{
    public static void Check(QueryParameters query, string? accept)
    {
        var format = query["format"];
        if (!string.IsNullOrEmpty(format) && format != "json")
        {
            throw ApiErrors.NotFound();
        }

        // An absent header is */*; a present one (even empty) must name a matching range.
        if (accept is not null && !AcceptsJson(accept))
        {
            throw ApiErrors.NotAcceptable();
        }
    }

    private static bool AcceptsJson(string accept)
    {
        foreach (var range in accept.Split(','))
        {
            var semicolon = range.IndexOf(';');
            var fullType = (semicolon < 0 ? range : range[..semicolon]).Trim();
            var slash = fullType.IndexOf('/');
            var main = slash < 0 ? fullType : fullType[..slash];
            var sub = slash < 0 ? string.Empty : fullType[(slash + 1)..];
            if (Matches(main, "application") && Matches(sub, "json"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(string part, string wanted) =>
        part == "*" || string.Equals(part, wanted, StringComparison.OrdinalIgnoreCase);
}
