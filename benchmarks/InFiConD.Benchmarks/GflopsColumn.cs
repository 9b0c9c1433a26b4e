using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace InFiConD.Benchmarks;

/// <summary>Throughput: 2 · images · P · C · D floating-point operations per call over the mean time of a call.</summary>
public sealed class GflopsColumn : WorkloadColumn
{
    /// <inheritdoc />
    public override string ColumnName => "GFLOP/s";

    /// <inheritdoc />
    public override bool IsNumeric => true;

    /// <inheritdoc />
    public override string Legend =>
        "Throughput, 2·images·P·C·D / Mean, with images as in 'Images/call' (the subset where one is used); comparable across methods and sizes";

    /// <inheritdoc />
    protected override string Format(Summary summary, BenchmarkCase benchmarkCase, Workload workload) =>
        Gflops(summary, benchmarkCase, workload) is { } gflops ? gflops.ToString("N2", CultureInfo.InvariantCulture) : "NA";
}
