using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Connectors.Api;

/// <summary>
/// The four HTTP functions. Each hands its request, kind and id to the one shared endpoint. They are
/// Anonymous to the host because the API authenticates itself (the Token header), and they list every
/// method so that our code, not the host, answers a POST (405 after authentication).
/// </summary>
public sealed class ConnectorFunctions(ConnectorEndpoint endpoint)
{
    [Function("ListAlmConnectors")]
    public Task<HttpResponseData> ListAlm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", "trace", Route = "v2/connectors/alm")]
        HttpRequestData request) =>
        endpoint.ListAsync(request, ConnectorKind.Alm);

    [Function("GetAlmConnector")]
    public Task<HttpResponseData> GetAlm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", "trace", Route = "v2/connectors/alm/{id}")]
        HttpRequestData request,
        string id) =>
        endpoint.GetAsync(request, ConnectorKind.Alm, id);

    [Function("ListAnalysisConnectors")]
    public Task<HttpResponseData> ListAnalysis(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", "trace", Route = "v2/connectors/analysis")]
        HttpRequestData request) =>
        endpoint.ListAsync(request, ConnectorKind.Analysis);

    [Function("GetAnalysisConnector")]
    public Task<HttpResponseData> GetAnalysis(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", "trace", Route = "v2/connectors/analysis/{id}")]
        HttpRequestData request,
        string id) =>
        endpoint.GetAsync(request, ConnectorKind.Analysis, id);
}
