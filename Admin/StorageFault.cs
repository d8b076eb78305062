using Azure;
using Azure.Identity;

namespace Connectors.Admin;

/// <summary>One line about a storage failure: the status and error code, or the first line of the cause; never the request's secrets.</summary>
public static class StorageFault
{
    public static string Describe(Exception failure) => failure switch
    {
        RequestFailedException { Status: > 0 } failed => $"{failed.Status} {failed.ErrorCode ?? "error"}",
        RequestFailedException { InnerException: { } cause } => Describe(cause),
        AggregateException { InnerExceptions.Count: > 0 } retries => Describe(retries.InnerExceptions[^1]),
        AuthenticationFailedException or CredentialUnavailableException => "no Azure credential: sign in with `az login` or give --connection-string",
        _ => failure.Message.Split('\n')[0].Trim(),
    };
}
