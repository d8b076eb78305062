using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Api;

/// <summary>Application Insights for the worker's own logs (the per-request line), keyless in Azure.</summary>
public static class Telemetry
{
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    private const string ApplicationInsightsProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    public static IServiceCollection AddConnectorsApiTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();

        // The provider keeps only warnings by default; the per-request line is Information.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var warningsOnly = options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsProvider);
            if (warningsOnly is not null)
            {
                options.Rules.Remove(warningsOnly);
            }
        });

        // Application Insights refuses instrumentation keys when local authentication is off (as infra/ deploys it):
        // the worker then signs its telemetry with the app's managed identity, as the host does from the same setting.
        if (ManagedIdentityClientId(configuration[AuthenticationSetting]) is { } clientId)
        {
            services.Configure<TelemetryConfiguration>(telemetry =>
                telemetry.SetAzureTokenCredential(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))));
        }

        return services;
    }

    /// <summary>The client id of <c>ClientId=&lt;id&gt;;Authorization=AAD</c>, or null when the setting asks for no Entra auth.</summary>
    public static string? ManagedIdentityClientId(string? authentication)
    {
        string? clientId = null;
        var entra = false;
        foreach (var part in (authentication ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase) && pair[1].Length > 0)
            {
                clientId = pair[1];
            }
            else if (pair.Length == 2 && pair[0].Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                entra = pair[1].Equals("AAD", StringComparison.OrdinalIgnoreCase);
            }
        }

        return entra ? clientId : null;
    }
}
