namespace InFiConD.Analysis;

/// <summary>What a <see cref="SuspectedShortcut"/>'s significance test counts among the images where its concept is present.</summary>
public enum SuspectEvidence
{
    /// <summary>
    /// The student's errors about the class against the ground truth: for a positive weight, images the student calls the
    /// class that are not; for a negative weight, images of the class the student does not call it. Used when the images
    /// have ground truth.
    /// </summary>
    Errors,

    /// <summary>
    /// Disagreements with the teacher about the class: for a positive weight, images the student calls the class and the
    /// teacher does not; for a negative weight, the reverse. Used without ground truth.
    /// </summary>
    Disagreements,
}
