using System.Buffers;
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

    // A buffer grown past this by a very large list is not kept for the next request.
    private const int MaxKeptBuffer = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? Buffer;

    public static Task<HttpResponseData> WriteOkAsync<T>(HttpRequestData request, T body, JsonTypeInfo<T> type)
    {
        // Serialized once into this thread's buffer, then hashed and copied into the response: one copy of the body
        // per request. Nothing awaits while the buffer is in use, so no other request can share it.
        var buffer = Buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = DrfJsonEncoder.Instance, SkipValidation = true }))
        {
            JsonSerializer.Serialize(json, body, type);
        }

        var tag = EntityTags.Of(buffer.WrittenSpan);
        HttpResponseData response;
        if (EntityTags.Matches(request.RawHeader("If-None-Match"), tag))
        {
            response = request.CreateResponse(HttpStatusCode.NotModified);
            response.Headers.TryAddWithoutValidation("ETag", tag);
        }
        else
        {
            response = Start(request, HttpStatusCode.OK, [("ETag", tag)]);
            if (!HttpMethods.IsHead(request.Method))
            {
                // The isolated worker's response body is in memory until the function returns.
                response.Body.Write(buffer.WrittenSpan);
            }
        }

        if (buffer.Capacity > MaxKeptBuffer)
        {
            Buffer = null;
        }

        return Task.FromResult(response);
    }

    public static Task<HttpResponseData> WriteErrorAsync(HttpRequestData request, ApiException error) =>
        WriteAsync(request, error.Status, JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(error.Detail), JsonContext.Api.ErrorBody), error.Headers);

    private static async Task<HttpResponseData> WriteAsync(
        HttpRequestData request, HttpStatusCode status, byte[] body, IReadOnlyList<(string Name, string Value)> headers)
    {
        var response = Start(request, status, headers);
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(body, request.FunctionContext.CancellationToken);
        }

        return response;
    }

    private static HttpResponseData Start(HttpRequestData request, HttpStatusCode status, IReadOnlyList<(string Name, string Value)> headers)
    {
        var response = request.CreateResponse(status);
        response.Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
