using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Hardening;

/// <summary>
/// The connectors every hardening harness holds, written out by hand (the contract's error bodies are in
/// <see cref="Expect"/>), hostile text included: an ALM connector whose system is an OData injection, and an
/// analysis connector whose name and system hold quotes and a backslash.
/// </summary>
public static class Answers
{
    public const string Injection = "' or 1 eq 1 or '";

    // ALM: 1, 3 (inaccessible), 7 (system is an OData injection), 2147483647.
    public const string A1 = """{"id":1,"name":"Rally Connector","system":"Rally","inaccessible":false}""";
    public const string A3 = """{"id":3,"name":"Jira Connector","system":"Jira","inaccessible":true}""";
    public const string A7 = """{"id":7,"name":"Odd Connector","system":"' or 1 eq 1 or '","inaccessible":false}""";
    public const string AMax = """{"id":2147483647,"name":"Last ALM Connector","system":"Azure DevOps","inaccessible":false}""";

    // Analysis: 2, 4 (inaccessible), 5 (quotes and a backslash), 2147483647.
    public const string N2 = """{"id":2,"name":"Fortify Connector","system":"Fortify","inaccessible":false}""";
    public const string N4 = """{"id":4,"name":"Checkmarx Connector","system":"Checkmarx","inaccessible":true}""";
    public const string N5 = """{"id":5,"name":"Quote \"Connector\"","system":"Say \"hi\" \\ there","inaccessible":false}""";
    public const string NMax = """{"id":2147483647,"name":"Last Analysis Connector","system":"Sonar Cloud","inaccessible":false}""";

    public static string MethodNotAllowed(string method) => "{\"detail\":\"Method \\\"" + method + "\\\" not allowed.\"}";

    public static string List(params string[] connectors) => "{\"results\":[" + string.Join(",", connectors) + "]}";

    public static string Page(int count, string? next, string? previous, params string[] connectors) =>
        "{\"count\":" + count + ",\"next\":" + Link(next) + ",\"previous\":" + Link(previous) + ",\"results\":[" + string.Join(",", connectors) + "]}";

    private static string Link(string? pathAndQuery) => pathAndQuery is null ? "null" : "\"" + ApiHarness.BaseUrl + pathAndQuery + "\"";

    /// <summary>Writes the connectors above as the operator tooling would.</summary>
    public static async Task SeedAsync(ApiHarness api)
    {
        await api.AddConnectorAsync(ConnectorKind.Alm, 1, "Rally Connector", "Rally");
        await api.AddConnectorAsync(ConnectorKind.Alm, 3, "Jira Connector", "Jira", inaccessible: true);
        await api.AddConnectorAsync(ConnectorKind.Alm, 7, "Odd Connector", Injection);
        await api.AddConnectorAsync(ConnectorKind.Alm, int.MaxValue, "Last ALM Connector", "Azure DevOps");
        await api.AddConnectorAsync(ConnectorKind.Analysis, 2, "Fortify Connector", "Fortify");
        await api.AddConnectorAsync(ConnectorKind.Analysis, 4, "Checkmarx Connector", "Checkmarx", inaccessible: true);
        await api.AddConnectorAsync(ConnectorKind.Analysis, 5, "Quote \"Connector\"", "Say \"hi\" \\ there");
        await api.AddConnectorAsync(ConnectorKind.Analysis, int.MaxValue, "Last Analysis Connector", "Sonar Cloud");
    }
}

/// <summary>What the tables hold for one kind, as the expected answers need it.</summary>
public sealed record KindData(
    string Name,
    string Existing,
    string ExistingJson,
    string OtherKindId,
    string[] All,
    string SystemHit,
    string SystemHitJson,
    string[] InjectionHits,
    string[] QuoteHits)
{
    public static readonly KindData Alm = new(
        "alm", "1", Answers.A1, "2", [Answers.A1, Answers.A3, Answers.A7, Answers.AMax], "rally", Answers.A1, [Answers.A7], []);

    public static readonly KindData Analysis = new(
        "analysis", "2", Answers.N2, "1", [Answers.N2, Answers.N4, Answers.N5, Answers.NMax], "fortify", Answers.N2, [], [Answers.N5]);

    public static readonly KindData[] Both = [Alm, Analysis];

    public string ListPath => $"/api/v2/connectors/{Name}/";

    public string OnePath(string id) => $"/api/v2/connectors/{Name}/{id}/";

    public string ListJson => Answers.List(All);
}

/// <summary>
/// One harness per test class with the seeded connectors and the keys the hostile table names by placeholder:
/// <c>{key}</c> (valid, named <see cref="KeyName"/>), <c>{unknown}</c> (never issued), <c>{revoked}</c>,
/// <c>{expired}</c>, <c>{upper}</c> (the valid key in upper case) and <c>{big}</c> (8 KB of random hex, never issued).
/// </summary>
public class HardeningApi : IAsyncLifetime
{
    public const string KeyName = "hardening-client";

    private ApiHarness? harness;

    public ApiHarness Api => harness ?? throw new InvalidOperationException("Not started.");

    public string Key { get; private set; } = string.Empty;

