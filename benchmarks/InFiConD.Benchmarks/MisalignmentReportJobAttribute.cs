using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace InFiConD.Benchmarks;

/// <summary>
/// The job for <see cref="MisalignmentReportBenchmarks"/>: one process, three warm-up iterations and fifteen measured
/// iterations of exactly one call each (the calls take tens of milliseconds to a second), with Median, Min and Max.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MisalignmentReportJobAttribute : Attribute, IConfigSource
{
    /// <summary>Creates the job and the columns.</summary>
    public MisalignmentReportJobAttribute()
    {
        var job = Job.Default
            .WithId("MisalignmentReport")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .AsDefault();
        Config = ManualConfig.CreateEmpty().AddJob(job).AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
    }

    /// <inheritdoc />
    public IConfig Config { get; }
}
