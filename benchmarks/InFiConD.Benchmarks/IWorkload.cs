namespace InFiConD.Benchmarks;

/// <summary>
/// A benchmark class that can say how much work one call of each of its methods does, so the
/// <see cref="WorkColumn"/>, <see cref="GflopsColumn"/> and <see cref="ThroughputRatioColumn"/> can show it.
/// </summary>
public interface IWorkload
{
    /// <summary>The work one call of <paramref name="method"/> does at P = <paramref name="segmentsPerImage"/>.</summary>
    static abstract Workload Describe(string method, int segmentsPerImage);
}

/// <summary>What one benchmark call computes.</summary>
/// <param name="Images">Images whose scores (or whose N·P rows of A·Bᵀ) one call computes.</param>
/// <param name="IsSubset">True when the method runs on the first <paramref name="Images"/> images only, not all N.</param>
/// <param name="Flops">Floating-point operations per call: 2 · images · P · C · D (one multiply and one add per term).</param>
public sealed record Workload(int Images, bool IsSubset, double Flops);
