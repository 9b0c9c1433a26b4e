namespace InFiConD.Editing;

/// <summary>A session read from an <c>.infcd</c> file.</summary>
/// <param name="Session">The session, at the version that was current when it was saved.</param>
/// <param name="Metadata">The string metadata saved with it (dataset, encoder, …); empty when none.</param>
/// <param name="Warnings">Recoveries made while reading (for example an interrupted last log entry); empty for a clean file.</param>
public sealed record SessionLoadResult(EditSession Session, IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<string> Warnings)
{
    /// <summary>The concept bank saved with the session (to score new images); <see langword="null"/> when none was saved (and in format version 1 files).</summary>
    public InFiConD.Concepts.ConceptBank? Bank { get; init; }

    /// <summary>The attachments saved with the session (see <see cref="SessionFile.SaveAsync"/>), by name; empty when none.</summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Attachments { get; init; } = new Dictionary<string, ReadOnlyMemory<byte>>();
}
