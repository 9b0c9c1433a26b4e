using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace InFiConD.Benchmarks;

/// <summary>Shows how many images one call covers, marking the baselines that run on a subset.</summary>
public sealed class WorkColumn : WorkloadColumn
{
    /// <inheritdoc />
    public override string ColumnName => "Images/call";

    /// <inheritdoc />
    public override bool IsNumeric => false;

    /// <inheritdoc />
    public override string Legend =>
        "Images one call covers (× P segment rows each); 'subset' = only the first images, so compare GFLOP/s and Speedup, not Mean or Ratio";

    /// <inheritdoc />
    protected override string Format(Summary summary, BenchmarkCase benchmarkCase, Workload workload) =>
        workload.IsSubset ? $"{workload.Images:N0} (subset)" : $"{workload.Images:N0}";
}
