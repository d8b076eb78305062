using System.Diagnostics;
using System.Globalization;
using System.Text;
using Connectors.Api.Authentication;
using Connectors.Api.Http;
using Connectors.Api.Storage;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace Connectors.Api;

/// <summary>
/// The one path every request walks, whatever the kind: authenticate, negotiate (format, Accept), check the
/// method, read, shape, write. Every failure leaves through the catches at the bottom, and every request
/// ends in one structured log line (never with the key: its name only).
/// </summary>
public sealed partial class ConnectorEndpoint(TokenAuthentication authentication, ConnectorStore store, ILogger<ConnectorEndpoint> logger)
{
    public const string SystemParameter = "system";

    public Task<HttpResponseData> ListAsync(HttpRequestData request, ConnectorKind kind) => HandleAsync(request, kind, id: null);

    public Task<HttpResponseData> GetAsync(HttpRequestData request, ConnectorKind kind, string id) => HandleAsync(request, kind, id);

    private async Task<HttpResponseData> HandleAsync(HttpRequestData request, ConnectorKind kind, string? id)
    {
        var started = Stopwatch.GetTimestamp();
        var storage = StorageCalls.BeginRequest();
        var cancellationToken = request.FunctionContext.CancellationToken;
        var query = QueryParameters.From(request.Url);
        string? keyName = null;
        HttpResponseData response;
        try
        {
            keyName = (await authentication.AuthenticateAsync(request.RawHeader("Authorization"), cancellationToken)).Name;
            ContentNegotiation.Check(query, request.RawHeader("Accept"));
            if (!HttpMethods.IsGetOrHead(request.Method))
            {
                throw ApiErrors.MethodNotAllowed(request.Method);
            }

            response = id is null
                ? await ListAsync(request, kind, query, cancellationToken)
                : await GetAsync(request, kind, id, cancellationToken);
        }
        catch (ApiException error)
        {
            response = ResponseWriter.WriteError(request, error);
        }
        catch (Exception failure) when (ApiErrors.IsTransientStorageFault(failure))
        {
            LogStorageUnavailable(logger, kind.PartitionKey(), failure.GetType().Name);
            response = ResponseWriter.WriteError(request, ApiErrors.ServiceUnavailable());
        }
        catch (Exception failure)
        {
            LogFailure(logger, failure, kind.PartitionKey());
            response = ResponseWriter.WriteError(request, ApiErrors.ServerError());
        }

        LogRequest(
            logger,
            id is null ? "list" : "get",
            kind.PartitionKey(),
            Shorten(id),
            Shorten(query[SystemParameter]),
            (int)response.StatusCode,
            keyName,
            storage.Calls,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return response;
    }

    // Request text in logs is the client's own input: cut to 64 characters so it cannot flood a line, and with
    // control characters and line separators escaped so it cannot forge a line of its own.
    private static string? Shorten(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var cut = text.Length > 64 ? string.Concat(text.AsSpan(0, 64), "…") : text;
        if (!cut.Any(IsUnsafeInLog))
        {
            return cut;
        }

        var escaped = new StringBuilder(cut.Length + 16);
        foreach (var c in cut)
        {
            if (IsUnsafeInLog(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool IsUnsafeInLog(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Operation} {Kind} connectors (id {Id}, system {System}): {Status} for key {KeyName}, {StorageCalls} storage calls, {DurationMs:0.0} ms")]
    private static partial void LogRequest(
        ILogger logger, string operation, string kind, string? id, string? system, int status, string? keyName, int storageCalls, double durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable serving {Kind} connectors: {Fault}")]
    private static partial void LogStorageUnavailable(ILogger logger, string kind, string fault);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure serving {Kind} connectors")]
    private static partial void LogFailure(ILogger logger, Exception failure, string kind);

    private async Task<HttpResponseData> GetAsync(HttpRequestData request, ConnectorKind kind, string id, CancellationToken cancellationToken)
    {
        if (!Digits.TryParse(id, out var number) || number is < 1 or > int.MaxValue)
        {
            throw ApiErrors.NotFound();
        }

        var connector = await store.GetAsync(kind, (int)number, cancellationToken) ?? throw ApiErrors.NotFound();
        return ResponseWriter.WriteOk(request, connector, JsonContext.Api.Connector);
    }

    private async Task<HttpResponseData> ListAsync(HttpRequestData request, ConnectorKind kind, QueryParameters query, CancellationToken cancellationToken)
    {
        IReadOnlyList<Connector> connectors = await store.ListAsync(kind, cancellationToken);
        if (query[SystemParameter] is { Length: > 0 } system)
        {
            connectors = connectors.Where(c => string.Equals(c.System, system, StringComparison.OrdinalIgnoreCase)).ToArray();
        }

        return Pagination.Paginate(connectors, query, request.Url) is { } page
            ? ResponseWriter.WriteOk(request, page, JsonContext.Api.PageBody)
            : ResponseWriter.WriteOk(request, new ListBody(connectors), JsonContext.Api.ListBody);
    }
}
