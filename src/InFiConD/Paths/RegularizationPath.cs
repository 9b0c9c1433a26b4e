namespace InFiConD;

/// <summary>
/// Students fitted at a descending series of L1 strengths (<see cref="DistillationSession.FitPathAsync"/>): how many weights
/// each keeps and how well each does on every split — the trade a person makes between students small enough to read and
/// students that follow the teacher — with one λ suggested.
/// </summary>
/// <param name="Points">One point per λ, strongest (fewest weights) first.</param>
/// <param name="SessionLambda">The λ of the session's current version (<see cref="InFiConD.Editing.SessionVersion.Lambda"/>) when the path was fitted, for reference.</param>
/// <param name="Split">The split the suggestion reads (the session's <see cref="DistillationSession.DiagnosisSplit"/>).</param>
/// <param name="Suggested">The index of the suggested point: the strongest λ (fewest weights) whose score on <paramref name="Split"/>
/// (accuracy where labelled, else agreement) is within <see cref="Tolerance"/> of the best on the path.</param>
public sealed record RegularizationPath(IReadOnlyList<RegularizationPathPoint> Points, double SessionLambda, string Split, int Suggested)
{
    /// <summary>How far below the best score the suggestion may be: 0.01 (one image in a hundred).</summary>
    public const double Tolerance = 0.01;

    /// <summary>The suggested point.</summary>
    public RegularizationPathPoint SuggestedPoint => Points[Suggested];

    /// <summary>The index <see cref="Suggested"/> gives for <paramref name="points"/>: the first (strongest λ) within <see cref="Tolerance"/> of the best.</summary>
    internal static int Suggest(IReadOnlyList<RegularizationPathPoint> points, string split)
    {
        var best = points.Max(p => p.Score(split));
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Score(split) >= best - Tolerance)
            {
                return i;
            }
        }
        return points.Count - 1;
    }
}
