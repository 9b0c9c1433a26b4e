namespace InFiConD.Embedding;

/// <summary>The per-value arithmetic of <see cref="Preprocessing"/>, fused with the crop.</summary>
internal static class TensorWriter
{
    /// <summary>
    /// Writes the cropped region of <paramref name="resized"/> into <paramref name="destination"/>. A
    /// 256-entry table per channel holds <c>(v · scale − mean) / std</c> for every byte v, computed in
    /// float exactly as written, so results match a hand computation bit for bit and cost one load per value.
    /// </summary>
    public static void Write(DecodedImage resized, Preprocessing p, Span<float> destination)
    {
        var (width, height) = p.CropWidth > 0 ? (p.CropWidth, p.CropHeight) : (resized.Width, resized.Height);
        var startX = CenterCrop.Start(resized.Width, width);
        var startY = CenterCrop.Start(resized.Height, height);
        Span<float> table = stackalloc float[3 * 256];
        for (var c = 0; c < 3; c++)
        {
            for (var v = 0; v < 256; v++)
            {
                table[(c * 256) + v] = ((v * p.Scale) - p.Mean[c]) / p.Std[c];
            }
        }
        // Output channel k reads source channel sourceChannel[k].
        Span<int> sourceChannel = p.ChannelOrder == ChannelOrder.Rgb ? [0, 1, 2] : [2, 1, 0];
        var plane = width * height;
        var rgb = resized.Rgb;
        for (var y = 0; y < height; y++)
        {
            var sy = y + startY;
            var rowInside = sy >= 0 && sy < resized.Height;
            for (var x = 0; x < width; x++)
            {
                var sx = x + startX;
                var inside = rowInside && sx >= 0 && sx < resized.Width;
                var pixel = inside ? 3 * ((sy * resized.Width) + sx) : -1;
                var outPixel = (y * width) + x;
                for (var k = 0; k < 3; k++)
                {
                    var c = sourceChannel[k];
                    var value = table[(c * 256) + (inside ? rgb[pixel + c] : 0)];
                    if (p.Layout == TensorLayout.Chw)
                    {
                        destination[(k * plane) + outPixel] = value;
                    }
                    else
                    {
                        destination[(3 * outPixel) + k] = value;
                    }
                }
            }
        }
    }
}
