using InFiConD.Analysis;

namespace InFiConD.Editing;

/// <summary>A suspected shortcut whose fixes were measured with real refits, and the fix proposed by that measurement.</summary>
/// <param name="Suspect">The suspect, as the report ranked it.</param>
/// <param name="Fixes">The measured fixes, in the suspect's order (this class, then every class using the concept).</param>
/// <param name="ProposedFix">The fix with the larger measured gain on the analysed split (the narrower on a tie); apply its
/// <see cref="MeasuredFix.Edits"/> to make it.</param>
/// <param name="Sentence">The proposal in plain words, with its effect on every split.</param>
public sealed record ConfirmedSuspect(SuspectedShortcut Suspect, IReadOnlyList<MeasuredFix> Fixes, MeasuredFix ProposedFix, string Sentence)
{
    /// <summary>Whether the proposed fix measurably helps on the analysed split.</summary>
    public bool FixHelps => ProposedFix.Gain > 0;
}
