using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace InFiConD.Benchmarks;

/// <summary>
/// The job for the interactive edit round trip (tens of milliseconds per call): one process, three warm-up
/// iterations and 25 measured iterations of exactly one call each, so the median is the median of 25 round trips
/// (more than other jobs: the calls are short and the shared machine is noisy); an iteration setup restores the
/// session's state before every call. Adds the Median, Min and Max columns.
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
            .WithWarmupCount(3)
            .WithIterationCount(25)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .AsDefault();
        Config = ManualConfig.CreateEmpty().AddJob(job).AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
    }

    /// <inheritdoc />
    public IConfig Config { get; }
}
