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

    public static HttpResponseData WriteOk<T>(HttpRequestData request, T body, JsonTypeInfo<T> type)
    {
        var json = Serialize(body, type);
        var tag = EntityTags.Of(json.WrittenSpan);
        if (EntityTags.Matches(request.RawHeader("If-None-Match"), tag))
        {
            var notModified = request.CreateResponse(HttpStatusCode.NotModified);
            notModified.Headers.TryAddWithoutValidation("ETag", tag);
            return notModified;
        }

        return Write(request, HttpStatusCode.OK, json, [("ETag", tag)]);
    }

    public static HttpResponseData WriteError(HttpRequestData request, ApiException error) =>
        Write(request, error.Status, Serialize(new ErrorBody(error.Detail), JsonContext.Api.ErrorBody), error.Headers);

    // Each body is serialized once into this thread's buffer, then hashed and copied into the response: one copy
    // per request. Nothing awaits between Serialize and Write, so no other request can share the buffer meanwhile.
    private static ArrayBufferWriter<byte> Serialize<T>(T body, JsonTypeInfo<T> type)
    {
        var buffer = Buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = type.Options.Encoder, SkipValidation = true });
        JsonSerializer.Serialize(json, body, type);
        return buffer;
    }

    private static HttpResponseData Write(
        HttpRequestData request, HttpStatusCode status, ArrayBufferWriter<byte> body, IReadOnlyList<(string Name, string Value)> headers)
    {
        var response = request.CreateResponse(status);
        response.Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        if (!HttpMethods.IsHead(request.Method))
        {
            // The isolated worker's response body is in memory until the function returns.
            response.Body.Write(body.WrittenSpan);
        }

        if (body.Capacity > MaxKeptBuffer)
        {
            Buffer = null;
        }

        return response;
    }
}
