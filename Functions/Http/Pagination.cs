using System.Globalization;
using System.Text;

namespace Connectors.Api.Http;

/// <summary>
/// DRF's PageNumberPagination with <c>page_size</c> as the client's page size (at most 1000) and
/// <c>page</c> as the 1-based page number or <c>last</c>. Without a valid <c>page_size</c> nothing is paginated.
/// </summary>
public static class Pagination
{
    public const int MaxPageSize = 1000;
    public const string PageSizeParameter = "page_size";
    public const string PageParameter = "page";
    public const string LastPage = "last";

    /// <summary>The requested page size, or null when <c>page_size</c> is absent or not a positive integer (DRF ignores it then).</summary>
    public static int? PageSize(QueryParameters query) =>
        Digits.TryParse(query[PageSizeParameter], out var size) && size > 0 ? (int)Math.Min(size, MaxPageSize) : null;

    /// <summary>
    /// The page of <paramref name="items"/> the request asks for, with absolute links to its neighbours, or null
    /// when the request does not paginate. An out-of-range or malformed page number is 404 <c>Invalid page.</c>
    /// </summary>
    public static PageBody? Paginate(IReadOnlyList<Connector> items, QueryParameters query, Uri url)
    {
        if (PageSize(query) is not { } size)
        {
            return null;
        }

        // As Django's Paginator: an empty list still has one (empty) page.
        var pageCount = Math.Max(1, (items.Count + size - 1) / size);
        var requested = query[PageParameter] ?? "1";
        long number;
        if (requested == LastPage)
        {
            number = pageCount;
        }
        else if (!Digits.TryParse(requested, out number) || number < 1 || number > pageCount)
        {
            throw ApiErrors.InvalidPage();
        }

        var page = (int)number;
        var start = (page - 1) * size;
        var results = items.Skip(start).Take(size).ToArray();
        var next = page < pageCount ? Link(url, query, page + 1) : null;
        var previous = page > 1 ? Link(url, query, page - 1) : null;
        return new PageBody(items.Count, next, previous, results);
    }

    /// <summary>
    /// DRF's replace_query_param / remove_query_param: the request's URL with <c>page</c> set to
    /// <paramref name="page"/> (removed for page 1), every other parameter kept with all its values,
    /// names sorted, and the query re-encoded as Python's urlencode does.
    /// </summary>
    private static string Link(Uri url, QueryParameters query, int page)
    {
        var others = query.Pairs.Where(pair => pair.Key != PageParameter);
        var pairs = (page > 1 ? others.Append(new(PageParameter, page.ToString(CultureInfo.InvariantCulture))) : others)
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .OrderBy(group => group.Key, ByCodePoint)
            .SelectMany(group => group);

        var link = new StringBuilder(url.GetLeftPart(UriPartial.Path));
        var separator = '?';
        foreach (var (name, value) in pairs)
        {
            link.Append(separator);
            QuotePlus(link, name);
            link.Append('=');
            QuotePlus(link, value);
            separator = '&';
        }

        return link.ToString();
    }

    // Python's sorted() orders text by code point; UTF-16 order differs for characters beyond U+FFFF.
    private static readonly Comparer<string> ByCodePoint = Comparer<string>.Create((left, right) =>
    {
        var a = left.EnumerateRunes();
        var b = right.EnumerateRunes();
        while (true)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (!hasA || !hasB)
            {
                return hasA.CompareTo(hasB);
            }

            var order = a.Current.Value.CompareTo(b.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    });

    /// <summary>Python's urllib.parse.quote_plus: UTF-8, letters, digits and "_.-~" kept, space as '+'.</summary>
    private static void QuotePlus(StringBuilder output, string text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || "_.-~".Contains((char)rune.Value)))
            {
                output.Append((char)rune.Value);
            }
            else if (rune.Value == ' ')
            {
                output.Append('+');
            }
            else
            {
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    output.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
        }
    }
}
