namespace InFiConD.Students;

/// <summary>What the numbers in a file of precomputed teacher outputs are.</summary>
public enum TeacherOutputKind
{
    /// <summary>Probabilities in [0, 1]: a distribution per row (single-label) or independent per class (multi-label).</summary>
    Probabilities,

    /// <summary>Unnormalised scores, turned into probabilities by a softmax (single-label) or sigmoids (multi-label).</summary>
    Logits,
}
