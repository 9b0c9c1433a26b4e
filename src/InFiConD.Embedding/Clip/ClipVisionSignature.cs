namespace InFiConD.Embedding;

/// <summary>What a checked vision graph needs and gives.</summary>
/// <param name="Dimension">Embedding width D, or −1 when the graph leaves it dynamic.</param>
/// <param name="PatchName">The patch output read in dense mode, or <see langword="null"/> when the graph has none.</param>
/// <param name="PatchCount">Patches P per image, or −1 when dynamic or absent.</param>
/// <param name="FeedsInputIds">A combined graph: it also takes token ids (fed a dummy text).</param>
/// <param name="FeedsAttentionMask">A combined graph that also takes an attention mask.</param>
/// <param name="SequenceLength">Tokens per dummy text.</param>
internal sealed record ClipVisionSignature(int Dimension, string? PatchName, int PatchCount, bool FeedsInputIds, bool FeedsAttentionMask, int SequenceLength);
