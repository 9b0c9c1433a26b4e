using InFiConD.Analysis;

namespace InFiConD.Editing;

/// <summary>How a diagnosis analyses a split and confirms its top suspects. Validated once; never mutated by the library.</summary>
public sealed record DiagnosisOptions
{
    /// <summary>The defaults.</summary>
    public static DiagnosisOptions Default { get; } = new();

    /// <summary>How the split is analysed (presence rule, significance level, suspects kept, …); the analysis defaults by default.</summary>
    public MisalignmentOptions Analysis { get; init; } = MisalignmentOptions.Default;

    /// <summary>
    /// How many suspects' fixes are confirmed by real refits: the first suspect of each of the first this-many concepts in
    /// the ranking (a cue shows as several suspects sharing one fix); ≥ 0, 3 by default. Each costs one or two refits.
    /// </summary>
    public int Confirm { get; init; } = 3;

    /// <summary>How the confirming refits run; <see langword="null"/> (the default) for <see cref="EditRefit.Converged"/>, as edits run.</summary>
    public EditRefit? Refit { get; init; }

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (named).</exception>
    /// <exception cref="ArgumentNullException"><see cref="Analysis"/> is <see langword="null"/>.</exception>
    public DiagnosisOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Analysis, nameof(Analysis));
        Analysis.Validate();
        if (Confirm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Confirm), Confirm, "DiagnosisOptions.Confirm must be ≥ 0.");
        }
        return this;
    }
}
