using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace InFiConD.Core;

public static partial class Kernels
{
    /// <summary>Adds float32 values to float64 sums element by element: <c>sums[j] ← sums[j] + values[j]</c>.</summary>
    /// <param name="values">The values.</param>
    /// <param name="sums">The running sums, as many as the values.</param>
    /// <exception cref="ShapeMismatchException">The lengths differ.</exception>
    /// <remarks>Each sum gets exactly the additions of the scalar loop, so every path gives the same bits; summing rows one
    /// after another gives each column's sum in row order. NaN propagates.</remarks>
    public static void AccumulateAsDouble(ReadOnlySpan<float> values, Span<double> sums)
    {
        RequireLength(sums.Length, values.Length, nameof(sums));
        AccumulateAsDouble(values, sums, shift: null, KernelPath.Auto);
    }

    /// <summary>sums[j] += x[j], or (x[j] − shift[j])² with a shift, on <paramref name="path"/>.</summary>
    internal static void AccumulateAsDouble(ReadOnlySpan<float> values, Span<double> sums, double[]? shift, KernelPath path)
    {
        var j = KernelPaths.Resolve(path) switch
        {
            KernelPath.Vector512 => AccumulateAsDouble<DoubleLanes512, Vector512<double>>(values, sums, shift),
            KernelPath.Vector256 => AccumulateAsDouble<DoubleLanes256, Vector256<double>>(values, sums, shift),
            KernelPath.Vector128 => AccumulateAsDouble<DoubleLanes128, Vector128<double>>(values, sums, shift),
            _ => 0,
        };
        for (; j < values.Length; j++)
        {
            var v = (double)values[j];
            if (shift is not null)
            {
                v -= shift[j];
                v *= v;
            }
            sums[j] += v;
        }
    }

    /// <summary>Whole vectors from the start; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AccumulateAsDouble<TLanes, TVector>(ReadOnlySpan<float> values, Span<double> sums, double[]? shift)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        ref var sum = ref MemoryMarshal.GetReference(sums);
        var j = 0;
        if (shift is null)
        {
            for (; j <= values.Length - TLanes.Count; j += TLanes.Count)
            {
                TLanes.Store(TLanes.Add(TLanes.Load(ref sum, (nuint)j), TLanes.LoadWidened(ref x, (nuint)j)), ref sum, (nuint)j);
            }
            return j;
        }
        ref var s = ref MemoryMarshal.GetArrayDataReference(shift);
        for (; j <= values.Length - TLanes.Count; j += TLanes.Count)
        {
            var v = TLanes.Subtract(TLanes.LoadWidened(ref x, (nuint)j), TLanes.Load(ref s, (nuint)j));
            TLanes.Store(TLanes.Add(TLanes.Load(ref sum, (nuint)j), TLanes.Multiply(v, v)), ref sum, (nuint)j);
        }
        return j;
    }
}
