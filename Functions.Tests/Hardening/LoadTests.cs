using System.Collections.Concurrent;
using System.Diagnostics;
using Connectors.Api.Tests.Support;
using Xunit.Abstractions;

namespace Connectors.Api.Tests.Hardening;

/// <summary>The load tests run alone (after the parallel classes), so that their timings and storage counts are theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "Hardening load";
}

/// <summary>
/// 200 concurrent clients x 50 requests through the real function code against Azurite, with the production cache
/// settings: every answer is the one known in advance, and the storage calls stay within what the caches allow.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Clients = 200;
    private const int RequestsPerClient = 50;
    private const int ValidKeys = 10;
    private const int UnknownKeys = 20;
    private const string Auth = "Authorization";

    private sealed record Planned(string Method, string Target, (string Name, string Value)[] Headers, int Status, string Body);

    [Fact]
    public async Task Ten_thousand_concurrent_requests_get_their_expected_answers_within_the_storage_bound()
    {
        await using var api = await ApiHarness.StartAsync();
        await Answers.SeedAsync(api);
        var valid = new string[ValidKeys];
        for (var i = 0; i < ValidKeys; i++)
        {
            valid[i] = await api.AddKeyAsync($"load-client-{i}");
        }

        var revoked = await api.AddKeyAsync("load-revoked", revoked: true);
        var unknown = Enumerable.Range(0, UnknownKeys).Select(_ => "sde_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))).ToArray();

        // What a valid key asks, and the answer: the four endpoints, filters, pages, errors after authentication.
        var alm = KindData.Alm;
        var analysis = KindData.Analysis;
        (string Method, string Target, (string, string)[] Extra, int Status, string Body)[] asks =
        [
            ("GET", alm.ListPath, [], 200, alm.ListJson),
            ("GET", analysis.ListPath, [], 200, analysis.ListJson),
            ("GET", alm.ListPath + "?system=RALLY", [], 200, Answers.List(Answers.A1)),
            ("GET", analysis.ListPath + "?page_size=2&page=2", [], 200, Answers.Page(4, null, analysis.ListPath + "?page_size=2", Answers.N5, Answers.NMax)),
            ("GET", alm.ListPath + "?system=" + Answers.Injection, [], 200, Answers.List(Answers.A7)),
            ("GET", alm.OnePath("1"), [], 200, Answers.A1),
            ("GET", alm.OnePath("3"), [], 200, Answers.A3),
            ("GET", alm.OnePath("2147483647"), [], 200, Answers.AMax),
            ("GET", analysis.OnePath("2"), [], 200, Answers.N2),
            ("GET", analysis.OnePath("02"), [], 200, Answers.N2),
            ("GET", analysis.OnePath("4"), [], 200, Answers.N4),
            ("HEAD", analysis.OnePath("5"), [], 200, string.Empty),
            ("GET", alm.OnePath("999"), [], 404, Expect.NotFound),
            ("GET", analysis.OnePath("1"), [], 404, Expect.NotFound),
            ("GET", alm.OnePath("abc"), [], 404, Expect.NotFound),
            ("GET", analysis.ListPath + "?page_size=1&page=9", [], 404, Expect.InvalidPage),
            ("POST", alm.ListPath, [], 405, Answers.MethodNotAllowed("POST")),
            ("GET", analysis.ListPath, [("Accept", "text/csv")], 406, Expect.NotAcceptable),
        ];

        // The (kind, id) pairs a point read could be made for: ids of ASCII digits in range.
        const int distinctIds = 8; // alm 1, 3, 2147483647, 999; analysis 2, 4, 5, 1
        (string, string)[][] malformed =
        [
            [],
            [(Auth, "Token")],
            [(Auth, "Token a b")],
            [(Auth, "Basic dXNlcjpwYXNz")],
            [(Auth, "Token cl\u00e9")],
            [(Auth, "Token " + valid[0]), (Auth, "Token " + valid[1])],
        ];
        string[] malformedBodies = [Expect.NotProvided, Expect.NoCredentials, Expect.Spaces, Expect.NotProvided, Expect.InvalidCharacters, Expect.Spaces];

        // The plan: each request and its answer, fixed before the run.
        var random = new Random(20261204);
        var plan = new Planned[Clients * RequestsPerClient];
        for (var n = 0; n < plan.Length; n++)
        {
            var roll = random.Next(100);
            if (roll < 60)
            {
                var ask = asks[random.Next(asks.Length)];
                plan[n] = new Planned(ask.Method, ask.Target, [(Auth, "Token " + valid[n % ValidKeys]), .. ask.Extra], ask.Status, ask.Body);
            }
            else if (roll < 80)
            {
                var ask = asks[random.Next(asks.Length)];
                plan[n] = new Planned(ask.Method, ask.Target, [(Auth, "Token " + unknown[n % UnknownKeys])], 401, ask.Method == "HEAD" ? string.Empty : Expect.InvalidToken);
            }
            else if (roll < 85)
            {
                plan[n] = new Planned("GET", alm.OnePath("1"), [(Auth, "Token " + revoked)], 401, Expect.InvalidToken);
            }
            else
            {
                var which = random.Next(malformed.Length);
                plan[n] = new Planned("GET", analysis.ListPath, malformed[which], 401, malformedBodies[which]);
            }
        }

        // Every key is asked at least once, so that the lower bound below holds.
        for (var k = 0; k < ValidKeys; k++)
        {
            plan[k] = new Planned("GET", alm.ListPath, [(Auth, "Token " + valid[k])], 200, alm.ListJson);
        }

        for (var k = 0; k < UnknownKeys; k++)
        {
            plan[ValidKeys + k] = new Planned("GET", analysis.ListPath, [(Auth, "Token " + unknown[k])], 401, Expect.InvalidToken);
        }

        plan[ValidKeys + UnknownKeys] = new Planned("GET", alm.OnePath("1"), [(Auth, "Token " + revoked)], 401, Expect.InvalidToken);
        plan[ValidKeys + UnknownKeys + 1] = new Planned("GET", analysis.ListPath, [(Auth, "Token " + valid[0])], 200, analysis.ListJson);

        var calls = api.Get<Storage.StorageCalls>();
        var logLinesBefore = api.Logs.Lines.Count;
        var callsBefore = calls.Total;
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var ready = 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var watch = Stopwatch.StartNew();

        await Parallel.ForEachAsync(
            Enumerable.Range(0, Clients),
            new ParallelOptions { MaxDegreeOfParallelism = Clients, CancellationToken = timeout.Token },
            async (client, cancellationToken) =>
            {
                // All clients start together, so that the first requests miss the caches at the same time.
                if (Interlocked.Increment(ref ready) == Clients)
                {
                    go.SetResult();
                }

                await go.Task.WaitAsync(cancellationToken);
                for (var r = 0; r < RequestsPerClient; r++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var planned = plan[(client * RequestsPerClient) + r];
                    var response = await api.SendAsync(planned.Method, planned.Target, planned.Headers);
                    statuses.AddOrUpdate(response.Status, 1, (_, count) => count + 1);
                    if (response.Status != planned.Status || response.BodyText != planned.Body)
                    {
                        failures.Enqueue($"{planned.Method} {planned.Target}: {response.Status} {response.BodyText}, expected {planned.Status} {planned.Body}");
                    }
                }
            });

        watch.Stop();
        var storageCalls = calls.Total - callsBefore;
        output.WriteLine($"{plan.Length} requests in {watch.Elapsed.TotalSeconds:0.0} s, {storageCalls} storage calls; statuses: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));

        Assert.True(failures.IsEmpty, $"{failures.Count} unexpected answers, e.g.\n" + string.Join("\n", failures.Take(10)));
        Assert.Equal(plan.Length, statuses.Values.Sum());
        Assert.False(statuses.ContainsKey(500));

        // One key lookup per distinct key (valid, revoked and unknown; malformed headers make none), one scan per kind,
        // at most one point read per (kind, id) asked before its kind's list was cached, and a little slack for an entry
        // expiring during the run.
        const int keyLookups = ValidKeys + 1 + UnknownKeys;
        const int scans = 2;
        const int slack = 4;
        Assert.InRange(storageCalls, keyLookups + scans, keyLookups + scans + distinctIds + slack);
        Assert.True(storageCalls * 100 < plan.Length, "Storage calls should be under 1 % of the requests.");

        // Observability under load: one request line each, no warning or error from the app.
        var lines = api.Logs.Lines.Skip(logLinesBefore).ToArray();
        Assert.Equal(plan.Length, Check.EndpointLines(lines).Length);
        Assert.Empty(Check.AppProblems(lines));
        Check.NoLeak(lines, [.. valid, .. unknown, revoked], "load run");
    }

    [Fact]
    public async Task Concurrent_misses_for_the_same_key_and_connector_make_one_storage_call_each()
    {
        await using var api = await ApiHarness.StartAsync();
        await Answers.SeedAsync(api);
        var key = await api.AddKeyAsync("stampede-client");
        var calls = api.Get<Storage.StorageCalls>();
        var before = calls.Total;
        var ready = 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var responses = await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            if (Interlocked.Increment(ref ready) == Clients)
            {
                go.SetResult();
            }

            await go.Task;
            return await api.GetAsync(KindData.Alm.OnePath("3"), key);
        })).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(responses, r => Assert.Equal((200, Answers.A3), (r.Status, r.BodyText)));

        // One key lookup and one point read for 200 simultaneous misses.
        Assert.Equal(2, calls.Total - before);
        var lines = Check.EndpointLines(api.Logs.Lines);
        Assert.Equal(Clients, lines.Length);
        Assert.Equal(2, lines.Sum(l => int.Parse(System.Text.RegularExpressions.Regex.Match(l, ", ([0-9]+) storage calls, ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
