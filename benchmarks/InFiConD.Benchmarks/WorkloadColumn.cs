using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace InFiConD.Benchmarks;

/// <summary>Shared plumbing of the columns computed from a case's <see cref="Workload"/> and its mean time.</summary>
public abstract class WorkloadColumn : IColumn
{
    /// <inheritdoc />
    public string Id => GetType().Name;

    /// <inheritdoc />
    public abstract string ColumnName { get; }

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public abstract bool IsNumeric { get; }

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public abstract string Legend { get; }

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => WorkloadLookup.For(c) is not null);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        WorkloadLookup.For(benchmarkCase) is { } workload ? Format(summary, benchmarkCase, workload) : "-";

    /// <inheritdoc />
    public override string ToString() => ColumnName;

    /// <summary>The cell text for a case whose class describes its work.</summary>
    protected abstract string Format(Summary summary, BenchmarkCase benchmarkCase, Workload workload);

    /// <summary>GFLOP/s of a case from its mean time, or null when it has no result (failed or not run).</summary>
    protected static double? Gflops(Summary summary, BenchmarkCase benchmarkCase, Workload workload)
    {
        var meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNanoseconds is > 0 ? workload.Flops / meanNanoseconds.Value : null;
    }
}
