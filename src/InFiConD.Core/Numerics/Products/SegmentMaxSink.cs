using System.Runtime.CompilerServices;

namespace InFiConD.Core;

/// <summary>
/// Folds product rows (segment · concept dot products) into per-image scores:
/// <c>score[n, c] = max(score[n, c], dot / ‖segment‖)</c>, starting from 0 so the clamp is free, and
/// remembers which segment of the image set each maximum. Rows of one image always arrive in order on one
/// thread, so ties keep the first segment and the result is independent of threading.
/// </summary>
/// <remarks>
/// <para>An image's first segment <em>starts</em> its scores (<c>max(0, cosine)</c> written without reading the row),
/// so the caller clears only the rows of images without segments: at one segment per image, clearing all N × C
/// scores first and reading them back cost about as much as the fold itself. Same comparisons, same bits.</para>
/// <para>The fold runs at the width of <typeparamref name="TLanes"/>, the rest of each row (and the whole of the scalar
/// path) at <see cref="ScalarLanes"/>: one multiply, one comparison and one select per value at every width.</para>
/// </remarks>
/// <typeparam name="TLanes">The vector width (<see cref="ScalarLanes"/> on the scalar path).</typeparam>
/// <typeparam name="TVector">Its vector type.</typeparam>
internal readonly unsafe struct SegmentMaxSink<TLanes, TVector>(int* offsets, int firstImage, float* scores, int* bestSegment, int concepts, int* firstBadRow) : IPanelSink
    where TLanes : struct, IFloatLanes<TVector>
    where TVector : struct
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
        var j = Start<TLanes, TVector>(source, scale, target, best, width, 0);
        Start<ScalarLanes, float>(source, scale, target, best, width, j);
    }

    /// <summary>A later segment: <c>target = max(target, cosine)</c>, the first maximum kept on ties.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fold(float* source, float scale, int segment, float* target, int* best, int width)
    {
        var j = Fold<TLanes, TVector>(source, scale, segment, target, best, width, 0);
        Fold<ScalarLanes, float>(source, scale, segment, target, best, width, j);
    }

    /// <summary><see cref="Start(float*, float, float*, int*, int)"/> on whole vectors of <typeparamref name="TL"/> from <paramref name="j"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Start<TL, TV>(float* source, float scale, float* target, int* best, int width, int j)
        where TL : struct, IFloatLanes<TV>
        where TV : struct
    {
        var scaleVector = TL.Create(scale);
        for (; j <= width - TL.Count; j += TL.Count)
        {
            var cosine = TL.Multiply(TL.Load(source + j), scaleVector);
            var higher = TL.GreaterThan(cosine, TL.Zero);
            TL.Store(TL.ConditionalSelect(higher, cosine, TL.Zero), target + j);
            if (best != null)
            {
                TL.StoreIndices(higher, 0, -1, best + j);
            }
        }
        return j;
    }

    /// <summary><see cref="Fold(float*, float, int, float*, int*, int)"/> on whole vectors of <typeparamref name="TL"/> from <paramref name="j"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Fold<TL, TV>(float* source, float scale, int segment, float* target, int* best, int width, int j)
        where TL : struct, IFloatLanes<TV>
        where TV : struct
    {
        var scaleVector = TL.Create(scale);
        for (; j <= width - TL.Count; j += TL.Count)
        {
            var cosine = TL.Multiply(TL.Load(source + j), scaleVector);
            var current = TL.Load(target + j);
            var higher = TL.GreaterThan(cosine, current);
            TL.Store(TL.ConditionalSelect(higher, cosine, current), target + j);
            if (best != null)
            {
                TL.BlendIndices(higher, segment, best + j);
            }
        }
        return j;
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
