using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Connectors.Api.Benchmarks;

/// <summary>
/// One launch, 3 warm-up and 10 measured iterations per benchmark: the whole run takes a few minutes on a
/// 2-core machine, and the error columns say how much the numbers can be trusted.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("ShortRun2Core"));
    }
}
