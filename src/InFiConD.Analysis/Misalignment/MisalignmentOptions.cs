namespace InFiConD.Analysis;

/// <summary>How a <see cref="MisalignmentReport"/> is built. Validated once by <see cref="Validate"/>; never mutated by the library.</summary>
public sealed record MisalignmentOptions
{
    /// <summary>The defaults.</summary>
    public static MisalignmentOptions Default { get; } = new();

    /// <summary>Multi-label teachers only: a model says class k when its probability is at least this (teacher
    /// probability, student <c>σ(logit)</c>). In (0, 1); 0.5 by default. Single-label decisions are the top class.</summary>
    public float MultiLabelThreshold { get; init; } = 0.5f;

    /// <summary>Concepts kept in each contribution ranking (≥ 0; 10 by default).</summary>
    public int TopConcepts { get; init; } = 10;

    /// <summary>
    /// How a concept counts as "present" (high) in an image, for slices and suspects: by its own calibrated threshold
    /// (<see cref="PresenceRule.Calibrated"/>, the default) or in the top <see cref="HighFraction"/> of images
    /// (<see cref="PresenceRule.TopFraction"/>).
    /// </summary>
    public PresenceRule Presence { get; init; } = PresenceRule.Calibrated;

    /// <summary>
    /// With <see cref="PresenceRule.TopFraction"/> only: the fraction of images in which a concept counts as "present" (high):
    /// the images whose raw score reaches the score at rank ⌈fraction·N⌉ from the top. In (0, 1); 0.2 by default. See
    /// <see cref="ConceptSlice"/> for how ties are handled.
    /// </summary>
    public double HighFraction { get; init; } = 0.2;

    /// <summary>
    /// A slice is reported only when at least this many of its high images disagree, and a suspect is significant only when
    /// its proposed fix is estimated to set right at least this many images net (≥ 1; 5 by default).
    /// </summary>
    public int MinimumSupport { get; init; } = 5;

    /// <summary>Slices kept per class and disagreement kind, and in the report-wide list (≥ 0; 10 by default).</summary>
    public int TopSlices { get; init; } = 10;

    /// <summary>Suspected shortcuts kept in <see cref="MisalignmentReport.Suspects"/> (≥ 0; 10 by default).</summary>
    public int TopSuspects { get; init; } = 10;

    /// <summary>
    /// A suspect is significant when its Holm-adjusted p-value is at most this and removing its concept would set right at
    /// least <see cref="MinimumSupport"/> images; in (0, 1), 0.05 by default.
    /// </summary>
    public double SignificanceLevel { get; init; } = 0.05;

    /// <summary>Threads to use; −1 (the default) for one per processor. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (its name and the allowed range are given).</exception>
    public MisalignmentOptions Validate()
    {
        if (!(MultiLabelThreshold > 0f && MultiLabelThreshold < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(MultiLabelThreshold), MultiLabelThreshold, "MisalignmentOptions.MultiLabelThreshold must be in (0, 1).");
        }
        if (!(HighFraction > 0 && HighFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HighFraction), HighFraction, "MisalignmentOptions.HighFraction must be in (0, 1).");
        }
        if (TopConcepts < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TopConcepts), TopConcepts, "MisalignmentOptions.TopConcepts must be ≥ 0.");
        }
        if (MinimumSupport < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumSupport), MinimumSupport, "MisalignmentOptions.MinimumSupport must be ≥ 1.");
        }
        if (TopSlices < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TopSlices), TopSlices, "MisalignmentOptions.TopSlices must be ≥ 0.");
        }
        if (TopSuspects < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TopSuspects), TopSuspects, "MisalignmentOptions.TopSuspects must be ≥ 0.");
        }
        if (!(SignificanceLevel > 0 && SignificanceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SignificanceLevel), SignificanceLevel, "MisalignmentOptions.SignificanceLevel must be in (0, 1).");
        }
        if (!Enum.IsDefined(Presence))
        {
            throw new ArgumentOutOfRangeException(nameof(Presence), Presence, "MisalignmentOptions.Presence must be Calibrated or TopFraction.");
        }
        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MisalignmentOptions.MaxDegreeOfParallelism must be −1 (one thread per processor) or ≥ 1.");
        }
        return this;
    }

    /// <summary>The thread count to use.</summary>
    internal int Threads => MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : MaxDegreeOfParallelism;
}
