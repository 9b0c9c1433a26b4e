using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace InFiConD.Core;

public static partial class Kernels
{
    /// <summary>
    /// Computes the softmax of one row of logits, shifted by the row's maximum m so that no exponential overflows:
    /// <c>d[k] = exp(x[k] − m) / Σ_j exp(x[j] − m)</c>. Large logits (±10⁴) are exact limits, not NaN; tied logits
    /// share equally; a −∞ logit gives exactly 0 as long as the row holds a finite one.
    /// </summary>
    /// <param name="x">The logits of one row.</param>
    /// <param name="destination">Receives the probabilities; may overlap <paramref name="x"/> exactly.</param>
    /// <exception cref="ShapeMismatchException">The lengths differ.</exception>
    /// <remarks>
    /// A row holding NaN or +∞, or holding only −∞, has no softmax: every entry of <paramref name="destination"/> is then
    /// NaN (callers that must refuse such rows check first, as <c>TeacherOutputs.FromLogits</c> does). An empty row writes
    /// nothing. The sum runs in float64 in index order, so the result does not depend on where the row lies in memory.
    /// </remarks>
    public static void SoftMax(ReadOnlySpan<float> x, Span<float> destination)
    {
        RequireLength(destination.Length, x.Length, nameof(destination));
        if (x.IsEmpty)
        {
            return;
        }
        var max = TensorPrimitives.Max(x); // NaN when any entry is NaN
        if (!float.IsFinite(max))
        {
            destination.Fill(float.NaN);
            return;
        }
        TensorPrimitives.Subtract(x, max, destination);
        TensorPrimitives.Exp(destination, destination);
        double sum = 0;
        foreach (var e in destination)
        {
            sum += e;
        }
        // sum ≥ exp(0) = 1, from the maximum's own entry.
        TensorPrimitives.Divide(destination, (float)sum, destination);
    }

    /// <summary>
    /// Computes the logistic sigmoid element-wise in its stable form: <c>d[i] = 1 / (1 + e^−x)</c> for x ≥ 0 and
    /// <c>e^x / (1 + e^x)</c> for x &lt; 0, so no exponential overflows and small probabilities keep their relative
    /// precision (σ(−95) ≈ 5.5·10⁻⁴², not 0). σ(+∞) = 1, σ(−∞) = 0, σ(±0) = ½; NaN gives NaN.
    /// </summary>
    /// <param name="x">The logits.</param>
    /// <param name="destination">Receives the probabilities; may overlap <paramref name="x"/> exactly.</param>
    /// <exception cref="ShapeMismatchException">The lengths differ.</exception>
    /// <remarks>Every element goes through the same vector code (the tail through a padded copy), so an element's result
    /// does not depend on the span's length or its position in it.</remarks>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> destination)
    {
        RequireLength(destination.Length, x.Length, nameof(destination));
        Sigmoid(x, destination, KernelPath.Auto);
    }

    /// <summary>
    /// <see cref="Sigmoid(ReadOnlySpan{float}, Span{float})"/> on <paramref name="path"/>: whole vectors of its width, then
    /// 128-bit vectors, the last 1–3 elements padded into one. The scalar path runs 128-bit vectors too where the hardware
    /// has them: the scalar exponential rounds differently, and every path gives the same bits.
    /// </summary>
    internal static void Sigmoid(ReadOnlySpan<float> x, Span<float> destination, KernelPath path)
    {
        if (!Vector128.IsHardwareAccelerated)
        {
            for (var k = 0; k < x.Length; k++)
            {
                destination[k] = (float)Sigmoid((double)x[k]);
            }
            return;
        }
        var i = KernelPaths.Resolve(path) switch
        {
            KernelPath.Vector512 => Sigmoid<FloatLanes512, Vector512<float>>(x, destination, 0),
            KernelPath.Vector256 => Sigmoid<FloatLanes256, Vector256<float>>(x, destination, 0),
            _ => 0,
        };
        i = Sigmoid<FloatLanes128, Vector128<float>>(x, destination, i);
        if (i < x.Length)
        {
            // The last 1–3 elements through the same vector code, padded with zeros.
            Span<float> tail = stackalloc float[Vector128<float>.Count];
            tail.Clear();
            x[i..].CopyTo(tail);
            Sigmoid<FloatLanes128, Vector128<float>>(tail, tail, 0);
            tail[..(x.Length - i)].CopyTo(destination[i..]);
        }
    }

    /// <summary>
    /// Computes the logistic sigmoid of one value in float64, in the stable form of <see cref="Sigmoid(ReadOnlySpan{float}, Span{float})"/>:
    /// <c>1 / (1 + e^−x)</c> for x ≥ 0, <c>e^x / (1 + e^x)</c> for x &lt; 0. σ(+∞) = 1, σ(−∞) = 0; NaN gives NaN.
    /// </summary>
    /// <param name="x">The logit.</param>
    /// <returns>σ(x) in [0, 1], or NaN.</returns>
    public static double Sigmoid(double x)
    {
        if (x >= 0)
        {
            return 1 / (1 + Math.Exp(-x));
        }
        var e = Math.Exp(x); // NaN stays NaN
        return e / (1 + e);
    }

    /// <summary>σ on whole vectors of <typeparamref name="TLanes"/> from <paramref name="i"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Sigmoid<TLanes, TVector>(ReadOnlySpan<float> x, Span<float> destination, int i)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        ref var source = ref MemoryMarshal.GetReference(x);
        ref var target = ref MemoryMarshal.GetReference(destination);
        for (; i <= x.Length - TLanes.Count; i += TLanes.Count)
        {
            TLanes.Store(Sigmoid<TLanes, TVector>(TLanes.Load(ref source, (nuint)i)), ref target, (nuint)i);
        }
        return i;
    }

    /// <summary>σ per lane: with e = e^−|t|, σ(|t|) = 1 / (1 + e), and σ(t) = e · σ(|t|) for t &lt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Sigmoid<TLanes, TVector>(TVector t)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        var one = TLanes.Create(1f);
        var e = TLanes.Exp(TLanes.Negate(TLanes.Abs(t)));
        var positive = TLanes.Divide(one, TLanes.Add(one, e));
        return TLanes.ConditionalSelect(TLanes.LessThan(t, TLanes.Zero), TLanes.Multiply(e, positive), positive);
    }
}
