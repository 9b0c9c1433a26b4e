namespace InFiConD.Embedding;

/// <summary>What a checked text graph needs and gives.</summary>
/// <param name="Dimension">Embedding width D, or −1 when the graph leaves it dynamic.</param>
/// <param name="HasAttentionMask">Whether the graph takes an attention mask.</param>
/// <param name="SequenceLength">Tokens per text.</param>
/// <param name="DummyPixelShape">For a combined graph, the shape of the black image fed with texts; otherwise <see langword="null"/>.</param>
internal sealed record ClipTextSignature(int Dimension, bool HasAttentionMask, int SequenceLength, long[]? DummyPixelShape);
