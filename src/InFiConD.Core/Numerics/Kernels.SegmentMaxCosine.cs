using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace InFiConD.Core;

public static partial class Kernels
{
    /// <summary>Segment rows per parallel block (whole images only).</summary>
    private const int SegmentRowsPerBlock = 512;

    /// <summary>Largest deviation from 1 accepted for the norm of a concept vector.</summary>
    private const float UnitNormTolerance = 1e-3f;

    /// <summary>
    /// Computes concept presence scores: <c>score[n, c] = max(0, max_{p ∈ segments of n} cos(e[p], t[c]))</c>,
    /// fused so the (Σ P) × C similarity matrix is never materialised.
    /// </summary>
    /// <param name="segments">Segment embeddings, Σ P_n rows × D; the rows of image n are
    /// <c>segmentOffsets[n] .. segmentOffsets[n + 1] − 1</c>. Rows need not be normalised.</param>
    /// <param name="segmentOffsets">N + 1 non-decreasing offsets starting at 0 and ending at <c>segments.Rows</c>.
    /// An image with no segments scores 0 everywhere.</param>
    /// <param name="concepts">The concept bank, C × D, each row of unit L2 norm.</param>
    /// <param name="destination">Receives the N × C scores; overwritten.</param>
    /// <param name="bestSegment">Empty, or N × C entries that receive, per score, the index within its image of the
    /// segment that attained it (the first on ties), or −1 when the score is 0 because no cosine was positive.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for one per processor.</param>
    /// <exception cref="ShapeMismatchException">Widths, offsets, destination or <paramref name="bestSegment"/> do not fit together.</exception>
    /// <exception cref="ArgumentException">The offsets do not start at 0, decrease, or do not end at <c>segments.Rows</c>;
    /// or a concept row is not of unit norm.</exception>
    /// <exception cref="NonFiniteValueException">A segment or concept holds NaN or ±∞ (the first such row is named).</exception>
    /// <remarks>A zero segment has cosine 0 with every concept. Results are bit-identical for any thread count.</remarks>
    public static void SegmentMaxCosine(FloatMatrix segments, ReadOnlySpan<int> segmentOffsets, FloatMatrix concepts, FloatMatrix destination, Span<int> bestSegment = default, int maxDegreeOfParallelism = -1) =>
        SegmentMaxCosine(segments, segmentOffsets, concepts, destination, bestSegment, maxDegreeOfParallelism, KernelPath.Auto);

    /// <summary>Computes concept presence scores into a new N × C matrix; see the overload with a destination.</summary>
    /// <param name="segments">Segment embeddings, Σ P_n rows × D.</param>
    /// <param name="segmentOffsets">N + 1 offsets of each image's first segment row, the last equal to <c>segments.Rows</c>.</param>
    /// <param name="concepts">The concept bank, C × D, rows of unit L2 norm.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for one per processor.</param>
    /// <returns>The N × C scores.</returns>
    public static FloatMatrix SegmentMaxCosine(FloatMatrix segments, ReadOnlySpan<int> segmentOffsets, FloatMatrix concepts, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        if (segmentOffsets.IsEmpty)
        {
            throw new ArgumentException("Segment offsets need N + 1 entries (at least one: 0).", nameof(segmentOffsets));
        }
        var destination = new FloatMatrix(segmentOffsets.Length - 1, concepts.Rows);
        SegmentMaxCosine(segments, segmentOffsets, concepts, destination, default, maxDegreeOfParallelism);
        return destination;
    }

    internal static unsafe void SegmentMaxCosine(FloatMatrix segments, ReadOnlySpan<int> segmentOffsets, FloatMatrix concepts, FloatMatrix destination, Span<int> bestSegment, int maxDegreeOfParallelism, KernelPath path)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(concepts);
        ArgumentNullException.ThrowIfNull(destination);
        var threads = ResolveParallelism(maxDegreeOfParallelism);
        var (images, conceptCount) = (destination.Rows, concepts.Rows);
        if (concepts.Columns != segments.Columns)
        {
            throw new ShapeMismatchException(nameof(concepts), $"{concepts.Rows} × {segments.Columns} (as wide as the segments)", $"{concepts.Rows} × {concepts.Columns}");
        }
        RequireLength(segmentOffsets.Length, images + 1, nameof(segmentOffsets));
        RequireShape(destination, images, conceptCount, nameof(destination));
        if (!bestSegment.IsEmpty)
        {
            RequireLength(bestSegment.Length, images * conceptCount, nameof(bestSegment));
        }
        ValidateOffsets(segmentOffsets, segments.Rows);
        ValidateUnitRows(concepts, nameof(concepts));

        if (images == 0 || conceptCount == 0 || segments.Columns == 0)
        {
            destination.AsSpan().Clear();
            bestSegment.Fill(-1);
            return;
        }
        // Each image's first segment writes its row (SegmentMaxSink); only images without segments need clearing.
        ClearImagesWithoutSegments(segmentOffsets, destination, bestSegment);

