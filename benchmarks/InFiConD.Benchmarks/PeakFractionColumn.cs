using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace InFiConD.Benchmarks;

/// <summary>
/// A case's GFLOP/s as a fraction of the machine's single-precision FMA peak (<see cref="PeakFlops"/>), measured in
/// the host process when the table is printed, just after the benchmarks ran.
/// </summary>
public sealed class PeakFractionColumn : WorkloadColumn
{
    /// <inheritdoc />
    public override string ColumnName => "Peak";

    /// <inheritdoc />
    public override bool IsNumeric => true;

    /// <inheritdoc />
    public override string Legend =>
        $"GFLOP/s ÷ the FMA-throughput peak on all processors ({PeakFlops.Gflops:N1} GFLOP/s with Vector{PeakFlops.VectorBits}, measured after the run)";

    /// <inheritdoc />
    protected override string Format(Summary summary, BenchmarkCase benchmarkCase, Workload workload) =>
        Gflops(summary, benchmarkCase, workload) is { } gflops
            ? (gflops / PeakFlops.Gflops).ToString("P0", CultureInfo.InvariantCulture)
            : "NA";
}
