using System.Globalization;

namespace InFiConD.Benchmarks.Guard;

/// <summary>One line of the guard's table.</summary>
/// <param name="Path">The guarded path.</param>
/// <param name="Measurement">What was measured, or <see langword="null"/> when the path threw.</param>
/// <param name="Floor">Its limits.</param>
/// <param name="Verdict">Pass or fail, with reasons.</param>
/// <param name="Retried">True when the ratio was first below the floor and the path was measured again.</param>
internal sealed record GuardRow(string Path, GuardMeasurement? Measurement, GuardFloor Floor, GuardVerdict Verdict, bool Retried)
{
    /// <summary>Writes the rows as a Markdown table: path, ratio, floor, allocated, ceiling, verdict.</summary>
    internal static void WriteTable(IReadOnlyList<GuardRow> rows, TextWriter writer)
    {
        writer.WriteLine("| path | ratio | floor | allocated | ceiling | verdict |");
        writer.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            var unit = row.Floor.AllocationUnit;
            var ratio = row.Measurement is { } m ? m.Ratio.ToString("F2", CultureInfo.InvariantCulture) + (row.Retried ? " (2nd try)" : "") : "—";
            var allocated = row.Measurement is { } a ? Bytes(a.AllocatedBytes, unit) : "—";
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Path} | {ratio} | {row.Floor.Floor:F2} | {allocated} | {Bytes(row.Floor.AllocationCeilingBytes, unit)} | {(row.Verdict.Passed ? "pass" : "FAIL")} |"));
        }
    }

    private static string Bytes(long bytes, string unit) => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} B/{unit}");
}
