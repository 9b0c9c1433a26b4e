namespace InFiConD.Embedding;

/// <summary>Reads a network's channel-major map (C channels × P cells, as NCHW stores one image) per cell.</summary>
internal static class FeatureMapCells
{
    /// <summary>
    /// Computes each channel's average over the cells, <c>a[c] = Σ_p map[c, p] / P</c>, summed in double in cell order
    /// (deterministic; within float rounding of the network's own average pooling). NaN propagates.
    /// </summary>
    /// <param name="map">C × P values, channel-major.</param>
    /// <param name="destination">C floats.</param>
    public static void Average(ReadOnlySpan<float> map, Span<float> destination)
    {
        var cells = map.Length / destination.Length;
        for (var c = 0; c < destination.Length; c++)
        {
            var sum = 0.0;
            foreach (var v in map.Slice(c * cells, cells))
            {
                sum += v;
            }
            destination[c] = (float)(sum / cells);
        }
    }

    /// <summary>Writes the map cell-major (P rows of C), the layout of segment embeddings.</summary>
    /// <param name="map">C × P values, channel-major.</param>
    /// <param name="destination">P × C values.</param>
    /// <param name="channels">C.</param>
    public static void Transpose(ReadOnlySpan<float> map, Span<float> destination, int channels = ResNet18Backbone.FeatureDimension)
    {
        var cells = map.Length / channels;
        for (var c = 0; c < channels; c++)
        {
            var row = map.Slice(c * cells, cells);
            for (var p = 0; p < cells; p++)
            {
                destination[(p * channels) + c] = row[p];
            }
        }
    }
}
