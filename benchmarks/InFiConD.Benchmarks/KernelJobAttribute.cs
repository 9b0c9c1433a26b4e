using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace InFiConD.Benchmarks;

/// <summary>
/// The job for kernel calls that take from tens of milliseconds to a minute: one process, one warm-up iteration
/// and three measured iterations of exactly one call each (InvocationCount = UnrollFactor = 1), so a method runs
/// five times in all, counting BenchmarkDotNet's jitting call, and Mean is the time of one call. The invocation
/// count is pinned because BenchmarkDotNet's pilot stage would otherwise run at least four calls per iteration,
/// twenty minutes for a one-minute baseline; the price is a MinIterationTime warning for the calls under 100 ms.
/// It is the class's default job: a job named on the command line (for example <c>--job Dry</c>) replaces it.
/// Also adds the Images/call, GFLOP/s, Peak and Speedup columns.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class KernelJobAttribute : Attribute, IConfigSource
{
    /// <summary>Creates the job and the columns.</summary>
    public KernelJobAttribute()
    {
        var job = Job.Default
            .WithId("Kernel")
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .AsDefault();
        Config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddColumn(new WorkColumn(), new GflopsColumn(), new PeakFractionColumn(), new ThroughputRatioColumn());
    }

    /// <inheritdoc />
    public IConfig Config { get; }
}
