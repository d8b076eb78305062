using System.Net;
using System.Security.Claims;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Connectors.Api.Benchmarks;

/// <summary>
/// The smallest FunctionContext the functions need: they read only <see cref="CancellationToken"/>. Hand-written
/// rather than mocked so that no proxy or interceptor shows up in the time or the allocations measured.
/// </summary>
public sealed class BenchFunctionContext : FunctionContext
{
    public override string InvocationId => "benchmark";

    public override string FunctionId => "benchmark";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = EmptyServices.Instance;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    public override CancellationToken CancellationToken => CancellationToken.None;

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}

/// <summary>
/// A request as the worker hands it to a function: method, full URL and the raw headers a real client sends.
/// Built once per benchmark and reused (a function only reads it), so that what is measured is the function's
/// work, not the construction of the request object the worker would have built anyway.
/// </summary>
public sealed class BenchRequest : HttpRequestData
{
    public BenchRequest(FunctionContext context, string method, Uri url, params (string Name, string Value)[] headers)
        : base(context)
    {
        Method = method;
        Url = url;
        foreach (var (name, value) in headers)
        {
            Headers.TryAddWithoutValidation(name, value);
        }
    }

    public override Stream Body { get; } = Stream.Null;

    public override HttpHeadersCollection Headers { get; } = [];

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; }

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method { get; }

    /// <summary>A new response per call, as the worker's own request type does.</summary>
    public override HttpResponseData CreateResponse() => new BenchResponse(FunctionContext);
}

/// <summary>
/// The response a function writes: a status, a header collection and a MemoryStream body, the same shape as the
/// worker's gRPC response type, which also buffers the body in a MemoryStream.
/// </summary>
public sealed class BenchResponse(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies => NoCookies.Instance;

    public string? Header(string name) =>
        Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    private sealed class NoCookies : HttpCookies
    {
        public static readonly NoCookies Instance = new();

        public override void Append(string name, string value) => throw new NotSupportedException();

        public override void Append(IHttpCookie cookie) => throw new NotSupportedException();

        public override IHttpCookie CreateNew() => throw new NotSupportedException();
    }
}
