namespace InFiConD.Analysis;

/// <summary>Order statistics without a full sort: three-way-partition quickselect (duplicates, such as scores clamped to 0, cost nothing extra).</summary>
internal static class Selection
{
    /// <summary>
    /// The value at position <paramref name="rank"/> (0-based) of <paramref name="values"/> sorted ascending; reorders
    /// <paramref name="values"/>. The value does not depend on the pivots chosen, so the result is deterministic. Falls back
    /// to sorting the remaining range after 2·log₂(N) + 8 rounds, bounding the worst case at O(N log N).
    /// </summary>
    public static float Select(Span<float> values, int rank)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)rank, (uint)values.Length, nameof(rank));
        var (low, high) = (0, values.Length - 1);
        var rounds = 2 * (int)Math.Log2(values.Length) + 8;
        while (low < high)
        {
            if (rounds-- == 0)
            {
                values[low..(high + 1)].Sort();
                return values[rank];
            }
            var pivot = MedianOfThree(values[low], values[low + (high - low) / 2], values[high]);
            // [low, less) < pivot, [less, i) == pivot, (greater, high] > pivot.
            var (less, i, greater) = (low, low, high);
            while (i <= greater)
            {
                var v = values[i];
                if (v < pivot)
                {
                    (values[less], values[i]) = (v, values[less]);
                    less++;
                    i++;
                }
                else if (v > pivot)
                {
                    (values[greater], values[i]) = (v, values[greater]);
                    greater--;
                }
                else
                {
                    i++;
                }
            }
            if (rank < less)
            {
                high = less - 1;
            }
            else if (rank > greater)
            {
                low = greater + 1;
            }
            else
            {
                return pivot;
            }
        }
        return values[rank];
    }

    private static float MedianOfThree(float a, float b, float c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));
}