    public string Unknown { get; } = "sde_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public string Revoked { get; private set; } = string.Empty;

    public string Expired { get; private set; } = string.Empty;

    public string Big { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4096));

    /// <summary>Every secret a request of the table carries: none may ever be written to a response or a log.</summary>
    public IReadOnlyList<string> Secrets => [Key, Key.ToUpperInvariant(), Unknown, Revoked, Expired, Big];

    public async Task InitializeAsync()
    {
        harness = await ApiHarness.StartAsync();
        await Answers.SeedAsync(harness);
        Key = await harness.AddKeyAsync(KeyName);
        Revoked = await harness.AddKeyAsync("hardening-revoked", revoked: true);
        Expired = await harness.AddKeyAsync("hardening-expired", expiresOn: DateTimeOffset.UtcNow.AddHours(-1));
    }

    public async Task DisposeAsync()
    {
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }
    }

    /// <summary>A table value with its placeholders replaced by this harness's keys.</summary>
    public string Resolve(string text) => text
        .Replace("{key}", Key, StringComparison.Ordinal)
        .Replace("{upper}", Key.ToUpperInvariant(), StringComparison.Ordinal)
        .Replace("{unknown}", Unknown, StringComparison.Ordinal)
        .Replace("{revoked}", Revoked, StringComparison.Ordinal)
        .Replace("{expired}", Expired, StringComparison.Ordinal)
        .Replace("{big}", Big, StringComparison.Ordinal);

    public (string Name, string Value)[] Resolve((string Name, string Value)[] headers) =>
        headers.Select(h => (h.Name, Resolve(h.Value))).ToArray();

    /// <summary>Sends a row of the hostile table as the host would deliver it.</summary>
    public Task<TestResponse> SendAsync(HostileRow row) => Api.SendAsync(row.Method, Resolve(row.Target), Resolve(row.Headers));

    /// <summary>
    /// The texts that must never be written anywhere: every secret, and every Authorization value a row sends that is
    /// long enough for a substring match to mean something (a bare <c>Token</c> is also the WWW-Authenticate value).
    /// </summary>
    public IReadOnlyList<string> Forbidden(HostileRow row) =>
        Secrets.Concat(Resolve(row.Headers)
                .Where(h => string.Equals(h.Name, "Authorization", StringComparison.OrdinalIgnoreCase) && h.Value.Trim().Length >= 12)
                .Select(h => h.Value))
            .ToArray();
}

/// <summary>Records the address of every call the app sends to storage.</summary>
public sealed class StorageRequestRecorder : HttpPipelinePolicy
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> requests = new();

    public IReadOnlyCollection<string> Requests => requests.ToArray();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message) => requests.Enqueue(Uri.UnescapeDataString(message.Request.Uri.ToUri().PathAndQuery));
}

/// <summary>Assertions shared by the hardening tests.</summary>
public static class Check
{
    public const string EndpointCategory = "Connectors.Api.ConnectorEndpoint";

    /// <summary>The Information lines of the endpoint's category among <paramref name="lines"/>.</summary>
    public static string[] EndpointLines(IEnumerable<string> lines) =>
        lines.Where(l => l.StartsWith("Information " + EndpointCategory + ": ", StringComparison.Ordinal)).ToArray();

    /// <summary>Warnings, errors and critical lines written by the app's own categories.</summary>
    public static string[] AppProblems(IEnumerable<string> lines) =>
        lines.Where(l => (l.StartsWith("Warning ", StringComparison.Ordinal) || l.StartsWith("Error ", StringComparison.Ordinal)
                || l.StartsWith("Critical ", StringComparison.Ordinal))
            && l.Contains(" Connectors.Api.", StringComparison.Ordinal)).ToArray();

    /// <summary>Every header of a response, as text, for leak checks.</summary>
    public static string HeaderText(TestResponse response) =>
        string.Join("\n", response.Headers.NonValidated.Select(h => h.Key + ": " + string.Join(",", h.Value)));

    public static void NoLeak(TestResponse response, IEnumerable<string> forbidden, string context)
    {
        var body = response.BodyText;
        var headers = HeaderText(response);
        foreach (var secret in forbidden)
        {
            Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{context}: the body holds a secret or the Authorization value.");
            Assert.False(headers.Contains(secret, StringComparison.Ordinal), $"{context}: a response header holds a secret or the Authorization value.");
        }
    }

    public static void NoLeak(IEnumerable<string> logLines, IEnumerable<string> forbidden, string context)
    {
        var secrets = forbidden.ToArray();
        foreach (var line in logLines)
        {
            foreach (var secret in secrets)
            {
                Assert.False(
                    line.Contains(secret, StringComparison.Ordinal),
                    $"{context}: a log line holds a secret or the Authorization value: {Printable(line, 300)}");
            }
        }
    }

    /// <summary>Text safe to show in a failure message: controls escaped, cut to <paramref name="max"/> characters.</summary>
    public static string Printable(string text, int max = 200)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            builder.Append(c is < ' ' or (>= '\u007f' and <= '\u009f') ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return text.Length > max ? builder + "…" : builder.ToString();
    }
}
