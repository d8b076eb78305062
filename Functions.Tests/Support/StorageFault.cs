using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Connectors.Api.Tests.Support;

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
