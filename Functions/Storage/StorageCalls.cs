using Azure.Core;
using Azure.Core.Pipeline;

namespace Connectors.Api.Storage;

/// <summary>
/// Counts the calls the app sends to Table Storage (each attempt, retries included), in total and for the
/// request being served, so that the cost of a request can be logged, tested and bounded.
/// </summary>
public sealed class StorageCalls : HttpPipelinePolicy
{
    private static readonly AsyncLocal<Counter?> CurrentRequest = new();

    private long total;

    /// <summary>Every call since the app started.</summary>
    public long Total => Interlocked.Read(ref total);

    /// <summary>Starts counting the calls made by the current request (its async flow).</summary>
    public static Counter BeginRequest() => CurrentRequest.Value = new Counter();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count();
        return ProcessNextAsync(message, pipeline);
    }

    private void Count()
    {
        Interlocked.Increment(ref total);
        CurrentRequest.Value?.Increment();
    }

    /// <summary>The calls made while serving one request.</summary>
    public sealed class Counter
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        internal void Increment() => Interlocked.Increment(ref calls);
    }
}
