namespace InFiConD.Analysis;

/// <summary>
/// A candidate fix for a <see cref="SuspectedShortcut"/>: remove its concept from one class or from every class that uses
/// it, with what that does to the analysed images. In a <see cref="MisalignmentReport"/> the effect is an estimate without
/// refitting: every image is scored as if the concept were absent (its mean standardised score over the images without it),
/// so the images without it keep their logits and the others lose the concept's lift. An editing session confirms the top
/// suspects' fixes with real refits.
/// </summary>
/// <param name="Scope">Which students are edited.</param>
/// <param name="ConceptName">The concept removed.</param>
/// <param name="ClassNames">The classes whose weight on the concept is set to zero (those with a non-zero weight).</param>
/// <param name="AgreementBefore">Top-1 agreement with the teacher on the analysed images before.</param>
/// <param name="AgreementAfter">The same after the fix.</param>
/// <param name="AccuracyBefore">Top-1 accuracy against the ground truth before; <see langword="null"/> without ground truth.</param>
/// <param name="AccuracyAfter">The same after the fix.</param>
public sealed record SuspectFix(
    FixScope Scope,
    string ConceptName,
    IReadOnlyList<string> ClassNames,
    double AgreementBefore,
    double AgreementAfter,
    double? AccuracyBefore,
    double? AccuracyAfter)
{
    /// <summary>
    /// What the fix is judged by: the change in accuracy when there is ground truth, else in agreement (a fraction; +0.15 is
    /// fifteen points better).
    /// </summary>
    public double Gain => AccuracyAfter is { } after && AccuracyBefore is { } before ? after - before : AgreementAfter - AgreementBefore;
}
