using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace InFiConD.Benchmarks;

/// <summary>
/// The job for the interactive edit round trip (tens of milliseconds per call): one process, 30 warm-up iterations and
/// 25 measured iterations of exactly one call each, so the median is the median of 25 round trips (more than other
/// jobs: the calls are short and the shared machine is noisy); an iteration setup restores the session's state before
/// every call. Thirty warm-up calls let the runtime's tiered JIT promote the code every call runs once (the call-count
/// threshold is 30), so the figures are an editing session's steady state; a session's first few edits cost more
/// (docs/performance.md, "Edit round trip"). Adds the Median, Min and Max columns.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EditRoundTripJobAttribute : Attribute, IConfigSource
{
    /// <summary>Creates the job and the column.</summary>
    public EditRoundTripJobAttribute()
    {
        var job = Job.Default
            .WithId("EditRoundTrip")
            .WithLaunchCount(1)
            .WithWarmupCount(30)
            .WithIterationCount(25)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .AsDefault();
        Config = ManualConfig.CreateEmpty().AddJob(job).AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
    }

    /// <inheritdoc />
    public IConfig Config { get; }
}
