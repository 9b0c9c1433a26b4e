namespace InFiConD.Editing;

/// <summary>A provenance log read from a file, with what was recovered on the way.</summary>
/// <param name="Log">The log, holding every complete entry.</param>
/// <param name="Warnings">Recoveries made, e.g. an interrupted last entry that was dropped; empty for a clean file.</param>
public sealed record ProvenanceLoadResult(ProvenanceLog Log, IReadOnlyList<string> Warnings);
