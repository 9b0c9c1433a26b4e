using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        SoftThreshold(x, threshold, destination, KernelPath.Auto);
    }

    internal static void SoftThreshold(ReadOnlySpan<float> x, float threshold, Span<float> destination, KernelPath path)
    {
        var i = KernelPaths.Resolve(path) switch
        {
            KernelPath.Vector512 => SoftThreshold<FloatLanes512, Vector512<float>>(x, threshold, destination, 0),
            KernelPath.Vector256 => SoftThreshold<FloatLanes256, Vector256<float>>(x, threshold, destination, 0),
            KernelPath.Vector128 => SoftThreshold<FloatLanes128, Vector128<float>>(x, threshold, destination, 0),
            _ => 0,
        };
        SoftThreshold<ScalarLanes, float>(x, threshold, destination, i);
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
        SoftThresholdClamp(x, thresholds, lower, upper, destination, KernelPath.Auto);
    }

    internal static void SoftThresholdClamp(ReadOnlySpan<float> x, ReadOnlySpan<float> thresholds, ReadOnlySpan<float> lower, ReadOnlySpan<float> upper, Span<float> destination, KernelPath path)
    {
        var i = KernelPaths.Resolve(path) switch
        {
            KernelPath.Vector512 => SoftThresholdClamp<FloatLanes512, Vector512<float>>(x, thresholds, lower, upper, destination, 0),
            KernelPath.Vector256 => SoftThresholdClamp<FloatLanes256, Vector256<float>>(x, thresholds, lower, upper, destination, 0),
            KernelPath.Vector128 => SoftThresholdClamp<FloatLanes128, Vector128<float>>(x, thresholds, lower, upper, destination, 0),
            _ => 0,
        };
        SoftThresholdClamp<ScalarLanes, float>(x, thresholds, lower, upper, destination, i);
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

    /// <summary>Whole vectors of <typeparamref name="TLanes"/> from <paramref name="i"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SoftThreshold<TLanes, TVector>(ReadOnlySpan<float> x, float threshold, Span<float> destination, int i)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        ref var source = ref MemoryMarshal.GetReference(x);
        ref var target = ref MemoryMarshal.GetReference(destination);
        var t = TLanes.Create(threshold);
        for (; i <= x.Length - TLanes.Count; i += TLanes.Count)
        {
            TLanes.Store(SoftThreshold<TLanes, TVector>(TLanes.Load(ref source, (nuint)i), t), ref target, (nuint)i);
        }
        return i;
    }

    /// <summary>Whole vectors of <typeparamref name="TLanes"/> from <paramref name="i"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SoftThresholdClamp<TLanes, TVector>(ReadOnlySpan<float> x, ReadOnlySpan<float> thresholds, ReadOnlySpan<float> lower, ReadOnlySpan<float> upper, Span<float> destination, int i)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        ref var source = ref MemoryMarshal.GetReference(x);
        ref var t = ref MemoryMarshal.GetReference(thresholds);
        ref var low = ref MemoryMarshal.GetReference(lower);
        ref var high = ref MemoryMarshal.GetReference(upper);
        ref var target = ref MemoryMarshal.GetReference(destination);
        for (; i <= x.Length - TLanes.Count; i += TLanes.Count)
        {
            var at = (nuint)i;
            var v = SoftThreshold<TLanes, TVector>(TLanes.Load(ref source, at), TLanes.Load(ref t, at));
            TLanes.Store(TLanes.Min(TLanes.Max(v, TLanes.Load(ref low, at)), TLanes.Load(ref high, at)), ref target, at);
        }
        return i;
    }

    // max(|x| − t, 0) with the sign of x copied back: branch-free and exact.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector SoftThreshold<TLanes, TVector>(TVector x, TVector t)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct =>
        TLanes.CopySign(TLanes.Max(TLanes.Subtract(TLanes.Abs(x), t), TLanes.Zero), x);
}
