namespace InFiConD.Students;

/// <summary>What the students are fitted to.</summary>
public enum StudentTargets
{
    /// <summary>The teacher's probabilities (the default; keeps the teacher's uncertainty).</summary>
    Soft,

    /// <summary>The teacher's predicted labels, one-hot (or probabilities rounded at 0.5 for multi-label teachers).</summary>
    Hard,
}
