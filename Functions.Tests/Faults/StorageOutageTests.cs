using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Faults;

/// <summary>
/// Storage that stops, slows down or throttles: the answer is 503 with Retry-After within 5 seconds, never a 500
/// or a hang; what is cached keeps being served for its lifetime; and when storage is back the next request
/// succeeds without restarting the app.
/// </summary>
public sealed class StorageOutageTests
{
    private const string Unavailable = """{"detail":"Service temporarily unavailable, try again later."}""";

    private static void AssertUnavailable(TestResponse response, TimeSpan elapsed)
    {
        Assert.Equal((503, Unavailable), (response.Status, response.BodyText));
        Assert.Equal("5", response.Header("Retry-After"));
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"answered after {elapsed}");
    }

    private static async Task<(TestResponse Response, TimeSpan Elapsed)> TimedAsync(Func<Task<TestResponse>> request)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await request();
        return (response, Stopwatch.GetElapsedTime(started));
    }

    [Fact]
    public async Task Azurite_stopped_mid_run_is_503_then_the_app_recovers_when_it_returns()
    {
        var data = Directory.CreateTempSubdirectory("azurite-outage-");
        using var azurite = Azurite.Azurite.Start(Azurite.Azurite.FreePort(), data.FullName);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var api = await ApiHarness.StartAsync(connectionString: azurite.ConnectionString, clock: clock);
        await api.AddConnectorAsync(ConnectorKind.Alm, 1, "Rally Connector", "Rally");
        await api.AddConnectorAsync(ConnectorKind.Alm, 2, "JIRA", "JIRA");
        var key = await api.AddKeyAsync();
        Assert.Equal(200, (await api.GetAsync("/api/v2/connectors/alm/1/", key)).Status);

        azurite.Stop();
        var (uncached, elapsed) = await TimedAsync(() => api.GetAsync("/api/v2/connectors/alm/2/", key));
        var cached = await api.GetAsync("/api/v2/connectors/alm/1/", key);
        clock.Now = clock.Now.AddSeconds(61);
        var (expired, elapsedAfterExpiry) = await TimedAsync(() => api.GetAsync("/api/v2/connectors/alm/1/", key));
        azurite.Restart();
        var recovered = await api.GetAsync("/api/v2/connectors/alm/2/", key);

        AssertUnavailable(uncached, elapsed);
        Assert.Equal(200, cached.Status);
        AssertUnavailable(expired, elapsedAfterExpiry);
        Assert.Equal((200, """{"id":2,"name":"JIRA","system":"JIRA","inaccessible":false}"""), (recovered.Status, recovered.BodyText));
        Assert.DoesNotContain(api.Logs.Lines, line => line.Contains(key, StringComparison.Ordinal));
        azurite.Stop();
        data.Delete(recursive: true);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    [InlineData(500)]
    public async Task Throttled_or_failing_storage_is_503_and_the_next_request_after_it_clears_succeeds(int status)
    {
        var fault = new StorageFault(status) { Active = false };
        await using var api = await ApiHarness.StartAsync(policy: fault);
        await api.AddConnectorAsync(ConnectorKind.Analysis, 7, "Checkmarx", "Checkmarx");
        var key = await api.AddKeyAsync();

        fault.Active = true;
        var (throttled, elapsed) = await TimedAsync(() => api.GetAsync("/api/v2/connectors/analysis/7/", key));
        fault.Active = false;
        var cleared = await api.GetAsync("/api/v2/connectors/analysis/7/", key);

        AssertUnavailable(throttled, elapsed);
        Assert.Equal(3, fault.Calls);
        Assert.Equal(200, cleared.Status);
    }

    [Fact]
    public async Task Slow_storage_is_cut_off_by_the_network_timeout_and_answered_503()
    {
        var latency = new Latency(TimeSpan.FromSeconds(30)) { Active = false };
        await using var api = await ApiHarness.StartAsync(policy: latency, policyPosition: HttpPipelinePosition.BeforeTransport);
        await api.AddConnectorAsync(ConnectorKind.Alm, 1, "Rally Connector", "Rally");
        var key = await api.AddKeyAsync();

        latency.Active = true;
        var (slow, elapsed) = await TimedAsync(() => api.GetAsync("/api/v2/connectors/alm/", key));
        latency.Active = false;
        var fast = await api.GetAsync("/api/v2/connectors/alm/", key);

        AssertUnavailable(slow, elapsed);
        Assert.Equal(200, fast.Status);
    }

    /// <summary>Delays every storage call, inside the SDK's per-attempt network timeout.</summary>
    private sealed class Latency(TimeSpan delay) : HttpPipelinePolicy
    {
        public bool Active { get; set; } = true;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Active)
            {
                await Task.Delay(delay, message.CancellationToken);
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
