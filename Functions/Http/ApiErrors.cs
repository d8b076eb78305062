using System.Net;
using System.Net.Sockets;
using Azure;

namespace Connectors.Api.Http;

/// <summary>An answer other than success: a status, the contract's <c>detail</c> text and the headers its row names.</summary>
public sealed class ApiException(HttpStatusCode status, string detail, params (string Name, string Value)[] headers)
    : Exception(detail)
{
    public HttpStatusCode Status { get; } = status;

    public string Detail { get; } = detail;

    public IReadOnlyList<(string Name, string Value)> Headers { get; } = headers;
}

/// <summary>
/// Every error answer of the contract, in one place (DRF's exceptions.py): each status with its exact
/// <c>detail</c> text and headers, and the mapping of unexpected failures to 503 or 500.
/// </summary>
public static class ApiErrors
{
    /// <summary>Seconds a client should wait after a 503.</summary>
    public const int RetryAfterSeconds = 5;

    private static readonly (string, string) WwwAuthenticate = ("WWW-Authenticate", "Token");
    private static readonly (string, string) Allow = ("Allow", "GET, HEAD");

    public static ApiException NotAuthenticated() =>
        new(HttpStatusCode.Unauthorized, "Authentication credentials were not provided.", WwwAuthenticate);

    public static ApiException NoCredentials() =>
        new(HttpStatusCode.Unauthorized, "Invalid token header. No credentials provided.", WwwAuthenticate);

    public static ApiException TokenHasSpaces() =>
        new(HttpStatusCode.Unauthorized, "Invalid token header. Token string should not contain spaces.", WwwAuthenticate);

    public static ApiException TokenHasInvalidCharacters() =>
        new(HttpStatusCode.Unauthorized, "Invalid token header. Token string should not contain invalid characters.", WwwAuthenticate);

    public static ApiException InvalidToken() =>
        new(HttpStatusCode.Unauthorized, "Invalid token.", WwwAuthenticate);

    public static ApiException NotFound() =>
        new(HttpStatusCode.NotFound, "Not found.");

    public static ApiException InvalidPage() =>
        new(HttpStatusCode.NotFound, "Invalid page.");

    public static ApiException MethodNotAllowed(string method) =>
        new(HttpStatusCode.MethodNotAllowed, $"Method \"{method.ToUpperInvariant()}\" not allowed.", Allow);

    public static ApiException NotAcceptable() =>
        new(HttpStatusCode.NotAcceptable, "Could not satisfy the request Accept header.");

    public static ApiException ServiceUnavailable() =>
        new(HttpStatusCode.ServiceUnavailable, "Service temporarily unavailable, try again later.",
            ("Retry-After", RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static ApiException ServerError() =>
        new(HttpStatusCode.InternalServerError, "A server error occurred.");

    /// <summary>
    /// Whether a failure is storage being unreachable, throttled or too slow, which a client can retry:
    /// no response at all, 408, 429 and 5xx from storage, timeouts, and the SDK's "retries exhausted" wrapper of those.
    /// </summary>
    public static bool IsTransientStorageFault(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0
            && aggregate.InnerExceptions.All(IsTransientStorageFault),
        HttpRequestException or TimeoutException or OperationCanceledException or SocketException or IOException => true,
        _ => false,
    };
}
