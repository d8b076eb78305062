using System.Text.RegularExpressions;
using Connectors.Api.Http;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Hardening;

/// <summary>
/// The one structured line each request writes (category Connectors.Api.ConnectorEndpoint, level Information):
/// operation, kind, id or filter, status, the key's name (never the key) and the storage calls it cost.
/// </summary>
public sealed class ObservabilityTests
{
    private const string Auth = "Authorization";

    /// <summary>
    /// The request line, exactly as the message template writes it, with any duration. The source-generated logger
    /// writes a null value (no id, no filter, no valid key) as empty text.
    /// </summary>
    private static string Line(string operation, string kind, string? id, string? system, int status, string? keyName, int storageCalls) =>
        "^Information " + Regex.Escape(Check.EndpointCategory) + ": "
        + Regex.Escape($"{operation} {kind} connectors (id {id}, system {system}): {status} for key {keyName}, {storageCalls} storage calls, ")
        + "[0-9]+\\.[0-9] ms $";

    [Fact]
    public async Task Each_request_writes_exactly_one_information_line_with_operation_kind_id_filter_status_key_name_and_storage_calls()
    {
        // Production cache settings: the storage calls of each line follow from what is cached by then.
        await using var api = await ApiHarness.StartAsync();
        await Answers.SeedAsync(api);
        var key = await api.AddKeyAsync(HardeningApi.KeyName);
        var other = await api.AddKeyAsync("other-client");
        var unknown = "sde_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var longSystem = new string('s', 100);

        (string Method, string Target, (string, string)[] Headers, int Status, string Pattern)[] steps =
        [
            // A cold key and a cold connector: one key lookup and one point read.
            ("GET", "/api/v2/connectors/alm/1/", [(Auth, "Token " + key)], 200, Line("get", "alm", "1", null, 200, HardeningApi.KeyName, 2)),
            ("GET", "/api/v2/connectors/alm/1/", [(Auth, "Token " + key)], 200, Line("get", "alm", "1", null, 200, HardeningApi.KeyName, 0)),
            ("GET", "/api/v2/connectors/alm/", [(Auth, "Token " + key)], 200, Line("list", "alm", null, null, 200, HardeningApi.KeyName, 1)),
            ("GET", "/api/v2/connectors/alm/?system=Rally", [(Auth, "token " + key)], 200, Line("list", "alm", null, "Rally", 200, HardeningApi.KeyName, 0)),
            ("GET", "/api/v2/connectors/alm/3/", [(Auth, "Token " + key)], 200, Line("get", "alm", "3", null, 200, HardeningApi.KeyName, 0)),
            ("GET", "/api/v2/connectors/alm/01/", [(Auth, "Token " + key)], 200, Line("get", "alm", "01", null, 200, HardeningApi.KeyName, 0)),
            ("GET", "/api/v2/connectors/analysis/2/", [(Auth, "Token " + key)], 200, Line("get", "analysis", "2", null, 200, HardeningApi.KeyName, 1)),
            ("HEAD", "/api/v2/connectors/analysis/", [(Auth, "Token " + key)], 200, Line("list", "analysis", null, null, 200, HardeningApi.KeyName, 1)),
            ("GET", "/api/v2/connectors/analysis/999/", [(Auth, "Token " + key)], 404, Line("get", "analysis", "999", null, 404, HardeningApi.KeyName, 0)),
            ("GET", "/api/v2/connectors/alm/abc/", [(Auth, "Token " + key)], 404, Line("get", "alm", "abc", null, 404, HardeningApi.KeyName, 0)),
            ("GET", "/api/v2/connectors/alm/?page_size=1&page=9", [(Auth, "Token " + key)], 404, Line("list", "alm", null, null, 404, HardeningApi.KeyName, 0)),
            ("POST", "/api/v2/connectors/alm/", [(Auth, "Token " + key)], 405, Line("list", "alm", null, null, 405, HardeningApi.KeyName, 0)),
            ("GET", "/api/v2/connectors/alm/", [(Auth, "Token " + key), ("Accept", "text/csv")], 406, Line("list", "alm", null, null, 406, HardeningApi.KeyName, 0)),
            ("GET", "/api/v2/connectors/alm/?system=" + longSystem, [(Auth, "Token " + key)], 200, Line("list", "alm", null, new string('s', 64) + "…", 200, HardeningApi.KeyName, 0)),
            ("GET", "/api/v2/connectors/alm/?system=" + Answers.Injection, [(Auth, "Token " + key)], 200, Line("list", "alm", null, Answers.Injection, 200, HardeningApi.KeyName, 0)),

            // A second key: its own lookup, its own name.
            ("GET", "/api/v2/connectors/alm/1/", [(Auth, "Token " + other)], 200, Line("get", "alm", "1", null, 200, "other-client", 1)),

            // No valid key: no name; an unknown key costs one lookup (then it is cached), a malformed header none.
            ("GET", "/api/v2/connectors/alm/1/", [], 401, Line("get", "alm", "1", null, 401, null, 0)),
            ("GET", "/api/v2/connectors/alm/1/", [(Auth, "Token " + unknown)], 401, Line("get", "alm", "1", null, 401, null, 1)),
            ("GET", "/api/v2/connectors/alm/1/", [(Auth, "Token " + unknown)], 401, Line("get", "alm", "1", null, 401, null, 0)),
            ("GET", "/api/v2/connectors/analysis/", [(Auth, "Token " + key + " " + key)], 401, Line("list", "analysis", null, null, 401, null, 0)),
            ("GET", "/api/v2/connectors/analysis/?system=Fortify", [(Auth, "Token " + key + "\0")], 401, Line("list", "analysis", null, "Fortify", 401, null, 0)),
        ];

        var calls = api.Get<Storage.StorageCalls>();
        foreach (var (method, target, headers, status, pattern) in steps)
        {
            var linesBefore = api.Logs.Lines.Count;
            var callsBefore = calls.Total;

            var response = await api.SendAsync(method, target, headers);

            var written = api.Logs.Lines.Skip(linesBefore).ToArray();
            Assert.Equal(status, response.Status);
            var endpointLines = written.Where(l => l.Contains(" " + Check.EndpointCategory + ": ", StringComparison.Ordinal)).ToArray();
            var line = Assert.Single(endpointLines);
            Assert.True(Regex.IsMatch(line, pattern), $"{method} {target}: the line was: {Check.Printable(line, 400)}");

            // The count in the line is the count of the calls the request made.
            var logged = int.Parse(Regex.Match(line, ", ([0-9]+) storage calls, ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(calls.Total - callsBefore, logged);
            Check.NoLeak(written, [key, other, unknown], target);
        }

        Assert.Equal(steps.Length, Check.EndpointLines(api.Logs.Lines).Length);
        Assert.Empty(Check.AppProblems(api.Logs.Lines));
    }

    [Fact]
    public void Two_Authorization_headers_reach_the_app_joined_with_a_comma()
    {
        // What the DRF-style split then sees: four parts, the "spaces" 401 (the hostile table asserts the answer).
        var request = new TestRequest("GET", new Uri(ApiHarness.BaseUrl + "/api/v2/connectors/alm/"), [(Auth, "Token a"), (Auth, "Token b")]);

        Assert.Equal("Token a, Token b", request.RawHeader(Auth));
    }

    [Fact]
    public async Task Hostile_system_values_never_reach_a_storage_query()
    {
        // No cache: every list request scans, so each one shows the query it sends.
        var recorder = new StorageRequestRecorder();
        await using var api = await ApiHarness.StartAsync(policy: recorder, settings: ApiHarness.NoCache);
        await Answers.SeedAsync(api);
        var key = await api.AddKeyAsync(HardeningApi.KeyName);
        string[] hostile =
        [
            Answers.Injection,
            "PartitionKey eq 'analysis'",
            "Rally') or (PartitionKey ne '",
            "x' or RowKey gt '",
            "%27%20or%20true%20or%20%27",
        ];

        foreach (var kind in KindData.Both)
        {
            foreach (var system in hostile)
            {
                var before = recorder.Requests.Count;
                var response = await api.GetAsync(kind.ListPath + "?system=" + Uri.EscapeDataString(system), key);

                Assert.Equal(200, response.Status);
                var sent = recorder.Requests.Skip(before).ToArray();

                // One key lookup by hash, one scan of the kind's partition, and nothing else.
                Assert.Equal(2, sent.Length);
                Assert.Contains(sent, r => r.Contains("(PartitionKey='key',RowKey='" + Authentication.TokenAuthentication.Hash(key) + "')", StringComparison.Ordinal));
                var scan = Assert.Single(sent, r => r.Contains("$filter=", StringComparison.Ordinal));
                Assert.Contains("$filter=PartitionKey eq '" + kind.Name + "'", scan, StringComparison.Ordinal);
                Assert.DoesNotContain(" or ", scan, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("RowKey gt", scan, StringComparison.Ordinal);
                Assert.DoesNotContain(" ne ", scan, StringComparison.Ordinal);
            }
        }
    }
}

/// <summary>
/// The request line logs the client's id and system (shortened to 64 characters). Client text must not be able to
/// forge log lines: a CR or LF from the URL would end the line in every text sink (console, log stream, files) and
/// let the rest pose as a line of its own (CWE-117).
/// </summary>
public sealed class LogForgingTests
{
    private const string Forged = "Information Connectors.Api.ConnectorEndpoint: get alm connectors (id 1, system ): 200 for key admin";

    public static TheoryData<string> Targets => new()
    {
        "/api/v2/connectors/alm/?system=x%0A" + Uri.EscapeDataString(Forged),
        "/api/v2/connectors/alm/?system=x%0D%0A" + Uri.EscapeDataString(Forged),
        "/api/v2/connectors/alm/1%0A" + Uri.EscapeDataString(Forged) + "/",
        "/api/v2/connectors/analysis/1%0D" + Uri.EscapeDataString(Forged) + "/",
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Client_text_in_the_request_line_holds_no_line_break(string target)
    {
        await using var api = await ApiHarness.StartAsync();
        var key = await api.AddKeyAsync(HardeningApi.KeyName);

        var response = await api.GetAsync(target, key);

        Assert.NotEqual(500, response.Status);
        var line = Assert.Single(Check.EndpointLines(api.Logs.Lines));
        Assert.False(
            line.AsSpan().TrimEnd(' ').ContainsAny('\r', '\n'),
            "The request line holds a line break from the URL: " + Check.Printable(line, 300));
    }
}
