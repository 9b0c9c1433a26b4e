using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD;

/// <summary>Turns a model's raw class scores into <see cref="TeacherOutputs"/>, detecting logits vs probabilities.</summary>
internal static class TeacherScores
{
    /// <summary>
    /// Probabilities when every value is in [0, 1] and (single-label) every row sums to 1 within
    /// <see cref="TeacherOutputs.RowSumTolerance"/>; logits otherwise. An empty matrix counts as probabilities.
    /// </summary>
    internal static TeacherOutputKind Detect(FloatMatrix scores, bool multiLabel)
    {
        for (var n = 0; n < scores.Rows; n++)
        {
            var row = scores.Row(n);
            double sum = 0;
            foreach (var v in row)
            {
                if (v is < 0f or > 1f || float.IsNaN(v))
                {
                    return TeacherOutputKind.Logits;
                }
                sum += v;
            }
            if (!multiLabel && Math.Abs(sum - 1) > TeacherOutputs.RowSumTolerance)
            {
                return TeacherOutputKind.Logits;
            }
        }
        return TeacherOutputKind.Probabilities;
    }

    internal static (TeacherOutputs Outputs, TeacherOutputKind Kind) ToOutputs(FloatMatrix scores, IReadOnlyList<string> ids, IReadOnlyList<string> classNames, TeacherOutputKind? declared, bool multiLabel, float temperature, string source)
    {
        if (scores.Columns != classNames.Count)
        {
            throw new ShapeMismatchException($"{source}: class scores", $"{classNames.Count} per image (one per class name)", $"{scores.Columns}");
        }
        var kind = declared ?? Detect(scores, multiLabel);
        var outputs = kind == TeacherOutputKind.Logits
            ? TeacherOutputs.FromLogits(scores, classNames, ids, multiLabel, temperature)
            : temperature == 1f
                ? TeacherOutputs.FromProbabilities(scores, classNames, ids, multiLabel)
                : throw new ArgumentException($"{source}: a temperature of {temperature} needs logits; the outputs are probabilities. Declare the output kind as logits if they are.", nameof(temperature));
        return (outputs, kind);
    }
}
