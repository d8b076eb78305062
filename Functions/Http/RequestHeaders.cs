using Microsoft.Azure.Functions.Worker.Http;

namespace Connectors.Api.Http;

public static class RequestHeaders
{
    /// <summary>A header's value as the host passed it, unparsed (the contract's rules apply to the raw text), or null.</summary>
    public static string? RawHeader(this HttpRequestData request, string name) =>
        request.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;
}
