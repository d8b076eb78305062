using System.Net;
using Connectors.Api.Authentication;
using Connectors.Api.Http;
using Connectors.Api.Storage;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace Connectors.Api;

/// <summary>
/// The one path every request walks, whatever the kind: authenticate, negotiate (format, Accept), check the
/// method, read, shape, write. Every failure leaves through the one catch at the bottom.
/// </summary>
public sealed class ConnectorEndpoint(TokenAuthentication authentication, ConnectorStore store, ILogger<ConnectorEndpoint> logger)
{
    public const string SystemParameter = "system";

    public Task<HttpResponseData> ListAsync(HttpRequestData request, ConnectorKind kind) => HandleAsync(request, kind, id: null);

    public Task<HttpResponseData> GetAsync(HttpRequestData request, ConnectorKind kind, string id) => HandleAsync(request, kind, id);

    private async Task<HttpResponseData> HandleAsync(HttpRequestData request, ConnectorKind kind, string? id)
    {
        var cancellationToken = request.FunctionContext.CancellationToken;
        try
        {
            await authentication.AuthenticateAsync(Header(request, "Authorization"), cancellationToken);
            var query = QueryParameters.From(request.Url);
            ContentNegotiation.Check(query, Header(request, "Accept"));
            if (!HttpMethods.IsGetOrHead(request.Method))
            {
                throw ApiErrors.MethodNotAllowed(request.Method);
            }

            return id is null
                ? await ListAsync(request, kind, query, cancellationToken)
                : await GetAsync(request, kind, id, cancellationToken);
        }
        catch (ApiException error)
        {
            return await ResponseWriter.WriteErrorAsync(request, error);
        }
        catch (Exception failure) when (ApiErrors.IsTransientStorageFault(failure))
        {
            logger.LogWarning("Storage unavailable for {Kind} connectors: {Fault}", kind.PartitionKey(), failure.GetType().Name);
            return await ResponseWriter.WriteErrorAsync(request, ApiErrors.ServiceUnavailable());
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "Unexpected failure serving {Kind} connectors", kind.PartitionKey());
            return await ResponseWriter.WriteErrorAsync(request, ApiErrors.ServerError());
        }
    }

    private async Task<HttpResponseData> GetAsync(HttpRequestData request, ConnectorKind kind, string id, CancellationToken cancellationToken)
    {
        if (!Digits.TryParse(id, out var number) || number is < 1 or > int.MaxValue)
        {
            throw ApiErrors.NotFound();
        }

        var connector = await store.GetAsync(kind, (int)number, cancellationToken) ?? throw ApiErrors.NotFound();
        return await ResponseWriter.WriteAsync(request, HttpStatusCode.OK, connector, JsonContext.Api.Connector);
    }

    private async Task<HttpResponseData> ListAsync(HttpRequestData request, ConnectorKind kind, QueryParameters query, CancellationToken cancellationToken)
    {
        IReadOnlyList<Connector> connectors = await store.ListAsync(kind, cancellationToken);
        if (query[SystemParameter] is { Length: > 0 } system)
        {
            connectors = connectors.Where(c => string.Equals(c.System, system, StringComparison.OrdinalIgnoreCase)).ToArray();
        }

        return Pagination.Paginate(connectors, query, request.Url) is { } page
            ? await ResponseWriter.WriteAsync(request, HttpStatusCode.OK, page, JsonContext.Api.PageBody)
            : await ResponseWriter.WriteAsync(request, HttpStatusCode.OK, new ListBody(connectors), JsonContext.Api.ListBody);
    }

    // Header values as the host passed them, unparsed: the contract's rules apply to the raw text.
    private static string? Header(HttpRequestData request, string name) =>
        request.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;
}
