namespace Connectors.Api.Http;

/// <summary>The two methods the API answers; every other method is 405.</summary>
public static class HttpMethods
{
    public static bool IsHead(string method) => string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase);

    public static bool IsGetOrHead(string method) =>
        IsHead(method) || string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
}
