using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Azure.Functions.Worker.Http;

namespace Connectors.Api.Http;

/// <summary>Writes an answer: status, the contract's Content-Type, extra headers, and the JSON body unless the request is HEAD.</summary>
public static class ResponseWriter
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static async Task<HttpResponseData> WriteAsync<T>(
        HttpRequestData request,
        HttpStatusCode status,
        T body,
        JsonTypeInfo<T> type,
        IReadOnlyList<(string Name, string Value)>? headers = null)
    {
        var response = request.CreateResponse(status);
        response.Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (!HttpMethods.IsHead(request.Method))
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, type);
            await response.Body.WriteAsync(bytes, request.FunctionContext.CancellationToken);
        }

        return response;
    }

    public static Task<HttpResponseData> WriteErrorAsync(HttpRequestData request, ApiException error) =>
        WriteAsync(request, error.Status, new ErrorBody(error.Detail), JsonContext.Api.ErrorBody, error.Headers);
}
