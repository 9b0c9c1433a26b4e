using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Mask-average pooling of dense features: the embedding of a mask is the average of the patch embeddings
/// under it, each weighted by how much of the patch the mask covers, then L2-normalised like every other
/// joint-space vector. Computes <c>v = Σ_p w_p · e_p / ‖Σ_p w_p · e_p‖</c> with
/// <c>w_p = |mask ∩ box_p| / |box_p|</c> (pixels of patch p's box inside the mask, over the box's pixels), so a
/// patch wholly inside the mask counts fully and one it half covers counts half. Sums run in double, in
/// patch order, so results are deterministic.
/// </summary>
public static class MaskPooling
{
    /// <summary>The coverage weight of each patch: the fraction of its box's pixels inside the mask.</summary>
    /// <param name="patchBoxes">The patches' boxes, in the mask's pixel coordinates (source image pixels).</param>
    /// <param name="mask">The mask.</param>
    /// <returns>One weight in [0, 1] per patch.</returns>
    /// <exception cref="ArgumentNullException">An argument or a box is <see langword="null"/>.</exception>
    /// <exception cref="ShapeMismatchException">A box does not fit inside the mask (the mask is not the image's size).</exception>
    public static float[] CoverageWeights(IReadOnlyList<SegmentBox> patchBoxes, SegmentMask mask)
    {
        ArgumentNullException.ThrowIfNull(patchBoxes);
        ArgumentNullException.ThrowIfNull(mask);
        var weights = new float[patchBoxes.Count];
        for (var p = 0; p < weights.Length; p++)
        {
            var box = patchBoxes[p] ?? throw new ArgumentNullException(nameof(patchBoxes), $"Patch box {p} is null.");
            if (!box.FitsIn(mask.Width, mask.Height))
            {
                throw new ShapeMismatchException($"patch box {p}", $"a box inside the {mask.Width} × {mask.Height} mask",
                    $"{box.Width} × {box.Height} at ({box.X}, {box.Y}); the mask must have the source image's size");
            }
            long inside = 0;
            for (var y = box.Y; y < box.Y + box.Height; y++)
            {
                var row = mask.Values.AsSpan((y * mask.Width) + box.X, box.Width);
                inside += box.Width - row.Count((byte)0);
            }
            weights[p] = (float)((double)inside / box.Area);
        }
        return weights;
    }

    /// <summary>
    /// The coverage weight of each patch by a box: computes <c>w_p = |region ∩ box_p| / |box_p|</c>, the fraction of the
    /// patch's pixels inside the region (exact, without rasterising a mask).
    /// </summary>
    /// <param name="patchBoxes">The patches' boxes, in source image pixels.</param>
    /// <param name="region">The region, in the same pixels.</param>
    /// <returns>One weight in [0, 1] per patch.</returns>
    /// <exception cref="ArgumentNullException">An argument or a box is <see langword="null"/>.</exception>
    public static float[] CoverageWeights(IReadOnlyList<SegmentBox> patchBoxes, SegmentBox region)
    {
        ArgumentNullException.ThrowIfNull(patchBoxes);
        ArgumentNullException.ThrowIfNull(region);
        var weights = new float[patchBoxes.Count];
        for (var p = 0; p < weights.Length; p++)
        {
            var box = patchBoxes[p] ?? throw new ArgumentNullException(nameof(patchBoxes), $"Patch box {p} is null.");
            long width = Math.Min(box.X + box.Width, region.X + region.Width) - Math.Max(box.X, region.X);
            long height = Math.Min(box.Y + box.Height, region.Y + region.Height) - Math.Max(box.Y, region.Y);
            weights[p] = width <= 0 || height <= 0 ? 0f : (float)((double)(width * height) / box.Area);
        }
        return weights;
    }

