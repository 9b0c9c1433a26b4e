using System.Runtime.Intrinsics;

namespace InFiConD.Core;

public static partial class Kernels
{
    /// <summary>Soft-thresholds: <c>d[i] = sign(x[i]) · max(|x[i]| − t, 0)</c>, the proximal map of <c>t‖·‖₁</c>.</summary>
    /// <param name="x">The values.</param>
    /// <param name="threshold">t ≥ 0.</param>
    /// <param name="destination">Receives the result; may overlap <paramref name="x"/> exactly.</param>
    /// <exception cref="ShapeMismatchException">Lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is negative or NaN.</exception>
    /// <remarks>NaN inputs give NaN.</remarks>
    public static void SoftThreshold(ReadOnlySpan<float> x, float threshold, Span<float> destination)
    {
        if (!(threshold >= 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be ≥ 0.");
        }
        RequireLength(destination.Length, x.Length, nameof(destination));
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var t = Vector512.Create(threshold);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.Create(x.Slice(i, Vector512<float>.Count));
                SoftThreshold(v, t).CopyTo(destination.Slice(i));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var t = Vector256.Create(threshold);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.Create(x.Slice(i, Vector256<float>.Count));
                SoftThreshold(v, t).CopyTo(destination.Slice(i));
            }
        }
        for (; i < x.Length; i++)
        {
            destination[i] = SoftThreshold(x[i], threshold);
        }
    }

    /// <summary>
    /// The proximal map of a weighted L1 penalty plus a box: <c>d[i] = clamp(sign(x[i]) · max(|x[i]| − t[i], 0), lo[i], hi[i])</c>.
    /// </summary>
    /// <param name="x">The values.</param>
    /// <param name="thresholds">Per-element thresholds t[i] ≥ 0 (+∞ forces the element to the point of the box nearest 0).</param>
    /// <param name="lower">Per-element lower bounds (−∞ for none).</param>
    /// <param name="upper">Per-element upper bounds (+∞ for none), each ≥ its lower bound.</param>
    /// <param name="destination">Receives the result; may overlap <paramref name="x"/> exactly.</param>
    /// <exception cref="ShapeMismatchException">Lengths differ.</exception>
    /// <remarks>The box is applied after the threshold, which is the exact prox because both act per element and the
    /// L1 term is convex. Bounds are not validated here (hot path); the solver validates them once.</remarks>
    public static void SoftThresholdClamp(ReadOnlySpan<float> x, ReadOnlySpan<float> thresholds, ReadOnlySpan<float> lower, ReadOnlySpan<float> upper, Span<float> destination)
    {
        RequireLength(thresholds.Length, x.Length, nameof(thresholds));
        RequireLength(lower.Length, x.Length, nameof(lower));
        RequireLength(upper.Length, x.Length, nameof(upper));
        RequireLength(destination.Length, x.Length, nameof(destination));
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            const int w = 16;
            for (; i <= x.Length - w; i += w)
            {
                var v = SoftThreshold(Vector512.Create(x.Slice(i, w)), Vector512.Create(thresholds.Slice(i, w)));
                Vector512.Min(Vector512.Max(v, Vector512.Create(lower.Slice(i, w))), Vector512.Create(upper.Slice(i, w))).CopyTo(destination.Slice(i));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            const int w = 8;
            for (; i <= x.Length - w; i += w)
            {
                var v = SoftThreshold(Vector256.Create(x.Slice(i, w)), Vector256.Create(thresholds.Slice(i, w)));
                Vector256.Min(Vector256.Max(v, Vector256.Create(lower.Slice(i, w))), Vector256.Create(upper.Slice(i, w))).CopyTo(destination.Slice(i));
            }
        }
        for (; i < x.Length; i++)
        {
            destination[i] = MathF.Min(MathF.Max(SoftThreshold(x[i], thresholds[i]), lower[i]), upper[i]);
        }
    }

    /// <summary>Clamps element-wise: <c>d[i] = min(max(x[i], lower[i]), upper[i])</c>.</summary>
    /// <param name="x">The values.</param>
    /// <param name="lower">Lower bounds.</param>
    /// <param name="upper">Upper bounds.</param>
    /// <param name="destination">Receives the result; may overlap <paramref name="x"/> exactly.</param>
    /// <exception cref="ShapeMismatchException">Lengths differ.</exception>
    public static void Clamp(ReadOnlySpan<float> x, ReadOnlySpan<float> lower, ReadOnlySpan<float> upper, Span<float> destination)
    {
        RequireLength(lower.Length, x.Length, nameof(lower));
        RequireLength(upper.Length, x.Length, nameof(upper));
        RequireLength(destination.Length, x.Length, nameof(destination));
        System.Numerics.Tensors.TensorPrimitives.Max(x, lower, destination);
        System.Numerics.Tensors.TensorPrimitives.Min(destination, upper, destination);
    }

    // max(|x| − t, 0) with the sign of x copied back: branch-free and exact.
    private static float SoftThreshold(float x, float t) => MathF.CopySign(MathF.Max(MathF.Abs(x) - t, 0f), x);

    private static Vector512<float> SoftThreshold(Vector512<float> x, Vector512<float> t) =>
        Vector512.CopySign(Vector512.Max(Vector512.Abs(x) - t, Vector512<float>.Zero), x);

    private static Vector256<float> SoftThreshold(Vector256<float> x, Vector256<float> t) =>
        Vector256.CopySign(Vector256.Max(Vector256.Abs(x) - t, Vector256<float>.Zero), x);
}
