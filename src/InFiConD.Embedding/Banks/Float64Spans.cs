using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace InFiConD.Embedding;

/// <summary>
/// The two float64 span operations the CAV solver spends its time in. Each result is one fixed sequence
/// of operations for a given length on a given machine (widest accelerated vector, then a scalar tail;
/// never an address-dependent split), so it does not depend on where the arrays happen to sit in memory.
/// </summary>
internal static class Float64Spans
{
    /// <summary>Computes <c>Σ_i x_i y_i</c> (fused multiply-adds in two vector accumulators, then the tail in order).</summary>
    internal static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Debug.Assert(x.Length == y.Length);
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var n = x.Length;
        var i = 0;
        var sum = 0.0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            const int w = 8;
            Vector512<double> a0 = Vector512<double>.Zero, a1 = Vector512<double>.Zero;
            for (; i <= n - (2 * w); i += 2 * w)
            {
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i), a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)(i + w)), Vector512.LoadUnsafe(ref yr, (nuint)(i + w)), a1);
            }
            if (i <= n - w)
            {
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i), a0);
                i += w;
            }
            sum = Vector512.Sum(a0 + a1);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            const int w = 4;
            Vector256<double> a0 = Vector256<double>.Zero, a1 = Vector256<double>.Zero;
            for (; i <= n - (2 * w); i += 2 * w)
            {
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i), a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(i + w)), Vector256.LoadUnsafe(ref yr, (nuint)(i + w)), a1);
            }
            if (i <= n - w)
            {
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i), a0);
                i += w;
            }
            sum = Vector256.Sum(a0 + a1);
        }
        for (; i < n; i++)
        {
            sum = Math.FusedMultiplyAdd(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i), sum);
        }
        return sum;
    }

    /// <summary>Computes <c>y_i ← y_i + a · x_i</c> (one fused multiply-add per element, whichever path handles it).</summary>
    internal static void AddScaled(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        Debug.Assert(x.Length == y.Length);
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var n = x.Length;
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var va = Vector512.Create(a);
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref yr, i) = Math.FusedMultiplyAdd(a, Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
        }
    }
}
