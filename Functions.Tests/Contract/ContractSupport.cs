using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Contract;

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

/// <summary>The two kinds, as the route names them, and theory data crossing them with values.</summary>
public static class Kinds
{
    public static readonly string[] All = ["alm", "analysis"];

    public static TheoryData<string> Each()
    {
        var data = new TheoryData<string>();
        foreach (var kind in All)
        {
            data.Add(kind);
        }

        return data;
    }

    public static TheoryData<string, string> Cross(params string[] values)
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in All)
        {
            foreach (var value in values)
            {
                data.Add(kind, value);
            }
        }

        return data;
    }

    /// <summary>The list path and one connector's path of a kind.</summary>
    public static string List(string kind) => $"/api/v2/connectors/{kind}/";

    public static string One(string kind, string id) => $"/api/v2/connectors/{kind}/{id}/";

    /// <summary>Both function paths of each kind: the list and an existing connector.</summary>
    public static TheoryData<string, string> Paths()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in All)
        {
            data.Add(kind, List(kind));
            data.Add(kind, One(kind, Seed.For(kind).Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return data;
    }
}

/// <summary>
/// The connectors every shared harness holds: distinct ids per kind (so the kinds can be shown not to mix),
/// both values of <c>inaccessible</c>, and the largest id.
/// </summary>
public sealed record Seed(ConnectorKind Kind, int Id, string Json, int OtherKindId, string ListJson, IReadOnlyList<(int Id, string Name, string System, bool Inaccessible)> Rows)
{
    public static readonly Seed Alm = new(
        ConnectorKind.Alm,
        1,
        """{"id":1,"name":"Rally Connector","system":"Rally","inaccessible":false}""",
        2,
        """{"results":[{"id":1,"name":"Rally Connector","system":"Rally","inaccessible":false},{"id":3,"name":"Jira Connector","system":"Jira","inaccessible":true},{"id":2147483647,"name":"Last ALM Connector","system":"Azure DevOps","inaccessible":false}]}""",
        [(2147483647, "Last ALM Connector", "Azure DevOps", false), (3, "Jira Connector", "Jira", true), (1, "Rally Connector", "Rally", false)]);

    public static readonly Seed Analysis = new(
        ConnectorKind.Analysis,
        2,
        """{"id":2,"name":"Fortify Connector","system":"Fortify","inaccessible":false}""",
        1,
        """{"results":[{"id":2,"name":"Fortify Connector","system":"Fortify","inaccessible":false},{"id":4,"name":"Checkmarx Connector","system":"Checkmarx","inaccessible":true},{"id":2147483647,"name":"Last Analysis Connector","system":"Sonar Cloud","inaccessible":false}]}""",
        [(4, "Checkmarx Connector", "Checkmarx", true), (2147483647, "Last Analysis Connector", "Sonar Cloud", false), (2, "Fortify Connector", "Fortify", false)]);

    public static Seed For(string kind) => kind switch
    {
        "alm" => Alm,
        "analysis" => Analysis,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The connector with id 2147483647 of this kind, as the contract writes it.</summary>
    public string MaxJson => Kind == ConnectorKind.Alm
        ? """{"id":2147483647,"name":"Last ALM Connector","system":"Azure DevOps","inaccessible":false}"""
        : """{"id":2147483647,"name":"Last Analysis Connector","system":"Sonar Cloud","inaccessible":false}""";

    /// <summary>The connector with inaccessible true of this kind.</summary>
    public (int Id, string Json) Inaccessible => Kind == ConnectorKind.Alm
        ? (3, """{"id":3,"name":"Jira Connector","system":"Jira","inaccessible":true}""")
        : (4, """{"id":4,"name":"Checkmarx Connector","system":"Checkmarx","inaccessible":true}""");
}

/// <summary>
/// One app and fresh tables per test class, seeded with <see cref="Seed"/> and three keys: valid, revoked and expired.
/// </summary>
public sealed class ContractApi : IAsyncLifetime
{
    private ApiHarness? harness;

    public ApiHarness Api => harness ?? throw new InvalidOperationException("Not started.");

    public string Key { get; private set; } = string.Empty;

    public string RevokedKey { get; private set; } = string.Empty;

    public string ExpiredKey { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        harness = await ApiHarness.StartAsync();
        foreach (var seed in new[] { Seed.Alm, Seed.Analysis })
        {
            foreach (var (id, name, system, inaccessible) in seed.Rows)
            {
                await harness.AddConnectorAsync(seed.Kind, id, name, system, inaccessible);
            }
        }

        Key = await harness.AddKeyAsync();
        RevokedKey = await harness.AddKeyAsync("revoked client", revoked: true);
        ExpiredKey = await harness.AddKeyAsync("expired client", expiresOn: DateTimeOffset.UtcNow.AddHours(-1));
    }

    public async Task DisposeAsync()
    {
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }
    }

    /// <summary>A request with only the headers given (no Authorization unless given).</summary>
    public Task<TestResponse> Send(string method, string target, params (string Name, string Value)[] headers) =>
        Api.SendAsync(method, target, headers);

    /// <summary>A request authenticated with the valid key, plus the headers given.</summary>
    public Task<TestResponse> SendAuthenticated(string method, string target, params (string Name, string Value)[] headers) =>
        Api.SendAsync(method, target, [("Authorization", "Token " + Key), .. headers]);

    /// <summary>A GET as real clients send it, with the valid key.</summary>
    public Task<TestResponse> Get(string target) => Api.GetAsync(target, Key);
}

/// <summary>
/// Storage that answers with <see cref="Status"/> itself, without calling the account, for the requests
/// <see cref="Applies"/> selects while <see cref="Active"/>. Its error body carries a message that must never reach a client.
/// </summary>
public sealed class StorageFault(int status, Func<HttpMessage, bool>? applies = null) : HttpPipelinePolicy
{
    public const string StorageMessage = "STORAGE-INTERNAL-MESSAGE do-not-leak";

    private int calls;

    public int Status { get; } = status;

    public bool Active { get; set; } = true;

    public int Calls => calls;

    public Func<HttpMessage, bool> Applies { get; } = applies ?? (_ => true);

    /// <summary>Only the requests to a Connectors table: the key lookup (ApiKeys) still reaches storage.</summary>
    public static bool ConnectorsTableOnly(HttpMessage message) =>
        message.Request.Uri.ToUri().AbsolutePath.Contains("/Connectors", StringComparison.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Intercept(message))
        {
            return;
        }

        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        Intercept(message) ? ValueTask.CompletedTask : ProcessNextAsync(message, pipeline);

    private bool Intercept(HttpMessage message)
    {
        if (!Active || !Applies(message))
        {
            return false;
        }

        Interlocked.Increment(ref calls);
        var code = Status switch
        {
            429 or 503 => "ServerBusy",
            403 => "AuthorizationFailure",
            _ => "InternalError",
        };
        message.Response = new FakeResponse(
            Status,
            "{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"" + StorageMessage + "\"}}}");
        return true;
    }
}

/// <summary>A storage answer made up in the test: status, JSON body and the headers the Tables SDK reads.</summary>
public sealed class FakeResponse(int status, string body) : Response
{
    private readonly Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Type"] = "application/json;odata=minimalmetadata;streaming=true;charset=utf-8",
        ["x-ms-request-id"] = Guid.NewGuid().ToString(),
        ["x-ms-version"] = "2019-02-02",
    };

    public override int Status { get; } = status;

    // The transport policy, which this answer skips, is what normally classifies a response as an error.
    public override bool IsError => Status >= 400;

    public override string ReasonPhrase => Status switch
    {
        403 => "Forbidden",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Error",
    };

    public override Stream? ContentStream { get; set; } = new MemoryStream(Encoding.UTF8.GetBytes(body));

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Key, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        if (headers.TryGetValue(name, out var value))
        {
            values = [value];
            return true;
        }

        values = null;
        return false;
    }
}
