namespace InFiConD.Students;

/// <summary>
/// How an exported ONNX model, run in ONNX Runtime, agrees with the ensemble's own predictions on a sample
/// (see <see cref="StudentOnnxExporter.Verify"/>).
/// </summary>
/// <param name="SampleCount">Rows N of the sample.</param>
/// <param name="MaxLogitDifference">max |logit_onnx − logit_library| over all N × K entries (0 when N = 0).</param>
/// <param name="MaxProbabilityDifference">max |p_onnx − p_library| over all N × K entries (0 when N = 0).</param>
/// <param name="MatchingLabels">Rows whose ONNX label equals the library's <see cref="StudentEnsemble.PredictLabels(InFiConD.Core.FloatMatrix)"/>.</param>
/// <param name="Tolerance">The largest difference accepted.</param>
public sealed record StudentOnnxCheck(int SampleCount, float MaxLogitDifference, float MaxProbabilityDifference, int MatchingLabels, float Tolerance)
{
    /// <summary>
    /// Both maximum differences are within <see cref="Tolerance"/> and every label matches (false when a
    /// difference is NaN). Rows whose two top logits lie within rounding of each other may legitimately flip.
    /// </summary>
    public bool Passed => MaxLogitDifference <= Tolerance && MaxProbabilityDifference <= Tolerance && MatchingLabels == SampleCount;
}
