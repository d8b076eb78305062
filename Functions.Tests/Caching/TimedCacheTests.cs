using Connectors.Api.Caching;
using Connectors.Api.Tests.Support;

namespace Connectors.Api.Tests.Caching;

/// <summary>The cache's own promises: lifetimes, one load per miss, failures forgotten, bounded size.</summary>
public sealed class TimedCacheTests
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private TimedCache<string, string> Cache(double seconds = 30, int capacity = 100) =>
        new(TimeSpan.FromSeconds(seconds), capacity, clock);

    [Fact]
    public async Task A_value_is_kept_for_its_lifetime_and_read_again_after()
    {
        var cache = Cache();
        var loads = 0;
        Task<string> Load(string key) => Task.FromResult($"{key}{++loads}");

        var first = await cache.GetAsync("a", Load, CancellationToken.None);
        clock.Now = clock.Now.AddSeconds(30).AddTicks(-1);
        var cached = await cache.GetAsync("a", Load, CancellationToken.None);
        clock.Now = clock.Now.AddTicks(1);
        var reloaded = await cache.GetAsync("a", Load, CancellationToken.None);

        Assert.Equal(("a1", "a1", "a2"), (first, cached, reloaded));
    }

    [Fact]
    public async Task Concurrent_misses_for_one_key_share_one_load()
    {
        var cache = Cache();
        var loads = 0;
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> Load(string key)
        {
            Interlocked.Increment(ref loads);
            return release.Task;
        }

        var waiting = Enumerable.Range(0, 100).Select(_ => Task.Run(() => cache.GetAsync("k", Load, CancellationToken.None))).ToArray();
        await Task.Delay(50);
        release.SetResult("value");
        var values = await Task.WhenAll(waiting);

        Assert.Equal(1, loads);
        Assert.All(values, v => Assert.Equal("value", v));
    }

    [Fact]
    public async Task A_failed_load_is_not_kept()
    {
        var cache = Cache();
        var attempts = 0;
        Task<string> Load(string key) =>
            ++attempts == 1 ? Task.FromException<string>(new TimeoutException("storage down")) : Task.FromResult("back");

        await Assert.ThrowsAsync<TimeoutException>(() => cache.GetAsync("k", Load, CancellationToken.None));
        var second = await cache.GetAsync("k", Load, CancellationToken.None);

        Assert.Equal(("back", 2), (second, attempts));
    }

    [Fact]
    public async Task A_flood_of_distinct_keys_never_holds_more_than_the_capacity()
    {
        var cache = Cache(capacity: 50);

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal($"v{i}", await cache.GetAsync($"k{i}", key => Task.FromResult("v" + key[1..]), CancellationToken.None));
        }

        Assert.Equal(50, cache.Count);
    }

    [Fact]
    public async Task Expired_entries_make_room_again()
    {
        var cache = Cache(capacity: 10);
        for (var i = 0; i < 10; i++)
        {
            await cache.GetAsync($"old{i}", Task.FromResult, CancellationToken.None);
        }

        clock.Now = clock.Now.AddMinutes(1);
        var loads = 0;
        await cache.GetAsync("new", key => Task.FromResult($"{key}{++loads}"), CancellationToken.None);
        await cache.GetAsync("new", key => Task.FromResult($"{key}{++loads}"), CancellationToken.None);

        Assert.Equal((1, 1), (cache.Count, loads));
    }

    [Fact]
    public async Task A_lifetime_of_zero_turns_caching_off()
    {
        var cache = Cache(seconds: 0);
        var loads = 0;

        await cache.GetAsync("a", key => Task.FromResult($"{++loads}"), CancellationToken.None);
        await cache.GetAsync("a", key => Task.FromResult($"{++loads}"), CancellationToken.None);

        Assert.Equal((2, 0), (loads, cache.Count));
        Assert.False(cache.TryGetLoaded("a", out _));
    }

    [Fact]
    public async Task A_waiting_caller_can_stop_waiting_without_cancelling_the_shared_load()
    {
        var cache = Cache();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();

        var first = cache.GetAsync("k", _ => release.Task, impatient.Token);
        var second = cache.GetAsync("k", _ => release.Task, CancellationToken.None);
        await impatient.CancelAsync();
        release.SetResult("done");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("done", await second);
    }

    [Fact]
    public async Task When_full_expendable_answers_make_way_and_the_others_stay()
    {
        var cache = new TimedCache<string, string?>(TimeSpan.FromSeconds(60), 10, clock, expendable: value => value is null);
        var loads = 0;
        Task<string?> Load(string key)
        {
            loads++;
            return Task.FromResult(key.StartsWith("valid", StringComparison.Ordinal) ? key : null);
        }

        for (var i = 0; i < 3; i++)
        {
            await cache.GetAsync($"valid{i}", Load, CancellationToken.None);
        }

        for (var i = 0; i < 100; i++)
        {
            await cache.GetAsync($"random{i}", Load, CancellationToken.None);
            clock.Now = clock.Now.AddSeconds(0.5);
        }

        var loadsBefore = loads;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"valid{i}", await cache.GetAsync($"valid{i}", Load, CancellationToken.None));
        }

        Assert.Equal(loadsBefore, loads);
        Assert.True(cache.Count <= 10);
    }
}
