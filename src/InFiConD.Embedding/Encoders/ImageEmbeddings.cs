using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>One embedding per image that decoded.</summary>
/// <param name="Embeddings">N × D embeddings, in source order.</param>
/// <param name="ImageIds">The N image ids.</param>
/// <param name="Failures">Images that could not be decoded.</param>
public sealed record ImageEmbeddings(FloatMatrix Embeddings, IReadOnlyList<string> ImageIds, IReadOnlyList<DecodeFailure> Failures);
