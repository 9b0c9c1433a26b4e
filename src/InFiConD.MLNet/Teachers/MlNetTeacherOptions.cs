using InFiConD.Students;

namespace InFiConD.MLNet;

/// <summary>How an <see cref="MlNetTeacher"/> reads its model's output.</summary>
public sealed record MlNetTeacherOptions
{
    /// <summary>The defaults: scores in the <c>Score</c> column (kind detected), ids in <c>ImageId</c>, single-label, T = 1.</summary>
    public static MlNetTeacherOptions Default { get; } = new();

    /// <summary>The model's output column holding the K class scores (a vector of Single).</summary>
    public string ScoreColumn { get; init; } = MlNetColumnNames.Score;

    /// <summary>The text column, in the model's output, holding each row's image id.</summary>
    public string IdColumn { get; init; } = MlNetColumnNames.ImageId;

    /// <summary>
    /// Whether the scores are probabilities (ML.NET's <c>SdcaMaximumEntropy</c>, <c>LbfgsMaximumEntropy</c>, <c>LightGbm</c>,
    /// <c>OneVersusAll</c> over calibrated trainers) or logits (<c>SdcaNonCalibrated</c>); <see langword="null"/> (the
    /// default) detects it: probabilities when every score is in [0, 1] and, single-label, every row sums to 1 within
    /// <see cref="TeacherOutputs.RowSumTolerance"/>; logits otherwise.
    /// </summary>
    public TeacherOutputKind? OutputKind { get; init; }

    /// <summary>True when the classes are independent (sigmoids) rather than one distribution per image (softmax).</summary>
    public bool MultiLabel { get; init; }

    /// <summary>Softmax/sigmoid temperature T applied to logits (above 1 softens the teacher); must be 1 for probabilities. &gt; 0.</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <exception cref="ArgumentException">A column name is empty, or a temperature other than 1 is given for declared probabilities.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output kind is undefined, or the temperature is not positive and finite.</exception>
    public MlNetTeacherOptions Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(ScoreColumn);
        ArgumentException.ThrowIfNullOrEmpty(IdColumn);
        if (OutputKind is { } kind && !Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(OutputKind), kind, "MlNetTeacherOptions.OutputKind must be Probabilities, Logits or null (detect).");
        }
        if (!(Temperature > 0f) || float.IsInfinity(Temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "MlNetTeacherOptions.Temperature must be positive and finite.");
        }
        if (OutputKind == TeacherOutputKind.Probabilities && Temperature != 1f)
        {
            // Silently ignoring it would leave a user believing the teacher was softened.
            throw new ArgumentException($"MlNetTeacherOptions.Temperature ({Temperature}) applies to logits only; declare OutputKind = Logits, or leave it at 1.", nameof(Temperature));
        }
        return this;
    }
}
