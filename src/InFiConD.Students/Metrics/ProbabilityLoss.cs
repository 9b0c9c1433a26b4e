using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>The per-image losses behind <see cref="Fidelity.MeanBce"/> and <see cref="Fidelity.MeanKl"/>, in float64.</summary>
internal static class ProbabilityLoss
{
    /// <summary>Computes <c>Σ_k −(y_k ln p_k + (1 − y_k) ln(1 − p_k))</c> with <c>p_k = clamp(σ(l_k), ε, 1 − ε)</c>.</summary>
    public static double BinaryCrossEntropySum(ReadOnlySpan<float> teacher, ReadOnlySpan<float> logits, double epsilon)
    {
        double sum = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            var p = Math.Clamp(Kernels.Sigmoid((double)logits[k]), epsilon, 1 - epsilon);
            sum -= teacher[k] * Math.Log(p) + (1 - teacher[k]) * Math.Log(1 - p);
        }
        return sum;
    }

    /// <summary>
    /// Computes <c>KL(t ‖ q) = Σ_k t_k (ln max(t_k, ε) − ln max(q_k, ε))</c> with <c>q = softmax(l)</c>; terms with
    /// <c>t_k = 0</c> add 0. A row not summing to 1 (multi-label teachers) is first divided by its sum; an all-zero
    /// row has no distribution and adds 0.
    /// </summary>
    public static double KullbackLeibler(ReadOnlySpan<float> teacher, ReadOnlySpan<float> logits, double epsilon)
    {
        double max = double.NegativeInfinity, total = 0, teacherSum = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            max = Math.Max(max, logits[k]);
            teacherSum += teacher[k];
        }
        if (teacherSum == 0)
        {
            return 0;
        }
        for (var k = 0; k < logits.Length; k++)
        {
            total += Math.Exp(logits[k] - max);
        }
        var logTotal = Math.Log(total);
        double kl = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            var t = teacher[k] / teacherSum;
            if (t > 0)
            {
                // q_k = exp(l_k − max − ln Σ): computed from the shifted logits so large logits cannot overflow.
                var q = Math.Exp(logits[k] - max - logTotal);
                kl += t * (Math.Log(Math.Max(t, epsilon)) - Math.Log(Math.Max(q, epsilon)));
            }
        }
        return kl;
    }
}