        var blockStarts = ImageBlocks(segmentOffsets);
        var shape = PanelShape.For(path);
        var offsetsCopy = segmentOffsets.ToArray();
        var firstBadRow = int.MaxValue;
        fixed (float* pSegments = segments.Storage, pConcepts = concepts.Storage, pScores = destination.Storage)
        fixed (int* pOffsets = offsetsCopy, pBest = bestSegment)
        {
            using var packed = PackedPanels.Pack(pConcepts, conceptCount, concepts.Columns, shape);
            var chunkWidth = PanelProduct.ChunkWidth(packed);
            var (aSegments, aOffsets, aScores, aBest, aBad) = ((nint)pSegments, (nint)pOffsets, (nint)pScores, (nint)pBest, (nint)(&firstBadRow));
            PanelProduct.ForEachBlock(
                blockStarts.Length - 1,
                threads,
                () => new PanelWorkspace(shape, chunkWidth),
                (block, workspace) =>
                {
                    var (first, last) = (blockStarts[block], blockStarts[block + 1]);
                    switch (shape.Path)
                    {
                        case KernelPath.Vector512: ScoreImages<FloatLanes512, Vector512<float>>(aSegments, first, last, packed, workspace, aOffsets, aScores, aBest, conceptCount, aBad); break;
                        case KernelPath.Vector256: ScoreImages<FloatLanes256, Vector256<float>>(aSegments, first, last, packed, workspace, aOffsets, aScores, aBest, conceptCount, aBad); break;
                        case KernelPath.Vector128: ScoreImages<FloatLanes128, Vector128<float>>(aSegments, first, last, packed, workspace, aOffsets, aScores, aBest, conceptCount, aBad); break;
                        default: ScoreImages<ScalarLanes, float>(aSegments, first, last, packed, workspace, aOffsets, aScores, aBest, conceptCount, aBad); break;
                    }
                });
        }
        if (firstBadRow != int.MaxValue)
        {
            var row = segments.Row(firstBadRow);
            var column = FirstNonFinite(row);
            if (column < 0)
            {
                throw new ArgumentException($"Row {firstBadRow} of 'segments' is finite but its squared norm overflows float32; rescale the embeddings.", nameof(segments));
            }
            throw new NonFiniteValueException(nameof(segments), firstBadRow, column, row[column]);
        }
    }

    /// <summary>Images [first, last) of a parallel block: their segments' products folded into their scores at one width.</summary>
    private static unsafe void ScoreImages<TLanes, TVector>(nint segments, int first, int last, PackedPanels packed, PanelWorkspace workspace, nint offsets, nint scores, nint best, int concepts, nint firstBadRow)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        var imageOffsets = (int*)offsets;
        var sink = new SegmentMaxSink<TLanes, TVector>(imageOffsets, first, (float*)scores, (int*)best, concepts, (int*)firstBadRow);
        PanelProduct.Run((float*)segments, imageOffsets[first], imageOffsets[last], packed, workspace, withSumsOfSquares: true, ref sink);
    }

    private static void ClearImagesWithoutSegments(ReadOnlySpan<int> offsets, FloatMatrix destination, Span<int> bestSegment)
    {
        var columns = destination.Columns;
        for (var n = 0; n < destination.Rows; n++)
        {
            if (offsets[n + 1] == offsets[n])
            {
                destination.Row(n).Clear();
                if (!bestSegment.IsEmpty)
                {
                    bestSegment.Slice(n * columns, columns).Fill(-1);
                }
            }
        }
    }

    /// <summary>Image indices where parallel blocks start, about <see cref="SegmentRowsPerBlock"/> rows each, never splitting an image.</summary>
    private static int[] ImageBlocks(ReadOnlySpan<int> offsets)
    {
        var starts = new List<int> { 0 };
        var images = offsets.Length - 1;
        for (var n = 1; n < images; n++)
        {
            if (offsets[n] - offsets[starts[^1]] >= SegmentRowsPerBlock)
            {
                starts.Add(n);
            }
        }
        starts.Add(images);
        return [.. starts];
    }

    private static void ValidateOffsets(ReadOnlySpan<int> offsets, int rows)
    {
        if (offsets[0] != 0)
        {
            throw new ArgumentException($"segmentOffsets[0] is {offsets[0]}; it must be 0.", "segmentOffsets");
        }
        for (var n = 1; n < offsets.Length; n++)
        {
            if (offsets[n] < offsets[n - 1])
            {
                throw new ArgumentException($"segmentOffsets[{n}] = {offsets[n]} is below segmentOffsets[{n - 1}] = {offsets[n - 1]}; offsets must not decrease.", "segmentOffsets");
            }
        }
        if (offsets[^1] != rows)
        {
            throw new ArgumentException($"segmentOffsets[{offsets.Length - 1}] is {offsets[^1]}; it must equal the number of segment rows, {rows}.", "segmentOffsets");
        }
    }

    private static void ValidateUnitRows(FloatMatrix matrix, string name)
    {
        for (var r = 0; r < matrix.Rows; r++)
        {
            var row = matrix.Row(r);
            var column = FirstNonFinite(row);
            if (column >= 0)
            {
                throw new NonFiniteValueException(name, r, column, row[column]);
            }
            var norm = TensorPrimitives.Norm(row);
            if (MathF.Abs(norm - 1f) > UnitNormTolerance)
            {
                throw new ArgumentException($"Row {r} of '{name}' has L2 norm {norm}; concept vectors must have unit norm (normalise them with Kernels.NormalizeRows).", name);
            }
        }
    }

    private static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
