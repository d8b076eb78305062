using System.Text;

namespace Connectors.Api.Tests.Support;

/// <summary>
/// The answers of API.md, written out as literal text (never taken from the production code, so that a typo
/// there fails here), and the assertions every contract test uses.
/// </summary>
public static class Expect
{
    public const string JsonContentType = "application/json; charset=utf-8";

    // Authentication table.
    public const string NotProvided = """{"detail":"Authentication credentials were not provided."}""";
    public const string NoCredentials = """{"detail":"Invalid token header. No credentials provided."}""";
    public const string Spaces = """{"detail":"Invalid token header. Token string should not contain spaces."}""";
    public const string InvalidCharacters = """{"detail":"Invalid token header. Token string should not contain invalid characters."}""";
    public const string InvalidToken = """{"detail":"Invalid token."}""";

    // Other answers table and the query parameters table.
    public const string NotFound = """{"detail":"Not found."}""";
    public const string InvalidPage = """{"detail":"Invalid page."}""";
    public const string NotAcceptable = """{"detail":"Could not satisfy the request Accept header."}""";
    public const string Unavailable = """{"detail":"Service temporarily unavailable, try again later."}""";
    public const string ServerError = """{"detail":"A server error occurred."}""";

    /// <summary>The 405 body for <paramref name="method"/>: the quotes around the method are JSON-escaped.</summary>
    public static string MethodNotAllowed(string method) => "{\"detail\":\"Method \\\"" + method + "\\\" not allowed.\"}";

    /// <summary>Status, the exact body bytes (UTF-8, no BOM) and the contract's Content-Type.</summary>
    public static void Answer(TestResponse response, int status, string body)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal(body, response.BodyText);
        Assert.Equal(Encoding.UTF8.GetBytes(body), ((MemoryStream)response.Body).ToArray());
        Assert.Equal(JsonContentType, response.Header("Content-Type"));
    }

    /// <summary>A 401 of the authentication table: its body and <c>WWW-Authenticate: Token</c>.</summary>
    public static void Unauthorized(TestResponse response, string body)
    {
        Answer(response, 401, body);
        Assert.Equal("Token", response.Header("WWW-Authenticate"));
    }

    /// <summary>A 405: the body naming the method and <c>Allow: GET, HEAD</c>.</summary>
    public static void MethodNotAllowed(TestResponse response, string method)
    {
        Answer(response, 405, MethodNotAllowed(method));
        Assert.Equal("GET, HEAD", response.Header("Allow"));
    }

    /// <summary>A 503: the body and a <c>Retry-After</c> of delay-seconds.</summary>
    public static void ServiceUnavailable(TestResponse response)
    {
        Answer(response, 503, Unavailable);
        var retryAfter = response.Header("Retry-After");
        Assert.NotNull(retryAfter);
        Assert.Matches("^[0-9]+$", retryAfter);
    }

    /// <summary>A failure's body never holds a stack trace, a storage message, a storage address or the key.</summary>
    public static void NoLeak(TestResponse response, string key)
    {
        var body = response.BodyText;
        Assert.DoesNotContain(key, body, StringComparison.Ordinal);
        Assert.DoesNotContain(StorageFault.StorageMessage, body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("devstoreaccount1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Table", body, StringComparison.Ordinal);
    }

    /// <summary>Every header of an answer, names sorted, as one text: HEAD must answer the same as GET.</summary>
    public static string Headers(TestResponse response) =>
        string.Join("\n", response.Headers.NonValidated
            .Select(header => header.Key.ToLowerInvariant() + ": " + string.Join(",", header.Value))
            .Order(StringComparer.Ordinal));
}
