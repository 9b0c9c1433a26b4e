using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace InFiConD.Core;

/// <summary>
/// Folds product rows (segment · concept dot products) into per-image scores:
/// <c>score[n, c] = max(score[n, c], dot / ‖segment‖)</c>, starting from 0 so the clamp is free, and
/// remembers which segment of the image set each maximum. Rows of one image always arrive in order on one
/// thread, so ties keep the first segment and the result is independent of threading.
/// </summary>
/// <remarks>
/// An image's first segment <em>starts</em> its scores (<c>max(0, cosine)</c> written without reading the row),
/// so the caller clears only the rows of images without segments: at one segment per image, clearing all N × C
/// scores first and reading them back cost about as much as the fold itself. Same comparisons, same bits.
/// </remarks>
internal readonly unsafe struct SegmentMaxSink(int* offsets, int firstImage, float* scores, int* bestSegment, int concepts, int* firstBadRow) : IPanelSink
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Consume(int firstRow, int rows, float* product, int stride, int columnStart, int columnEnd, float* sumsOfSquares)
    {
        var image = firstImage;
        var width = columnEnd - columnStart;
        for (var r = 0; r < rows; r++)
        {
            var row = firstRow + r;
            while (offsets[image + 1] <= row)
            {
                image++;
            }
            var segment = row - offsets[image];
            var target = scores + (long)image * concepts + columnStart;
            var best = bestSegment == null ? null : bestSegment + (long)image * concepts + columnStart;
            var sumOfSquares = sumsOfSquares[r];
            var usable = float.IsFinite(sumOfSquares) && sumOfSquares != 0f; // a zero segment has cosine 0 with everything: never above the clamp
            if (!float.IsFinite(sumOfSquares))
            {
                RecordBadRow(row);
            }
            if (!usable)
            {
                if (segment == 0)
                {
                    new Span<float>(target, width).Clear();
                    if (best != null)
                    {
                        new Span<int>(best, width).Fill(-1);
                    }
                }
                continue;
            }
            var scale = 1f / MathF.Sqrt(sumOfSquares);
            var source = product + r * stride;
            if (segment == 0)
            {
                Start(source, scale, target, best, width);
            }
            else
            {
                Fold(source, scale, segment, target, best, width);
            }
        }
    }

    /// <summary>The first segment: <c>target = cosine &gt; 0 ? cosine : 0</c>, <c>best = cosine &gt; 0 ? 0 : −1</c> (the fold from 0 and −1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Start(float* source, float scale, float* target, int* best, int width)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var scaleVector = Vector512.Create(scale);
            for (; j <= width - Vector512<float>.Count; j += Vector512<float>.Count)
            {
                var cosine = Vector512.Load(source + j) * scaleVector;
                var higher = Vector512.GreaterThan(cosine, Vector512<float>.Zero);
                Vector512.Store(Vector512.ConditionalSelect(higher, cosine, Vector512<float>.Zero), target + j);
                if (best != null)
                {
                    Vector512.Store(Vector512.ConditionalSelect(higher.AsInt32(), Vector512<int>.Zero, Vector512<int>.AllBitsSet), best + j);
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var scaleVector = Vector256.Create(scale);
            for (; j <= width - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                var cosine = Vector256.Load(source + j) * scaleVector;
                var higher = Vector256.GreaterThan(cosine, Vector256<float>.Zero);
                Vector256.Store(Vector256.ConditionalSelect(higher, cosine, Vector256<float>.Zero), target + j);
                if (best != null)
                {
                    Vector256.Store(Vector256.ConditionalSelect(higher.AsInt32(), Vector256<int>.Zero, Vector256<int>.AllBitsSet), best + j);
                }
            }
        }
        for (; j < width; j++)
        {
            var cosine = source[j] * scale;
            var higher = cosine > 0f;
            target[j] = higher ? cosine : 0f;
            if (best != null)
            {
                best[j] = higher ? 0 : -1;
            }
        }
    }

    /// <summary>A later segment: <c>target = max(target, cosine)</c>, the first maximum kept on ties.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fold(float* source, float scale, int segment, float* target, int* best, int width)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var scaleVector = Vector512.Create(scale);
            var segmentVector = Vector512.Create(segment);
            for (; j <= width - Vector512<float>.Count; j += Vector512<float>.Count)
            {
                var cosine = Vector512.Load(source + j) * scaleVector;
                var current = Vector512.Load(target + j);
                var higher = Vector512.GreaterThan(cosine, current);
                Vector512.Store(Vector512.ConditionalSelect(higher, cosine, current), target + j);
                if (best != null)
                {
                    Vector512.Store(Vector512.ConditionalSelect(higher.AsInt32(), segmentVector, Vector512.Load(best + j)), best + j);
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var scaleVector = Vector256.Create(scale);
            var segmentVector = Vector256.Create(segment);
            for (; j <= width - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                var cosine = Vector256.Load(source + j) * scaleVector;
                var current = Vector256.Load(target + j);
                var higher = Vector256.GreaterThan(cosine, current);
                Vector256.Store(Vector256.ConditionalSelect(higher, cosine, current), target + j);
                if (best != null)
                {
                    Vector256.Store(Vector256.ConditionalSelect(higher.AsInt32(), segmentVector, Vector256.Load(best + j)), best + j);
                }
            }
        }
        for (; j < width; j++)
        {
            var cosine = source[j] * scale;
            if (cosine > target[j])
            {
                target[j] = cosine;
                if (best != null)
                {
                    best[j] = segment;
                }
            }
        }
    }

    private void RecordBadRow(int row)
    {
        var seen = Volatile.Read(ref *firstBadRow);
        while (row < seen)
        {
            var previous = Interlocked.CompareExchange(ref *firstBadRow, row, seen);
            if (previous == seen)
            {
                return;
            }
            seen = previous;
        }
    }
}
