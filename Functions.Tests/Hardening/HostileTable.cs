using Connectors.Api.Tests.Support;
using Xunit.Abstractions;

namespace Connectors.Api.Tests.Hardening;

/// <summary>
/// One hostile request and exactly its contract answer. Values may hold the placeholders of
/// <see cref="HardeningApi"/> (<c>{key}</c>, <c>{unknown}</c>, ...). Serialized by name only, so that test
/// names stay printable whatever bytes (NUL, tabs, 8 KB values) the request carries.
/// </summary>
public sealed class HostileRow : IXunitSerializable
{
    public HostileRow()
    {
    }

    public HostileRow(string name, string method, string target, (string Name, string Value)[] headers, int status, string body)
    {
        Name = name;
        Method = method;
        Target = target;
        Headers = headers;
        Status = status;
        Body = body;
    }

    public string Name { get; private set; } = string.Empty;

    public string Method { get; private set; } = string.Empty;

    public string Target { get; private set; } = string.Empty;

    public (string Name, string Value)[] Headers { get; private set; } = [];

    public int Status { get; private set; }

    public string Body { get; private set; } = string.Empty;

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Name), Name);

    public void Deserialize(IXunitSerializationInfo info)
    {
        var row = HostileTable.ByName[info.GetValue<string>(nameof(Name))];
        (Name, Method, Target, Headers, Status, Body) = (row.Name, row.Method, row.Target, row.Headers, row.Status, row.Body);
    }

    public override string ToString() => Name;
}

/// <summary>The table of hostile requests: headers, ids, system values, pagination, methods, Accept and format.</summary>
public static class HostileTable
{
    private const string Auth = "Authorization";
    private const string Token = "Token {key}";

    public static IReadOnlyList<HostileRow> Rows { get; } = Build();

    public static IReadOnlyDictionary<string, HostileRow> ByName { get; } = Rows.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public static TheoryData<HostileRow> Data()
    {
        var data = new TheoryData<HostileRow>();
        foreach (var row in Rows)
        {
            data.Add(row);
        }

        return data;
    }

    private static (string, string)[] Authorized(params (string, string)[] more) => [(Auth, Token), .. more];

    private static List<HostileRow> Build()
    {
        var rows = new List<HostileRow>();
        foreach (var kind in KindData.Both)
        {
            AuthorizationRows(rows, kind);
            IdRows(rows, kind);
            SystemRows(rows, kind);
            PageRows(rows, kind);
            MethodRows(rows, kind);
            AcceptAndFormatRows(rows, kind);
            OtherHeaderRows(rows, kind);
        }

        var duplicate = rows.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two hostile rows are named {duplicate.Key}.");
        }

