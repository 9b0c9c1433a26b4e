using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace InFiConD.Core;

public static partial class Kernels
{
    /// <summary>Below this, log(1 + e) is its series e − e²/2 + e³/3 (error under e⁴/4): the vector Log is several times
    /// slower on arguments within about 10⁻³ of 1, which is where most confident logits put it.</summary>
    private const float SeriesBelow = 1f / 1024;

    /// <summary>Elements per group of the float64 lane sum (<see cref="SumAsDouble"/>).</summary>
    private const int LaneGroup = 8;

    /// <summary>
    /// Computes the summed binary cross-entropy of logits against targets in one pass: with <c>t[i] = logits[i] + bias</c>
    /// (written to <paramref name="biasedLogits"/>), returns <c>Σ_i softplus(t[i]) − targets[i] · t[i]</c> in float64, where
    /// <c>softplus(t) = max(t, 0) + log(1 + e^−|t|)</c>, stable for any t.
    /// </summary>
    /// <param name="logits">The logits.</param>
    /// <param name="bias">Added to every logit.</param>
    /// <param name="targets">The targets (probabilities in [0, 1]), as many as the logits.</param>
    /// <param name="biasedLogits">Receives <c>logits + bias</c>, as many as the logits.</param>
    /// <returns>The sum, accumulated as <see cref="SumAsDouble"/> does.</returns>
    /// <exception cref="ShapeMismatchException">The lengths differ.</exception>
    /// <remarks>Every element, the tail's included, goes through the same vector code (128-bit vectors on the scalar path,
    /// where the hardware has them), so every path gives the same bits. A NaN logit or target makes the sum NaN.</remarks>
    public static double LogisticLossSum(ReadOnlySpan<float> logits, float bias, ReadOnlySpan<float> targets, Span<float> biasedLogits)
    {
        RequireLength(targets.Length, logits.Length, nameof(targets));
        RequireLength(biasedLogits.Length, logits.Length, nameof(biasedLogits));
        return LogisticLossSum(logits, bias, targets, biasedLogits, KernelPath.Auto);
    }

    /// <summary>
    /// Computes <c>Σ_i values[i]</c> in float64 in a fixed order: element i in lane i mod 8 of an 8-lane accumulator
    /// while whole groups of eight remain, the rest one by one into a separate sum; then lane 0 + lane 4, lane 1 + lane 5, …
    /// added in lane order, and the rest last.
    /// </summary>
    /// <param name="values">The values.</param>
    /// <returns>The sum; 0 for no values. NaN when a value is NaN.</returns>
    /// <remarks>The order depends only on the length: the same bits on every path and machine, without the latency of one chain.</remarks>
    public static double SumAsDouble(ReadOnlySpan<float> values)
    {
        var sum = new LaneSum();
        sum.Add(values);
        return sum.Total;
    }

    internal static double LogisticLossSum(ReadOnlySpan<float> logits, float bias, ReadOnlySpan<float> targets, Span<float> biasedLogits, KernelPath path) =>
        KernelPaths.Resolve(path) switch
        {
            KernelPath.Vector512 => LogisticLossSum<FloatLanes512, Vector512<float>>(logits, bias, targets, biasedLogits),
            KernelPath.Vector256 => LogisticLossSum<FloatLanes256, Vector256<float>>(logits, bias, targets, biasedLogits),
            _ => LogisticLossSum<FloatLanes128, Vector128<float>>(logits, bias, targets, biasedLogits),
        };

    /// <summary>
    /// The loss sum at one width: whole steps of max(Count, 8) elements (so each group of eight reaches the lane sum whole),
    /// then the rest, a step at a time, through the same code on zero-padded copies.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double LogisticLossSum<TLanes, TVector>(ReadOnlySpan<float> logits, float bias, ReadOnlySpan<float> targets, Span<float> biasedLogits)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        var step = Math.Max(TLanes.Count, LaneGroup);
        var b = TLanes.Create(bias);
        ref var l = ref MemoryMarshal.GetReference(logits);
        ref var y = ref MemoryMarshal.GetReference(targets);
        ref var biased = ref MemoryMarshal.GetReference(biasedLogits);
        var sum = new LaneSum();
        var n = logits.Length;
        var i = 0;
        for (; i <= n - step; i += step)
        {
            for (var k = i; k < i + step; k += TLanes.Count)
            {
                var term = LossTerm<TLanes, TVector>(ref l, ref y, (nuint)k, b, out var t);
                TLanes.Store(t, ref biased, (nuint)k);
                TLanes.AddTo(ref sum, term, k);
            }
        }
        if (i < n)
        {
            Span<float> tail = stackalloc float[3 * step];
            tail.Clear();
            logits[i..].CopyTo(tail);
            targets[i..].CopyTo(tail[step..]);
            ref var padded = ref MemoryMarshal.GetReference(tail);
            ref var paddedTargets = ref tail[step];
            ref var terms = ref tail[2 * step];
            for (var k = 0; k < step; k += TLanes.Count)
            {
                var term = LossTerm<TLanes, TVector>(ref padded, ref paddedTargets, (nuint)k, b, out var t);
                TLanes.Store(t, ref padded, (nuint)k);
                TLanes.Store(term, ref terms, (nuint)k);
            }
            var count = n - i;
            tail[..count].CopyTo(biasedLogits[i..]);
            sum.Add(tail.Slice(2 * step, count));
        }
        return sum.Total;
    }

    /// <summary>The loss terms softplus(t) − y·t of the vector at <paramref name="at"/>, with t = logits + bias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector LossTerm<TLanes, TVector>(ref float logits, ref float targets, nuint at, TVector bias, out TVector t)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        t = TLanes.Add(TLanes.Load(ref logits, at), bias);
        return TLanes.Subtract(Softplus<TLanes, TVector>(t), TLanes.Multiply(TLanes.Load(ref targets, at), t));
    }

    /// <summary>softplus(t) = max(t, 0) + log(1 + e^−|t|), stable for any t, per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Softplus<TLanes, TVector>(TVector t)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        var one = TLanes.Create(1f);
        var e = TLanes.Exp(TLanes.Negate(TLanes.Abs(t)));
        var small = TLanes.LessThan(e, TLanes.Create(SeriesBelow));
        var series = TLanes.Multiply(e, TLanes.Subtract(one, TLanes.Multiply(e, TLanes.Subtract(TLanes.Create(0.5f), TLanes.Multiply(e, TLanes.Create(1f / 3))))));
        var logarithm = TLanes.Log(TLanes.ConditionalSelect(small, TLanes.Create(2f), TLanes.Add(e, one)));
        return TLanes.Add(TLanes.Max(t, TLanes.Zero), TLanes.ConditionalSelect(small, series, logarithm));
    }
}
