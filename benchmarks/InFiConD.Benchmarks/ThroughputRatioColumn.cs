using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace InFiConD.Benchmarks;

/// <summary>
/// Speed-up over the baseline measured as a ratio of GFLOP/s, not of mean times, so it stays honest when the
/// baseline runs on a subset of the images (where BenchmarkDotNet's Ratio compares calls of different size).
/// </summary>
public sealed class ThroughputRatioColumn : WorkloadColumn
{
    /// <inheritdoc />
    public override string ColumnName => "Speedup";

    /// <inheritdoc />
    public override bool IsNumeric => true;

    /// <inheritdoc />
    public override string Legend =>
        "GFLOP/s of the method ÷ GFLOP/s of the baseline (same P); equals 1/Ratio when both cover the same images, and stays valid when the baseline runs on a subset";

    /// <inheritdoc />
    protected override string Format(Summary summary, BenchmarkCase benchmarkCase, Workload workload)
    {
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        if (baseline is null || WorkloadLookup.For(baseline) is not { } baselineWork)
        {
            return "-";
        }
        var (mine, theirs) = (Gflops(summary, benchmarkCase, workload), Gflops(summary, baseline, baselineWork));
        return mine is { } m && theirs is { } t ? (m / t).ToString("N2", CultureInfo.InvariantCulture) + "x" : "NA";
    }
}
