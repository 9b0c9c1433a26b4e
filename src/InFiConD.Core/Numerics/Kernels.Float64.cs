using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace InFiConD.Core;

public static partial class Kernels
{
    /// <summary>Lanes of the float64 dot product's accumulator, whatever the vector width.</summary>
    private const int DotLanes = 16;

    /// <summary>
    /// Computes the float64 dot product <c>Σ_i x[i] · y[i]</c> with fused multiply-adds in one fixed order: for a length
    /// of at least 8, term i goes to lane i mod 16 of a 16-lane accumulator while whole groups of 16 (then one of 8)
    /// remain, the lanes are folded pairwise (lane l + lane l + 8, then a tree over the 8), and the last terms continue
    /// that sum one by one; for a length of 4 to 7 the first four products are summed pairwise and the rest continue
    /// one by one; a shorter product is one chain in index order. (The order the widest vectors of earlier versions
    /// took, kept so that results keep their bits.)
    /// </summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, as long as <paramref name="x"/>.</param>
    /// <returns>The dot product; 0 for empty vectors.</returns>
    /// <exception cref="ShapeMismatchException">The lengths differ.</exception>
    /// <remarks>The order never depends on the vector width or where the arrays lie in memory, so every path gives the same
    /// bits. NaN in either vector gives NaN; infinities follow IEEE arithmetic.</remarks>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        RequireLength(y.Length, x.Length, nameof(y));
        return Dot(x, y, KernelPath.Auto);
    }

    /// <summary>
    /// Adds a multiple of one float64 vector to another in place: <c>y[i] ← y[i] + scale · x[i]</c>, one fused
    /// multiply-add per element.
    /// </summary>
    /// <param name="scale">The multiple.</param>
    /// <param name="x">The vector added.</param>
    /// <param name="y">The vector updated, as long as <paramref name="x"/>; must not overlap it except exactly.</param>
    /// <exception cref="ShapeMismatchException">The lengths differ.</exception>
    /// <remarks>Each element is computed alone, so every path gives the same bits. NaN propagates.</remarks>
    public static void AddScaled(double scale, ReadOnlySpan<double> x, Span<double> y)
    {
        RequireLength(y.Length, x.Length, nameof(y));
        AddScaled(scale, x, y, KernelPath.Auto);
    }

    internal static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y, KernelPath path)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var (n, i, sum) = (x.Length, 0, 0.0);
        if (n >= DotLanes / 2)
        {
            sum = KernelPaths.Resolve(path) switch
            {
                KernelPath.Vector512 => Dot<DoubleLanes512, Vector512<double>>(ref xr, ref yr, n, out i),
                KernelPath.Vector256 => Dot<DoubleLanes256, Vector256<double>>(ref xr, ref yr, n, out i),
                KernelPath.Vector128 => Dot<DoubleLanes128, Vector128<double>>(ref xr, ref yr, n, out i),
                _ => DotScalar(ref xr, ref yr, n, out i),
            };
        }
        else if (n >= DotLanes / 4)
        {
            // Four lanes summed pairwise; "+ 0" as the vector sum's empty upper lanes did (a −0 product becomes +0).
            var (p0, p1) = (Math.FusedMultiplyAdd(xr, yr, 0.0) + 0.0, Math.FusedMultiplyAdd(Unsafe.Add(ref xr, 1), Unsafe.Add(ref yr, 1), 0.0) + 0.0);
            var (p2, p3) = (Math.FusedMultiplyAdd(Unsafe.Add(ref xr, 2), Unsafe.Add(ref yr, 2), 0.0) + 0.0, Math.FusedMultiplyAdd(Unsafe.Add(ref xr, 3), Unsafe.Add(ref yr, 3), 0.0) + 0.0);
            (sum, i) = ((p0 + p1) + (p2 + p3), DotLanes / 4);
        }
        for (; i < n; i++)
        {
            sum = Math.FusedMultiplyAdd(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i), sum);
        }
        return sum;
    }

    internal static void AddScaled(double scale, ReadOnlySpan<double> x, Span<double> y, KernelPath path)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var i = KernelPaths.Resolve(path) switch
        {
            KernelPath.Vector512 => AddScaled<DoubleLanes512, Vector512<double>>(scale, ref xr, ref yr, x.Length),
            KernelPath.Vector256 => AddScaled<DoubleLanes256, Vector256<double>>(scale, ref xr, ref yr, x.Length),
            KernelPath.Vector128 => AddScaled<DoubleLanes128, Vector128<double>>(scale, ref xr, ref yr, x.Length),
            _ => 0,
        };
        for (; i < x.Length; i++)
        {
            Unsafe.Add(ref yr, i) = Math.FusedMultiplyAdd(scale, Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
        }
    }

    /// <summary>
    /// The 16-lane part of <see cref="Dot(ReadOnlySpan{double}, ReadOnlySpan{double})"/> (n ≥ 8): the lanes held in
    /// 16 / Count vectors a0, a1, … (a_k holds lanes k·Count …), folded; <paramref name="end"/> is where the terms left for
    /// the caller's chain begin. The vectors a width does not use are behind conditions on its constant Count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot<TLanes, TVector>(ref double x, ref double y, int n, out int end)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct
    {
        var c = (nuint)TLanes.Count;
        TVector a0 = TLanes.Zero, a1 = TLanes.Zero, a2 = TLanes.Zero, a3 = TLanes.Zero, a4 = TLanes.Zero, a5 = TLanes.Zero, a6 = TLanes.Zero, a7 = TLanes.Zero;
        var i = 0;
        for (; i <= n - DotLanes; i += DotLanes)
        {
            var at = (nuint)i;
            a0 = TLanes.FusedMultiplyAdd(TLanes.Load(ref x, at), TLanes.Load(ref y, at), a0);
            a1 = TLanes.FusedMultiplyAdd(TLanes.Load(ref x, at + c), TLanes.Load(ref y, at + c), a1);
            if (TLanes.Count <= 4)
            {
                a2 = TLanes.FusedMultiplyAdd(TLanes.Load(ref x, at + (2 * c)), TLanes.Load(ref y, at + (2 * c)), a2);
                a3 = TLanes.FusedMultiplyAdd(TLanes.Load(ref x, at + (3 * c)), TLanes.Load(ref y, at + (3 * c)), a3);
            }
            if (TLanes.Count <= 2)
            {
                a4 = TLanes.FusedMultiplyAdd(TLanes.Load(ref x, at + (4 * c)), TLanes.Load(ref y, at + (4 * c)), a4);
                a5 = TLanes.FusedMultiplyAdd(TLanes.Load(ref x, at + (5 * c)), TLanes.Load(ref y, at + (5 * c)), a5);
                a6 = TLanes.FusedMultiplyAdd(TLanes.Load(ref x, at + (6 * c)), TLanes.Load(ref y, at + (6 * c)), a6);
                a7 = TLanes.FusedMultiplyAdd(TLanes.Load(ref x, at + (7 * c)), TLanes.Load(ref y, at + (7 * c)), a7);
            }
        }
        if (i <= n - (DotLanes / 2))
        {
            // One group of 8: lanes 0–7, the first 8 / Count vectors.
            var at = (nuint)i;
            a0 = TLanes.FusedMultiplyAdd(TLanes.Load(ref x, at), TLanes.Load(ref y, at), a0);
            if (TLanes.Count <= 4)
            {
                a1 = TLanes.FusedMultiplyAdd(TLanes.Load(ref x, at + c), TLanes.Load(ref y, at + c), a1);
            }
            if (TLanes.Count <= 2)
            {
                a2 = TLanes.FusedMultiplyAdd(TLanes.Load(ref x, at + (2 * c)), TLanes.Load(ref y, at + (2 * c)), a2);
                a3 = TLanes.FusedMultiplyAdd(TLanes.Load(ref x, at + (3 * c)), TLanes.Load(ref y, at + (3 * c)), a3);
            }
            i += DotLanes / 2;
        }
        end = i;
        // Lane l + lane l + 8, then the pairwise tree over the 8 (Sum is pairwise within a vector).
        return TLanes.Count switch
        {
            8 => TLanes.Sum(TLanes.Add(a0, a1)),
            4 => TLanes.Sum(TLanes.Add(a0, a2)) + TLanes.Sum(TLanes.Add(a1, a3)),
            _ => (TLanes.Sum(TLanes.Add(a0, a4)) + TLanes.Sum(TLanes.Add(a1, a5))) + (TLanes.Sum(TLanes.Add(a2, a6)) + TLanes.Sum(TLanes.Add(a3, a7))),
        };
    }

    /// <summary>The 16-lane part of the dot product one lane at a time: the scalar path, the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double DotScalar(ref double x, ref double y, int n, out int end)
    {
        Span<double> lanes = stackalloc double[DotLanes];
        lanes.Clear();
        var i = 0;
        for (; i <= n - DotLanes; i += DotLanes)
        {
            for (var l = 0; l < DotLanes; l++)
            {
                lanes[l] = Math.FusedMultiplyAdd(Unsafe.Add(ref x, i + l), Unsafe.Add(ref y, i + l), lanes[l]);
            }
        }
        if (i <= n - (DotLanes / 2))
        {
            for (var l = 0; l < DotLanes / 2; l++)
            {
                lanes[l] = Math.FusedMultiplyAdd(Unsafe.Add(ref x, i + l), Unsafe.Add(ref y, i + l), lanes[l]);
            }
            i += DotLanes / 2;
        }
        end = i;
        for (var l = 0; l < DotLanes / 2; l++)
        {
            lanes[l] += lanes[l + (DotLanes / 2)];
        }
        return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
    }

    /// <summary><c>y ← fma(scale, x, y)</c> on whole vectors; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AddScaled<TLanes, TVector>(double scale, ref double x, ref double y, int n)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct
    {
        var s = TLanes.Create(scale);
        var i = 0;
        for (; i <= n - TLanes.Count; i += TLanes.Count)
        {
            TLanes.Store(TLanes.FusedMultiplyAdd(s, TLanes.Load(ref x, (nuint)i), TLanes.Load(ref y, (nuint)i)), ref y, (nuint)i);
        }
        return i;
    }
}
