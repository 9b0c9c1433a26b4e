namespace InFiConD;

/// <summary>How a <see cref="ClassifierHead"/> turns its logits into probabilities.</summary>
public enum HeadActivation
{
    /// <summary>One distribution per image: <c>p_k = exp(z_k) / Σ_j exp(z_j)</c> (single-label).</summary>
    Softmax,

    /// <summary>Independent per-class probabilities: <c>p_k = 1 / (1 + exp(−z_k))</c> (multi-label).</summary>
    Sigmoid,
}
