using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Azure.Functions.Worker.Http;

namespace Connectors.Api.Http;

/// <summary>
/// Writes an answer: status, the contract's Content-Type, the row's headers, and the JSON body unless the
/// request is HEAD. A 200 carries a strong ETag, and is 304 without a body when If-None-Match names it.
/// </summary>
public static class ResponseWriter
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static Task<HttpResponseData> WriteOkAsync<T>(HttpRequestData request, T body, JsonTypeInfo<T> type)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, type);
        var tag = EntityTags.Of(bytes);
        if (EntityTags.Matches(request.RawHeader("If-None-Match"), tag))
        {
            var notModified = request.CreateResponse(HttpStatusCode.NotModified);
            notModified.Headers.TryAddWithoutValidation("ETag", tag);
            return Task.FromResult(notModified);
        }

        return WriteAsync(request, HttpStatusCode.OK, bytes, [("ETag", tag)]);
    }

    public static Task<HttpResponseData> WriteErrorAsync(HttpRequestData request, ApiException error) =>
        WriteAsync(request, error.Status, JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(error.Detail), JsonContext.Api.ErrorBody), error.Headers);

    private static async Task<HttpResponseData> WriteAsync(
        HttpRequestData request, HttpStatusCode status, byte[] body, IReadOnlyList<(string Name, string Value)> headers)
    {
        var response = request.CreateResponse(status);
        response.Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(body, request.FunctionContext.CancellationToken);
        }

        return response;
    }
}
