using System.Globalization;

namespace InFiConD.Benchmarks.Guard;

/// <summary>Whether a measured path is within its floor and ceiling, and if not, why.</summary>
/// <param name="Passed">True when the ratio is at or above the floor and the allocation at or below the ceiling.</param>
/// <param name="Reasons">What failed, one sentence each; empty when <paramref name="Passed"/>.</param>
internal sealed record GuardVerdict(bool Passed, IReadOnlyList<string> Reasons)
{
    /// <summary>
    /// Compares a measured ratio and allocation with a floor entry. A ratio that is not a finite positive number
    /// (a path that took no measurable time, or a broken measurement) fails rather than passing by accident.
    /// </summary>
    internal static GuardVerdict Judge(double ratio, long allocatedBytes, GuardFloor floor)
    {
        var reasons = new List<string>();
        if (!double.IsFinite(ratio) || ratio <= 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{floor.Path}: ratio {ratio} is not a finite positive number"));
        }
        else if (ratio < floor.Floor)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{floor.Path}: ratio {ratio:F2} is below its floor {floor.Floor:F2}"));
        }
        if (allocatedBytes > floor.AllocationCeilingBytes)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"{floor.Path}: allocates {allocatedBytes:N0} B per {floor.AllocationUnit}, above its ceiling of {floor.AllocationCeilingBytes:N0} B"));
        }
        return new GuardVerdict(reasons.Count == 0, reasons);
    }
}
