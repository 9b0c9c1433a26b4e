using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
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
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Sigmoid(Vector512.Create(x.Slice(i, Vector512<float>.Count))).CopyTo(destination.Slice(i));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Sigmoid(Vector256.Create(x.Slice(i, Vector256<float>.Count))).CopyTo(destination.Slice(i));
            }
        }
        if (!Vector128.IsHardwareAccelerated)
        {
            for (; i < x.Length; i++)
            {
                destination[i] = (float)Sigmoid((double)x[i]);
            }
            return;
        }
        for (; i <= x.Length - Vector128<float>.Count; i += Vector128<float>.Count)
        {
            Sigmoid(Vector128.Create(x.Slice(i, Vector128<float>.Count))).CopyTo(destination.Slice(i));
        }
        if (i < x.Length)
        {
            // The last 1–3 elements through the same vector code, padded with zeros.
            Span<float> tail = stackalloc float[Vector128<float>.Count];
            tail.Clear();
            x[i..].CopyTo(tail);
            Sigmoid(Vector128.Create(tail)).CopyTo(tail);
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

    /// <summary>σ per lane: with e = e^−|t|, σ(|t|) = 1 / (1 + e), and σ(t) = e · σ(|t|) for t &lt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Sigmoid(Vector512<float> t)
    {
        var e = Vector512.Exp(-Vector512.Abs(t));
        var positive = Vector512<float>.One / (Vector512<float>.One + e);
        return Vector512.ConditionalSelect(Vector512.LessThan(t, Vector512<float>.Zero), e * positive, positive);
    }

    /// <summary><see cref="Sigmoid(Vector512{float})"/> on 256-bit vectors (the same operations per lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Sigmoid(Vector256<float> t)
    {
        var e = Vector256.Exp(-Vector256.Abs(t));
        var positive = Vector256<float>.One / (Vector256<float>.One + e);
        return Vector256.ConditionalSelect(Vector256.LessThan(t, Vector256<float>.Zero), e * positive, positive);
    }

    /// <summary><see cref="Sigmoid(Vector512{float})"/> on 128-bit vectors (the same operations per lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Sigmoid(Vector128<float> t)
    {
        var e = Vector128.Exp(-Vector128.Abs(t));
        var positive = Vector128<float>.One / (Vector128<float>.One + e);
        return Vector128.ConditionalSelect(Vector128.LessThan(t, Vector128<float>.Zero), e * positive, positive);
    }
}