        return rows;
    }

    // The Authorization header, on the get path for ALM and the list path for analysis.
    private static void AuthorizationRows(List<HostileRow> rows, KindData kind)
    {
        var target = kind.Name == "alm" ? kind.OnePath(kind.Existing) : kind.ListPath;
        var ok = kind.Name == "alm" ? kind.ExistingJson : kind.ListJson;
        var tabs = new string('\t', 8192);
        var spaces = new string(' ', 8192);
        var junk = new string('x', 8192);

        void Add(string name, (string, string)[] headers, int status, string body) =>
            rows.Add(new HostileRow($"{kind.Name} auth: {name}", "GET", target, headers, status, body));

        Add("no Authorization header", [], 401, Expect.NotProvided);
        Add("empty Authorization header", [(Auth, "")], 401, Expect.NotProvided);
        Add("whitespace-only Authorization header", [(Auth, " \t ")], 401, Expect.NotProvided);
        Add("Basic scheme", [(Auth, "Basic dXNlcjpwYXNzd29yZA==")], 401, Expect.NotProvided);
        Add("Bearer scheme with the valid key", [(Auth, "Bearer {key}")], 401, Expect.NotProvided);
        Add("Token glued to the key", [(Auth, "Token{key}")], 401, Expect.NotProvided);
        Add("Token and key joined by a comma", [(Auth, "Token,{key}")], 401, Expect.NotProvided);
        Add("Tokens scheme", [(Auth, "Tokens {key}")], 401, Expect.NotProvided);
        Add("non-ASCII scheme Tok\u00e9n", [(Auth, "Tok\u00e9n {key}")], 401, Expect.NotProvided);
        Add("em space (not a separator) between Token and key", [(Auth, "Token\u2003{key}")], 401, Expect.NotProvided);
        Add("key in X-Authorization only", [("X-Authorization", Token)], 401, Expect.NotProvided);
        Add("Token without a key", [(Auth, "Token")], 401, Expect.NoCredentials);
        Add("Token and trailing spaces", [(Auth, "Token   ")], 401, Expect.NoCredentials);
        Add("Token and 8 KB of spaces", [(Auth, "Token" + spaces)], 401, Expect.NoCredentials);
        Add("lowercase scheme", [(Auth, "token {key}")], 200, ok);
        Add("uppercase scheme", [(Auth, "TOKEN {key}")], 200, ok);
        Add("two spaces before the key", [(Auth, "Token  {key}")], 200, ok);
        Add("tab before the key", [(Auth, "Token\t{key}")], 200, ok);
        Add("vertical tab before the key", [(Auth, "Token\v{key}")], 200, ok);
        Add("form feed before the key", [(Auth, "Token\f{key}")], 200, ok);
        Add("leading and trailing tabs", [(Auth, "\tToken {key}\t")], 200, ok);
        Add("8 KB of tabs before the key", [(Auth, "Token" + tabs + "{key}")], 200, ok);
        Add("key in one pair of double quotes", [(Auth, "Token \"{key}\"")], 200, ok);
        Add("lowercase header name", [("authorization", Token)], 200, ok);
        Add("CR LF after the key", [(Auth, "Token {key}\r\n")], 200, ok);
        Add("CR LF and a smuggled header after the key", [(Auth, "Token {key}\r\nX-Admin: true")], 401, Expect.Spaces);
        Add("real client headers", Authorized(("Accept", "application/json"), ("Content-Type", "application/json")), 200, ok);
        Add("a third part", [(Auth, "Token {key} extra")], 401, Expect.Spaces);
        Add("the key twice, tab separated", [(Auth, "Token {key}\t{key}")], 401, Expect.Spaces);
        Add("8 KB of junk after the key", [(Auth, "Token {key} " + junk)], 401, Expect.Spaces);
        Add("two Authorization headers with the valid key", [(Auth, Token), (Auth, Token)], 401, Expect.Spaces);
        Add("two Authorization headers, valid then unknown", [(Auth, Token), (Auth, "Token {unknown}")], 401, Expect.Spaces);
        Add("NUL after the key", [(Auth, "Token {key}\0")], 401, Expect.InvalidCharacters);
        Add("NUL before the key", [(Auth, "Token \0{key}")], 401, Expect.InvalidCharacters);
        Add("NUL inside the key", [(Auth, "Token sde_\0{key}")], 401, Expect.InvalidCharacters);
        Add("non-ASCII letter after the key", [(Auth, "Token {key}\u00e9")], 401, Expect.InvalidCharacters);
        Add("Cyrillic key", [(Auth, "Token \u043a\u043b\u044e\u0447")], 401, Expect.InvalidCharacters);
        Add("no-break space after the key", [(Auth, "Token {key}\u00a0")], 401, Expect.InvalidCharacters);
        Add("DEL after the key", [(Auth, "Token {key}\u007f")], 401, Expect.InvalidCharacters);
        Add("control character SOH in the key", [(Auth, "Token {key}\u0001")], 401, Expect.InvalidCharacters);
        Add("emoji key", [(Auth, "Token \ud83d\udd11")], 401, Expect.InvalidCharacters);
        Add("lone surrogate in the key", [(Auth, "Token {key}\ud800")], 401, Expect.InvalidCharacters);
        Add("8 KB random key", [(Auth, "Token {big}")], 401, Expect.InvalidToken);
        Add("unknown key", [(Auth, "Token {unknown}")], 401, Expect.InvalidToken);
        Add("revoked key", [(Auth, "Token {revoked}")], 401, Expect.InvalidToken);
        Add("expired key", [(Auth, "Token {expired}")], 401, Expect.InvalidToken);
        Add("valid key in upper case", [(Auth, "Token {upper}")], 401, Expect.InvalidToken);
        Add("key with an opening quote only", [(Auth, "Token \"{key}")], 401, Expect.InvalidToken);
        Add("key in two pairs of double quotes", [(Auth, "Token \"\"{key}\"\"")], 401, Expect.InvalidToken);
        Add("key and a trailing comma", [(Auth, "Token {key},")], 401, Expect.InvalidToken);
        Add("key and a trailing semicolon", [(Auth, "Token {key};")], 401, Expect.InvalidToken);
    }

    // The id route value: only ASCII digits with a value of 1 to 2147483647 name a connector.
    private static void IdRows(List<HostileRow> rows, KindData kind)
    {
        var e = kind.Existing;

        void Add(string name, string id, int status, string body) =>
            rows.Add(new HostileRow($"{kind.Name} id: {name}", "GET", kind.OnePath(id), Authorized(), status, body));

        Add("0", "0", 404, Expect.NotFound);
        Add("00", "00", 404, Expect.NotFound);
        Add("-1", "-1", 404, Expect.NotFound);
        Add("-0", "-0", 404, Expect.NotFound);
        Add("+existing", "+" + e, 404, Expect.NotFound);
        Add("0existing (leading zero)", "0" + e, 200, kind.ExistingJson);
        Add("existing with 29 leading zeros (30 digits)", new string('0', 29) + e, 200, kind.ExistingJson);
        Add("existing as 10 zero-padded digits", "000000000" + e, 200, kind.ExistingJson);
        Add("percent-encoded existing", "%3" + e, 200, kind.ExistingJson);
        Add("percent-encoded 0existing", "%30%3" + e, 200, kind.ExistingJson);
        Add("double percent-encoded existing", "%253" + e, 404, Expect.NotFound);
        Add("existing.0", e + ".0", 404, Expect.NotFound);
        Add("existing.", e + ".", 404, Expect.NotFound);
        Add(".existing", "." + e, 404, Expect.NotFound);
        Add("existing e0", e + "e0", 404, Expect.NotFound);
        Add("hex 0x", "0x" + e, 404, Expect.NotFound);
        Add("existing,existing", e + "," + e, 404, Expect.NotFound);
        Add("existing;existing", e + ";" + e, 404, Expect.NotFound);
        Add("2147483647", "2147483647", 200, kind.All[^1]);
        Add("02147483647", "02147483647", 200, kind.All[^1]);
        Add("2147483646 (missing)", "2147483646", 404, Expect.NotFound);
        Add("2147483648", "2147483648", 404, Expect.NotFound);
        Add("4294967296 + existing (wraps to existing in 32 bits)", (4294967296L + long.Parse(e, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture), 404, Expect.NotFound);
        Add("9223372036854775807", "9223372036854775807", 404, Expect.NotFound);
        Add("9223372036854775808", "9223372036854775808", 404, Expect.NotFound);
        Add("18446744073709551616 + existing (wraps in 64 bits)", "1844674407370955161" + (6 + int.Parse(e, System.Globalization.CultureInfo.InvariantCulture)), 404, Expect.NotFound);
        Add("30 digits", "123456789012345678901234567890", 404, Expect.NotFound);
        Add("Arabic-Indic digit", kind.Name == "alm" ? "\u0661" : "\u0662", 404, Expect.NotFound);
        Add("percent-encoded Arabic-Indic digit", kind.Name == "alm" ? "%D9%A1" : "%D9%A2", 404, Expect.NotFound);
        Add("fullwidth digit", kind.Name == "alm" ? "\uff11" : "\uff12", 404, Expect.NotFound);
        Add("percent-encoded fullwidth digit", kind.Name == "alm" ? "%EF%BC%91" : "%EF%BC%92", 404, Expect.NotFound);
        Add("superscript digit", kind.Name == "alm" ? "\u00b9" : "\u00b2", 404, Expect.NotFound);
        Add("leading space", "%20" + e, 404, Expect.NotFound);
        Add("trailing space", e + "%20", 404, Expect.NotFound);
        Add("trailing tab", e + "%09", 404, Expect.NotFound);
        Add("NUL", "%00", 404, Expect.NotFound);
        Add("trailing NUL", e + "%00", 404, Expect.NotFound);
        Add("invalid UTF-8 %FF", "%FF", 404, Expect.NotFound);
        Add("encoded slash", "%2F", 404, Expect.NotFound);
        Add("letters", "abc", 404, Expect.NotFound);
        Add("null", "null", 404, Expect.NotFound);
        Add("OData injection", "' or 1 eq 1 or '", 404, Expect.NotFound);
        Add("RowKey range injection", "0000000001' or RowKey gt '0", 404, Expect.NotFound);
        Add("other kind's id", kind.OtherKindId, 404, Expect.NotFound);
        Add("missing 999", "999", 404, Expect.NotFound);
        Add("1 KB of digits", new string('9', 1024), 404, Expect.NotFound);

        // Authentication first: without a key no id is judged.
        foreach (var id in new[] { "0", "0" + e, "2147483648", "%D9%A1", "abc" })
        {
            rows.Add(new HostileRow($"{kind.Name} id without a key: {id}", "GET", kind.OnePath(id), [], 401, Expect.NotProvided));
        }
    }

    // The system filter: data only, matched whole ignoring case, never part of a storage query.
    private static void SystemRows(List<HostileRow> rows, KindData kind)
    {
        var empty = Answers.List();
        var tenKb = new string('A', 10 * 1024);

        void Add(string name, string query, string body) =>
            rows.Add(new HostileRow($"{kind.Name} system: {name}", "GET", kind.ListPath + "?" + query, Authorized(), 200, body));

        Add("OData injection, raw", "system=" + Answers.Injection, Answers.List(kind.InjectionHits));
        Add("OData injection, form-encoded", "system=%27+or+1+eq+1+or+%27", Answers.List(kind.InjectionHits));
        Add("OData injection, upper case", "system=' OR 1 EQ 1 OR '", Answers.List(kind.InjectionHits));
        Add("PartitionKey eq 'analysis'", "system=PartitionKey eq 'analysis'", empty);
        Add("PartitionKey eq 'alm', encoded", "system=PartitionKey%20eq%20%27alm%27", empty);
        Add("close and reopen the filter", "system=Rally') or (PartitionKey ne '", empty);
        Add("always-true comparison", "system=Rally' or '1' eq '1", empty);
        Add("single quote", "system='", empty);
        Add("encoded single quote", "system=%27", empty);
        Add("double quote", "system=\"", empty);
        Add("encoded double quote", "system=%22", empty);
        Add("backslash", "system=%5C", empty);
        Add("NUL", "system=%00", empty);
        Add("Rally and NUL", "system=Rally%00", empty);
        Add("invalid UTF-8 %FF", "system=%FF", empty);
        Add("invalid UTF-8 %C3%28", "system=%C3%28", empty);
        Add("lone percent", "system=%", empty);
        Add("malformed escape %G1", "system=%G1", empty);
        Add("right-to-left override", "system=%E2%80%AE", empty);
        Add("10 KB value", "system=" + tenKb, empty);
        Add("asterisk", "system=*", empty);
        Add("prefix of a system", "system=Rall", empty);
        Add("leading space", "system=+" + kind.SystemHit, empty);
        Add("trailing space", "system=" + kind.SystemHit + "%20", empty);
        Add("lower case", "system=" + kind.SystemHit, Answers.List(kind.SystemHitJson));
        Add("upper case", "system=" + kind.SystemHit.ToUpperInvariant(), Answers.List(kind.SystemHitJson));
        Add("empty value", "system=", kind.ListJson);
        Add("no equals sign", "system", kind.ListJson);
        Add("given twice, last one a miss", "system=" + kind.SystemHit + "&system=nothing", empty);
        Add("given twice, last one a hit", "system=nothing&system=" + kind.SystemHit, Answers.List(kind.SystemHitJson));
        Add("System (wrong case name) is ignored", "System=nothing", kind.ListJson);
        Add("quotes and backslash, form-encoded", "system=say+%22HI%22+%5C+there", Answers.List(kind.QuoteHits));
        Add("storage parameters $filter, $top, $select are ignored", "$filter=PartitionKey%20ne%20''&$top=1&$select=Name", kind.ListJson);
        Add("semicolon is not a separator", "system=" + kind.SystemHit + ";format=xml", empty);
        Add("equals sign inside the value", "system=" + kind.SystemHit + "=x", empty);
        Add("percent-encoded parameter name", "%73ystem=" + kind.SystemHit, Answers.List(kind.SystemHitJson));
        Add("given twice, last one bare (no filter)", "system=nothing&system", kind.ListJson);
        Add("empty fields around the parameter", "&&system=" + kind.SystemHit + "&&", Answers.List(kind.SystemHitJson));
        Add("NextPartitionKey and NextRowKey are ignored", "NextPartitionKey=alm&NextRowKey=0000000003", kind.ListJson);
    }

    // page_size and page, as DRF's PageNumberPagination reads them.
    private static void PageRows(List<HostileRow> rows, KindData kind)
    {
        var path = kind.ListPath;
        var all = kind.All;

        void Add(string name, string query, int status, string body) =>
            rows.Add(new HostileRow($"{kind.Name} page: {name}", "GET", path + "?" + query, Authorized(), status, body));

        Add("page_size=1", "page_size=1", 200, Answers.Page(4, path + "?page=2&page_size=1", null, all[0]));
        Add("page_size=1&page=2", "page_size=1&page=2", 200, Answers.Page(4, path + "?page=3&page_size=1", path + "?page_size=1", all[1]));
        Add("page_size=1&page=last", "page_size=1&page=last", 200, Answers.Page(4, null, path + "?page=3&page_size=1", all[3]));
        Add("page_size=01&page=04", "page_size=01&page=04", 200, Answers.Page(4, null, path + "?page=3&page_size=01", all[3]));
        Add("percent-encoded page_size and page", "page_size=%32&page=%32", 200, Answers.Page(4, null, path + "?page_size=2", all[2], all[3]));
        Add("page given twice, last is 1", "page_size=2&page=2&page=1", 200, Answers.Page(4, path + "?page=2&page_size=2", null, all[0], all[1]));
        Add("other parameters kept in links, re-encoded", "page_size=1&page=2&x=%FF&format=json", 200,
            Answers.Page(4, path + "?format=json&page=3&page_size=1&x=%EF%BF%BD", path + "?format=json&page_size=1&x=%EF%BF%BD", all[1]));
        Add("empty system kept in links", "page_size=1&page=2&system=", 200,
            Answers.Page(4, path + "?page=3&page_size=1&system=", path + "?page_size=1&system=", all[1]));
        Add("page_size=99999999999999999999 counts as 1000", "page_size=99999999999999999999", 200, Answers.Page(4, null, null, all));
        Add("page_size=1001 counts as 1000", "page_size=1001", 200, Answers.Page(4, null, null, all));
        Add("page_size=0 is ignored", "page_size=0&page=7", 200, kind.ListJson);
        Add("page_size=-1 is ignored", "page_size=-1", 200, kind.ListJson);
        Add("page_size=abc is ignored", "page_size=abc", 200, kind.ListJson);
        Add("page_size=+1 (a space and 1) is ignored", "page_size=+1", 200, kind.ListJson);
        Add("page_size=1.0 is ignored", "page_size=1.0", 200, kind.ListJson);
        Add("fullwidth page_size is ignored", "page_size=\uff11", 200, kind.ListJson);
        Add("empty page_size is ignored", "page_size=", 200, kind.ListJson);
        Add("page without page_size is ignored", "page=abc", 200, kind.ListJson);
        Add("page=999 without page_size is ignored", "page=999", 200, kind.ListJson);
        Add("Page_Size (wrong case name) is ignored", "Page_Size=1", 200, kind.ListJson);
        Add("page=0", "page_size=1&page=0", 404, Expect.InvalidPage);
        Add("page=5 past the end", "page_size=1&page=5", 404, Expect.InvalidPage);
        Add("page=-1", "page_size=1&page=-1", 404, Expect.InvalidPage);
        Add("page= empty", "page_size=1&page=", 404, Expect.InvalidPage);
        Add("page=LAST", "page_size=1&page=LAST", 404, Expect.InvalidPage);
        Add("page=1.0", "page_size=1&page=1.0", 404, Expect.InvalidPage);
        Add("page=99999999999999999999", "page_size=1&page=99999999999999999999", 404, Expect.InvalidPage);
        Add("page=4294967297 (wraps to 1 in 32 bits)", "page_size=1&page=4294967297", 404, Expect.InvalidPage);
        Add("fullwidth page", "page_size=1&page=\uff11", 404, Expect.InvalidPage);
        Add("page=%00", "page_size=1&page=%00", 404, Expect.InvalidPage);
        Add("page with an injection", "page_size=1&page=1' or '1'='1", 404, Expect.InvalidPage);
        Add("page=2 after a system filter with one match", "page_size=1&page=2&system=" + kind.SystemHit, 404, Expect.InvalidPage);
        Add("page=1 after a system filter with no match (one empty page)", "page_size=1&page=1&system=nothing", 200, Answers.Page(0, null, null));
    }

    // Methods: GET and HEAD in any case; anything else is 405 with the method upper-cased, after authentication.
    private static void MethodRows(List<HostileRow> rows, KindData kind)
    {
        var one = kind.OnePath(kind.Existing);

        void Add(string name, string method, string target, (string, string)[] headers, int status, string body) =>
            rows.Add(new HostileRow($"{kind.Name} method: {name}", method, target, headers, status, body));

        foreach (var method in new[] { "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "MKCOL", "M-SEARCH" })
        {
            Add(method, method, one, Authorized(), 405, Answers.MethodNotAllowed(method));
        }

        Add("post in lower case", "post", kind.ListPath, Authorized(), 405, Answers.MethodNotAllowed("POST"));
        Add("Propfind in mixed case", "Propfind", kind.ListPath, Authorized(), 405, Answers.MethodNotAllowed("PROPFIND"));
        Add("GETX", "GETX", kind.ListPath, Authorized(), 405, Answers.MethodNotAllowed("GETX"));
        Add("128-character method", new string('Q', 128), kind.ListPath, Authorized(), 405, Answers.MethodNotAllowed(new string('Q', 128)));
        Add("get in lower case", "get", one, Authorized(), 200, kind.ExistingJson);
        Add("Get in mixed case", "Get", kind.ListPath, Authorized(), 200, kind.ListJson);
        Add("HEAD", "HEAD", one, Authorized(), 200, string.Empty);
        Add("head in lower case", "head", kind.ListPath, Authorized(), 200, string.Empty);
        Add("HEAD on a missing id", "HEAD", kind.OnePath("999"), Authorized(), 404, string.Empty);
        Add("HEAD without a key", "HEAD", one, [], 401, string.Empty);
        Add("POST without a key", "POST", one, [], 401, Expect.NotProvided);
        Add("PROPFIND with an unknown key", "PROPFIND", kind.ListPath, [(Auth, "Token {unknown}")], 401, Expect.InvalidToken);
        Add("PUT on a missing id", "PUT", kind.OnePath("999"), Authorized(), 405, Answers.MethodNotAllowed("PUT"));
        Add("DELETE on a malformed id", "DELETE", kind.OnePath("abc"), Authorized(), 405, Answers.MethodNotAllowed("DELETE"));
        Add("POST with format=xml", "POST", kind.ListPath + "?format=xml", Authorized(), 404, Expect.NotFound);
        Add("POST with Accept text/csv", "POST", kind.ListPath, Authorized(("Accept", "text/csv")), 406, Expect.NotAcceptable);
        Add("PATCH with an invalid page", "PATCH", kind.ListPath + "?page_size=1&page=0", Authorized(), 405, Answers.MethodNotAllowed("PATCH"));
        Add("GET with X-HTTP-Method-Override DELETE", "GET", one, Authorized(("X-HTTP-Method-Override", "DELETE")), 200, kind.ExistingJson);
    }

    // Accept (406) and format (404), checked after authentication and before the method.
    private static void AcceptAndFormatRows(List<HostileRow> rows, KindData kind)
    {
        var list = kind.ListPath;

        void Accept(string name, (string, string)[] accepts, int status, string body) =>
            rows.Add(new HostileRow($"{kind.Name} accept: {name}", "GET", list, Authorized(accepts), status, body));

        void Format(string name, string target, int status, string body) =>
            rows.Add(new HostileRow($"{kind.Name} format: {name}", "GET", target, Authorized(), status, body));

        Accept("*/*", [("Accept", "*/*")], 200, kind.ListJson);
        Accept("application/*", [("Accept", "application/*")], 200, kind.ListJson);
        Accept("*/json", [("Accept", "*/json")], 200, kind.ListJson);
        Accept("APPLICATION/JSON", [("Accept", "APPLICATION/JSON")], 200, kind.ListJson);
        Accept("application/json;q=0 (q ignored)", [("Accept", "application/json;q=0")], 200, kind.ListJson);
        Accept("application/json; charset=utf-8", [("Accept", "application/json; charset=utf-8")], 200, kind.ListJson);
        Accept("text/html, application/json", [("Accept", "text/html, application/json")], 200, kind.ListJson);
        Accept("tabs around application/json", [("Accept", "\tapplication/json\t")], 200, kind.ListJson);
        Accept("two Accept headers, text/csv then application/json", [("Accept", "text/csv"), ("Accept", "application/json")], 200, kind.ListJson);
        Accept("8 KB of text/csv ranges then application/json", [("Accept", string.Concat(Enumerable.Repeat("text/csv, ", 820)) + "application/json")], 200, kind.ListJson);
        Accept("text/csv", [("Accept", "text/csv")], 406, Expect.NotAcceptable);
        Accept("empty Accept header", [("Accept", "")], 406, Expect.NotAcceptable);
        Accept("whitespace-only Accept header", [("Accept", "   ")], 406, Expect.NotAcceptable);
        Accept("application/xml", [("Accept", "application/xml")], 406, Expect.NotAcceptable);
        Accept("text/*", [("Accept", "text/*")], 406, Expect.NotAcceptable);
        Accept("bare *", [("Accept", "*")], 406, Expect.NotAcceptable);
        Accept("bare application", [("Accept", "application")], 406, Expect.NotAcceptable);
        Accept("application/jsonx", [("Accept", "application/jsonx")], 406, Expect.NotAcceptable);
        Accept("application/vnd.api+json", [("Accept", "application/vnd.api+json")], 406, Expect.NotAcceptable);
        Accept("only commas", [("Accept", ", , ,")], 406, Expect.NotAcceptable);
        Accept("application/json and NUL", [("Accept", "application/json\0")], 406, Expect.NotAcceptable);
        Accept("non-ASCII media type", [("Accept", "application/j\u00dfon")], 406, Expect.NotAcceptable);
        Accept("8 KB of text/csv ranges", [("Accept", string.Concat(Enumerable.Repeat("text/csv, ", 820)) + "text/csv")], 406, Expect.NotAcceptable);
        rows.Add(new HostileRow($"{kind.Name} accept: text/csv with an unknown key", "GET", list, [(Auth, "Token {unknown}"), ("Accept", "text/csv")], 401, Expect.InvalidToken));
        rows.Add(new HostileRow($"{kind.Name} accept: text/csv with format=json", "GET", list + "?format=json", Authorized(("Accept", "text/csv")), 406, Expect.NotAcceptable));
        rows.Add(new HostileRow($"{kind.Name} accept: text/csv with format=xml", "GET", list + "?format=xml", Authorized(("Accept", "text/csv")), 404, Expect.NotFound));

        Format("format=json", list + "?format=json", 200, kind.ListJson);
        Format("format= empty", list + "?format=", 200, kind.ListJson);
        Format("format=xml", list + "?format=xml", 404, Expect.NotFound);
        Format("format=JSON", list + "?format=JSON", 404, Expect.NotFound);
        Format("format=api", list + "?format=api", 404, Expect.NotFound);
        Format("format=%00", list + "?format=%00", 404, Expect.NotFound);
        Format("format=json%00", list + "?format=json%00", 404, Expect.NotFound);
        Format("format=json then xml", list + "?format=json&format=xml", 404, Expect.NotFound);
        Format("format=xml then json", list + "?format=xml&format=json", 200, kind.ListJson);
        Format("format=xml on an existing id", kind.OnePath(kind.Existing) + "?format=xml", 404, Expect.NotFound);
        Format("format=json on a missing id", kind.OnePath("999") + "?format=json", 404, Expect.NotFound);
    }

    // Headers the API does not read: large, binary or misleading, they change nothing.
    private static void OtherHeaderRows(List<HostileRow> rows, KindData kind)
    {
        var one = kind.OnePath(kind.Existing);
        var junk = Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(new string('j', 4096)));

        void Add(string name, (string, string)[] headers, int status, string body) =>
            rows.Add(new HostileRow($"{kind.Name} header: {name}", "GET", one, headers, status, body));

        Add("8 KB X-Junk header", Authorized(("X-Junk", junk)), 200, kind.ExistingJson);
        Add("NUL and non-ASCII in X-Junk", Authorized(("X-Junk", "a\0b\u00e9\u2028c")), 200, kind.ExistingJson);
        Add("Content-Type text/xml on GET", Authorized(("Content-Type", "text/xml")), 200, kind.ExistingJson);
        Add("Content-Length on GET", Authorized(("Content-Length", "999999")), 200, kind.ExistingJson);
        Add("8 KB If-None-Match junk", Authorized(("If-None-Match", "\"" + junk + "\"")), 200, kind.ExistingJson);
        Add("session cookie without a key", [("Cookie", "sessionid=abc; csrftoken=def")], 401, Expect.NotProvided);
        Add("X-Forwarded-For and X-Original-URL", Authorized(("X-Forwarded-For", "127.0.0.1, ::1"), ("X-Original-URL", "/api/v2/connectors/analysis/")), 200, kind.ExistingJson);
    }
}
