namespace InFiConD.MLNet;

/// <summary>How <see cref="ClassifierHeadTrainer"/> trains a head with ML.NET's <c>LbfgsMaximumEntropy</c>.</summary>
public sealed record ClassifierHeadTrainerOptions
{
    /// <summary>The defaults (see each property).</summary>
    public static ClassifierHeadTrainerOptions Default { get; } = new();

    /// <summary>
    /// ML.NET's <c>L1Regularization</c> (≥ 0, default 0). It multiplies ‖w‖₁ against the <em>summed</em> loss over the
    /// rows, so the same penalty per row grows with N (see docs/students.md, "λ's scale").
    /// </summary>
    public float L1 { get; init; }

    /// <summary>ML.NET's <c>L2Regularization</c> (≥ 0, default 1, ML.NET's own default), against the summed loss.</summary>
    public float L2 { get; init; } = 1f;

    /// <summary>L-BFGS stops when the mean relative improvement falls below this (&gt; 0, default 1e-7, ML.NET's default).</summary>
    public float OptimizationTolerance { get; init; } = 1e-7f;

    /// <summary>Most L-BFGS iterations (≥ 1, default 1000).</summary>
    public int MaximumIterations { get; init; } = 1000;

    /// <summary>L-BFGS memory: past updates kept (≥ 1, default 20, ML.NET's default).</summary>
    public int HistorySize { get; init; } = 20;

    /// <summary>
    /// Standardise the features first (ML.NET's mean–variance normaliser, zero not fixed) and fold the standardisation into
    /// the returned head's weights and biases, so the head still reads raw features. Default true: raw encoder features
    /// have very different scales, which slows L-BFGS and makes the L1/L2 penalties uneven.
    /// </summary>
    public bool Standardize { get; init; } = true;

    /// <summary>The <c>MLContext</c> seed (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Threads for L-BFGS (≥ 1, default 1). Same data, seed and thread count give the same head bit for bit.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The feature column of a data view passed to the trainer (a vector of Single).</summary>
    public string FeatureColumn { get; init; } = MlNetColumnNames.Features;

    /// <summary>The label column of a data view passed to the trainer (a key whose key values are the class names).</summary>
    public string LabelColumn { get; init; } = MlNetColumnNames.Label;

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <returns>This instance.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">A column name is empty.</exception>
    public ClassifierHeadTrainerOptions Validate()
    {
        if (!(L1 >= 0f) || float.IsInfinity(L1))
        {
            throw new ArgumentOutOfRangeException(nameof(L1), L1, "ClassifierHeadTrainerOptions.L1 must be finite and ≥ 0.");
        }
        if (!(L2 >= 0f) || float.IsInfinity(L2))
        {
            throw new ArgumentOutOfRangeException(nameof(L2), L2, "ClassifierHeadTrainerOptions.L2 must be finite and ≥ 0.");
        }
        if (!(OptimizationTolerance > 0f) || float.IsInfinity(OptimizationTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(OptimizationTolerance), OptimizationTolerance, "ClassifierHeadTrainerOptions.OptimizationTolerance must be finite and > 0.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(MaximumIterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(HistorySize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1);
        ArgumentException.ThrowIfNullOrEmpty(FeatureColumn);
        ArgumentException.ThrowIfNullOrEmpty(LabelColumn);
        return this;
    }
}
