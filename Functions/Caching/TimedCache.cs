using System.Collections.Concurrent;

namespace Connectors.Api.Caching;

/// <summary>
/// A small in-memory cache for storage reads. An entry lives for a fixed time; concurrent misses for the same
/// key share one load (no stampede on storage); a failed load is not kept, so the next request tries again;
/// and at most <c>capacity</c> entries exist, so memory stays bounded whatever keys are asked for. When full,
/// expired entries are dropped, then the loaded values <c>expendable</c> names (e.g. "no such key"), so that a
/// flood of random keys cannot push out the answers worth keeping; if there is still no room, a load is simply
/// not cached.
/// </summary>
public sealed class TimedCache<TKey, TValue>(TimeSpan lifetime, int capacity, TimeProvider clock, Func<TValue, bool>? expendable = null)
    where TKey : notnull
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<TKey, Entry> entries = new();
    private int count;
    private long nextPruneTicks;

    public int Count => Volatile.Read(ref count);

    /// <summary>
    /// The cached value of <paramref name="key"/>, or the value <paramref name="load"/> reads. The load runs
    /// without the caller's token (others may be waiting on it; storage calls have their own timeouts); the
    /// caller stops waiting when its own token is cancelled.
    /// </summary>
    public Task<TValue> GetAsync(TKey key, Func<TKey, Task<TValue>> load, CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return load(key);
        }

        var now = clock.GetUtcNow();
        while (true)
        {
            if (entries.TryGetValue(key, out var current))
            {
                if (now < current.Expires)
                {
                    return current.Value.WaitAsync(cancellationToken);
                }

                var renewed = new Entry(key, load, ExpiryFrom(now));
                if (entries.TryUpdate(key, renewed, current))
                {
                    return Start(key, renewed).WaitAsync(cancellationToken);
                }

                continue;
            }

            if (Count >= capacity && !Prune(now))
            {
                return load(key).WaitAsync(cancellationToken);
            }

            var added = new Entry(key, load, ExpiryFrom(now));
            if (entries.TryAdd(key, added))
            {
                Interlocked.Increment(ref count);
                return Start(key, added).WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>The value of <paramref name="key"/> when it is cached, unexpired and already loaded.</summary>
    public bool TryGetLoaded(TKey key, out TValue value)
    {
        if (lifetime > TimeSpan.Zero
            && entries.TryGetValue(key, out var entry)
            && clock.GetUtcNow() < entry.Expires
            && entry.Value.IsCompletedSuccessfully)
        {
            value = entry.Value.Result;
            return true;
        }

        value = default!;
        return false;
    }

    private DateTimeOffset ExpiryFrom(DateTimeOffset now) =>
        lifetime < DateTimeOffset.MaxValue - now ? now + lifetime : DateTimeOffset.MaxValue;

    private Task<TValue> Start(TKey key, Entry entry)
    {
        var task = entry.Value;
        if (!task.IsCompletedSuccessfully)
        {
            task.ContinueWith(
                t => Remove(new KeyValuePair<TKey, Entry>(key, entry)),
                CancellationToken.None,
                TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return task;
    }

    // Drops expired entries, then (if still full) expendable ones, at most once a second; says whether there is room now.
    private bool Prune(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref nextPruneTicks);
        if (now.UtcTicks >= next && Interlocked.CompareExchange(ref nextPruneTicks, now.UtcTicks + Math.Min(PruneInterval.Ticks, DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks), next) == next)
        {
            RemoveWhere(entry => now >= entry.Expires);
            if (Count >= capacity && expendable is not null)
            {
                RemoveWhere(entry => entry.Value.IsCompletedSuccessfully && expendable(entry.Value.Result));
            }
        }

        return Count < capacity;
    }

    private void RemoveWhere(Func<Entry, bool> condition)
    {
        foreach (var entry in entries)
        {
            if (condition(entry.Value))
            {
                Remove(entry);
            }
        }
    }

    private void Remove(KeyValuePair<TKey, Entry> entry)
    {
        if (entries.TryRemove(entry))
        {
            Interlocked.Decrement(ref count);
        }
    }

    private sealed class Entry(TKey key, Func<TKey, Task<TValue>> load, DateTimeOffset expires)
    {
        private readonly Lazy<Task<TValue>> value = new(() => load(key), LazyThreadSafetyMode.ExecutionAndPublication);

        public DateTimeOffset Expires { get; } = expires;

        public Task<TValue> Value => value.Value;
    }
}
