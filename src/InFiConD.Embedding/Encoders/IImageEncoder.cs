namespace InFiConD.Embedding;

/// <summary>An image encoder: one D-dimensional embedding per image (N × D).</summary>
public interface IImageEncoder
{
    /// <summary>A stable id of the model and its settings (file hash, preprocessing, output), used by caches and session files.</summary>
    string ModelId { get; }

    /// <summary>The embedding width D.</summary>
    int Dimension { get; }

    /// <summary>Encodes every image of a source; images that fail to decode are reported and skipped.</summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>N × D embeddings of the decoded images, their ids and the failures.</returns>
    Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default);
}
