using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Scores concept presence: <c>x[n, c] = max(0, max_p cos(e[n, p], t[c]))</c> over image n's segments p, with
/// the segment that attained it, using the fused Core kernel (the Σ P × C similarity matrix is never built).
/// The result is the <see cref="ConceptScores"/> hand-off to the students.
/// </summary>
public static class ConceptScorer
{
    /// <summary>Scores segment embeddings against a bank.</summary>
    /// <param name="segments">Segment embeddings (rows need not be normalised; a zero row has cosine 0 with everything).</param>
    /// <param name="bank">The concepts, in the same space and width as the embeddings.</param>
    /// <param name="maxDegreeOfParallelism">Threads; −1 for one per processor. Results are identical for any value.</param>
    /// <returns>N × C scores in [0, 1] with the image ids, the bank's names and, per score, the index within its image of
    /// the best segment (−1 when no cosine was positive or the image has no segments).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ShapeMismatchException">The embeddings' width differs from the bank's dimension (both are named), or the
    /// offsets do not match the image ids.</exception>
    /// <exception cref="ArgumentException">The offsets do not start at 0, decrease, or do not end at the number of segment rows.</exception>
    /// <exception cref="NonFiniteValueException">A segment embedding holds NaN or ±∞; the field names the image id, the row is the segment within that image.</exception>
    public static ConceptScores Score(SegmentEmbeddings segments, ConceptBank bank, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(bank);
        if (segments.Segments.Columns != bank.Dimension)
        {
            throw new ShapeMismatchException(nameof(segments),
                $"Σ P × {bank.Dimension} (the width of the concept bank, made by {bank.Origin.ModelId ?? "an unknown model"})",
                $"{segments.Segments.Rows} × {segments.Segments.Columns} (segment embeddings)");
        }
        var images = segments.ImageIds.Count;
        if (segments.Offsets.Count != images + 1)
        {
            throw new ShapeMismatchException("segments.Offsets", $"{images + 1} offsets (one per image id, plus the end)", $"{segments.Offsets.Count} offsets");
        }
        var offsets = segments.Offsets.ToArray();
        var values = new FloatMatrix(images, bank.Count);
        var best = new int[images * bank.Count];
        try
        {
            Kernels.SegmentMaxCosine(segments.Segments, offsets, bank.Vectors, values, best, maxDegreeOfParallelism);
        }
        catch (NonFiniteValueException e) when (e.Field == "segments")
        {
            // The kernel names a row of the stacked segment matrix; a person needs the image.
            var image = ImageOfRow(offsets, e.Row);
            throw new NonFiniteValueException($"segment embeddings of image '{segments.ImageIds[image]}'", e.Row - offsets[image], e.Column, e.Value);
        }
        return ConceptScores.Create(values, segments.ImageIds, bank.Names, best);
    }

    /// <summary>
    /// Encodes a source's segments and scores them (see <see cref="Score"/>). Images that fail to decode
    /// are absent from the result; call <see cref="IDenseImageEncoder.EncodeSegmentsAsync"/> and
    /// <see cref="Score"/> yourself to see the failures.
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="encoder">The dense encoder, in the bank's space.</param>
    /// <param name="bank">The concepts.</param>
    /// <param name="progress">Receives the encoder's progress.</param>
    /// <param name="cancellationToken">Cancels the encoding.</param>
    /// <returns>The scores of the images that decoded.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ShapeMismatchException">The encoder's width differs from the bank's dimension (checked before encoding).</exception>
    /// <exception cref="NonFiniteValueException">A segment embedding holds NaN or ±∞; names the image.</exception>
    public static async Task<ConceptScores> ScoreAsync(ImageSource images, IDenseImageEncoder encoder, ConceptBank bank,
        IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(bank);
        if (encoder.Dimension != bank.Dimension)
        {
            // Fail before hours of encoding, not after.
            throw new ShapeMismatchException(nameof(encoder),
                $"width {bank.Dimension} (the concept bank's, made by {bank.Origin.ModelId ?? "an unknown model"})",
                $"width {encoder.Dimension} ({encoder.ModelId})");
        }
        var segments = await encoder.EncodeSegmentsAsync(images, progress, cancellationToken).ConfigureAwait(false);
        return Score(segments, bank);
    }

    /// <summary>The image whose rows hold <paramref name="row"/>: the last n with offsets[n] ≤ row (skipping images with no segments).</summary>
    private static int ImageOfRow(int[] offsets, long row)
    {
        int low = 0, high = offsets.Length - 2;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (offsets[mid] <= row)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low;
    }
}
