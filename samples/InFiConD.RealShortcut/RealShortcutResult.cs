using InFiConD.Editing;

namespace InFiConD.RealShortcut;

/// <summary>What <see cref="RealShortcutJob"/> measured; the caller disposes <see cref="Session"/>.</summary>
/// <param name="World">The images and concepts.</param>
/// <param name="Session">The distilled session (nothing edited).</param>
/// <param name="Teacher">The teacher's accuracy per split, training images first.</param>
/// <param name="Diagnosis">The diagnosis at its defaults.</param>
/// <param name="Elapsed">Wall time of the whole job (encoding, teacher head, distillation, diagnosis).</param>
internal sealed record RealShortcutResult(ShortcutWorld World, DistillationSession Session, IReadOnlyList<TeacherAccuracy> Teacher, ShortcutDiagnosis Diagnosis, TimeSpan Elapsed)
{
    /// <summary>The teacher's accuracy on one split.</summary>
    public TeacherAccuracy TeacherOn(string split) => Teacher.Single(t => t.Split == split);
}