    /// <summary>
    /// Writes the weighted average of the patch embeddings, not normalised: computes <c>Σ_p w_p · e_p / Σ_p w_p</c> over the
    /// P rows of <paramref name="patches"/>, summed in double in patch order. With coverage weights this is the mean of the
    /// features over the region's pixels, and with equal weights over a whole map it is the network's own global average
    /// pooling, so pooled regions stay on the scale of the features a classifier head reads. When no weight is positive the
    /// result is the zero vector (the region covers nothing the model saw; it scores 0 for every concept). A NaN in a row
    /// with a positive weight makes the result NaN.
    /// </summary>
    /// <param name="patches">P × D patch embeddings, row-major.</param>
    /// <param name="weights">P weights, each ≥ 0.</param>
    /// <param name="destination">D floats.</param>
    /// <exception cref="ShapeMismatchException">The lengths do not agree (P · D values, P weights, D destination floats).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or NaN.</exception>
    public static void Average(ReadOnlySpan<float> patches, ReadOnlySpan<float> weights, Span<float> destination)
    {
        var dimension = destination.Length;
        if (patches.Length != weights.Length * dimension)
        {
            throw new ShapeMismatchException(nameof(patches), $"{weights.Length} × {dimension} values (weights × destination)", $"{patches.Length} values");
        }
        var sum = new double[dimension];
        var total = 0.0;
        for (var p = 0; p < weights.Length; p++)
        {
            var w = weights[p];
            if (!(w >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, $"Weight {p} must be ≥ 0.");
            }
            if (w == 0)
            {
                continue;
            }
            total += w;
            var row = patches.Slice(p * dimension, dimension);
            for (var j = 0; j < dimension; j++)
            {
                sum[j] += (double)w * row[j];
            }
        }
        for (var j = 0; j < dimension; j++)
        {
            destination[j] = total > 0 ? (float)(sum[j] / total) : 0f;
        }
    }

    /// <summary>
    /// Writes the pooled, L2-normalised embedding of one mask: computes <c>Σ_p w_p · e_p</c> over the P rows of
    /// <paramref name="patches"/> and divides by its norm. When no weight is positive, or the weighted sum is
    /// zero, the result is the zero vector (the mask covers nothing the model saw; it scores 0 for every
    /// concept). A NaN in a row with a positive weight makes the result NaN.
    /// </summary>
    /// <param name="patches">P × D patch embeddings, row-major.</param>
    /// <param name="weights">P weights, each ≥ 0.</param>
    /// <param name="destination">D floats.</param>
    /// <exception cref="ShapeMismatchException">The lengths do not agree (P · D values, P weights, D destination floats).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or NaN.</exception>
    public static void Pool(ReadOnlySpan<float> patches, ReadOnlySpan<float> weights, Span<float> destination)
    {
        var dimension = destination.Length;
        if (patches.Length != weights.Length * dimension)
        {
            throw new ShapeMismatchException(nameof(patches), $"{weights.Length} × {dimension} values (weights × destination)", $"{patches.Length} values");
        }
        var sum = new double[dimension];
        for (var p = 0; p < weights.Length; p++)
        {
            var w = weights[p];
            if (!(w >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, $"Weight {p} must be ≥ 0.");
            }
            if (w == 0)
            {
                continue;
            }
            var row = patches.Slice(p * dimension, dimension);
            for (var j = 0; j < dimension; j++)
            {
                sum[j] += (double)w * row[j];
            }
        }
        var squares = 0.0;
        foreach (var value in sum)
        {
            squares += value * value;
        }
        var norm = Math.Sqrt(squares);
        for (var j = 0; j < dimension; j++)
        {
            destination[j] = norm > 0 || double.IsNaN(norm) ? (float)(sum[j] / norm) : 0f;
        }
    }

    /// <summary>Pools one image's patch embeddings under each of its masks (see <see cref="Pool(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>).</summary>
    /// <param name="patches">P × D patch embeddings of the image.</param>
    /// <param name="patchBoxes">The P patch boxes in source pixels.</param>
    /// <param name="masks">The masks, each of the source image's size.</param>
    /// <returns>One normalised row per mask, in mask order.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ShapeMismatchException">The box count is not P, or a box does not fit a mask.</exception>
    public static FloatMatrix Pool(FloatMatrix patches, IReadOnlyList<SegmentBox> patchBoxes, IReadOnlyList<SegmentMask> masks)
    {
        ArgumentNullException.ThrowIfNull(patches);
        ArgumentNullException.ThrowIfNull(patchBoxes);
        ArgumentNullException.ThrowIfNull(masks);
        if (patchBoxes.Count != patches.Rows)
        {
            throw new ShapeMismatchException(nameof(patchBoxes), $"{patches.Rows} boxes (one per patch row)", $"{patchBoxes.Count} boxes");
        }
        var pooled = new FloatMatrix(masks.Count, patches.Columns);
        for (var m = 0; m < masks.Count; m++)
        {
            var mask = masks[m] ?? throw new ArgumentNullException(nameof(masks), $"Mask {m} is null.");
            Pool(patches.AsSpan(), CoverageWeights(patchBoxes, mask), pooled.Row(m));
        }
        return pooled;
    }
}
