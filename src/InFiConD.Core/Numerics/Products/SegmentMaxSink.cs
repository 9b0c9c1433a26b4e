using System.Runtime.Intrinsics;

namespace InFiConD.Core;

/// <summary>
/// Folds product rows (segment · concept dot products) into per-image scores:
/// <c>score[n, c] = max(score[n, c], dot / ‖segment‖)</c>, starting from 0 so the clamp is free, and
/// remembers which segment of the image set each maximum. Rows of one image always arrive in order on one
/// thread, so ties keep the first segment and the result is independent of threading.
/// </summary>
internal readonly unsafe struct SegmentMaxSink(int* offsets, int firstImage, float* scores, int* bestSegment, int concepts, int* firstBadRow) : IPanelSink
{
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
            var sumOfSquares = sumsOfSquares[r];
            if (!float.IsFinite(sumOfSquares))
            {
                RecordBadRow(row);
                continue;
            }
            if (sumOfSquares == 0f)
            {
                continue; // a zero segment has cosine 0 with everything: never above the clamp
            }
            var scale = 1f / MathF.Sqrt(sumOfSquares);
            var segment = row - offsets[image];
            var source = product + r * stride;
            var target = scores + (long)image * concepts + columnStart;
            var best = bestSegment == null ? null : bestSegment + (long)image * concepts + columnStart;
            var j = 0;
            if (Vector256.IsHardwareAccelerated)
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
