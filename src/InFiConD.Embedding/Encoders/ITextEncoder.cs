using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>A text encoder into the same space as an image encoder (M strings → M × D).</summary>
public interface ITextEncoder
{
    /// <summary>A stable id of the model and its settings, used by caches and concept-bank manifests.</summary>
    string ModelId { get; }

    /// <summary>The embedding width D.</summary>
    int Dimension { get; }

    /// <summary>Encodes texts.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>M × D embeddings, one row per text, in order.</returns>
    FloatMatrix EncodeText(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
