using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Moq;

namespace Connectors.Api.Tests.Support;

/// <summary>An HttpRequestData as the worker builds it from the host's request: raw headers, the full URL.</summary>
public sealed class TestRequest : HttpRequestData
{
    public TestRequest(string method, Uri url, IEnumerable<(string Name, string Value)> headers, CancellationToken cancellationToken = default)
        : base(CreateContext(cancellationToken))
    {
        Method = method;
        Url = url;
        foreach (var (name, value) in headers)
        {
            Headers.TryAddWithoutValidation(name, value);
        }
    }

    public override Stream Body { get; } = new MemoryStream();

    public override HttpHeadersCollection Headers { get; } = [];

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; }

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method { get; }

    public override HttpResponseData CreateResponse() => new TestResponse(FunctionContext);

    private static FunctionContext CreateContext(CancellationToken cancellationToken)
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.CancellationToken).Returns(cancellationToken);
        return context.Object;
    }
}

/// <summary>The answer a function wrote, readable as the host would send it.</summary>
public sealed class TestResponse(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies { get; } = new Mock<HttpCookies>().Object;

    public int Status => (int)StatusCode;

    public string BodyText => Encoding.UTF8.GetString(((MemoryStream)Body).ToArray());

    public long BodyLength => Body.Length;

    /// <summary>A header's value as the host sends it: several values joined with ",".</summary>
    public string? Header(string name) =>
        Headers.NonValidated.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
