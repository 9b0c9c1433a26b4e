using System.Buffers;
using System.Runtime.CompilerServices;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Resize, centre crop and the per-value arithmetic of <see cref="Preprocessing"/> in one pass, straight from
/// the RGB bytes into the float tensor, computing only the pixels the crop keeps. Separable convolution with
/// <see cref="ResamplingWeights"/> (ImageSharp's filters and sampling convention): for each output row, a vertical
/// pass combines the source rows it reads over the source columns the crop needs into one float line, then a
/// horizontal pass combines that line's pixels into the output pixels, which are clamped to 0–255 (as storing
/// the resized image as bytes would), scaled, centred and divided per channel, and written in the channel order
/// and layout asked for. Crop pixels outside the resized image are black (the value a 0 byte gets).
/// </summary>
/// <remarks>
/// The two passes are Core's kernels (<see cref="Kernels.WeightedRowSum"/>, <see cref="Kernels.WeightedPixelSums"/>):
/// every value is a fixed chain of fused multiply-adds in source order (one chain per value, no reordering across lanes),
/// so every kernel path gives the same bits; one image is processed by one thread. Compared with resizing to bytes first
/// (ImageSharp), values differ by the byte rounding that is no longer there (at most 0.5 of a byte step) and by float rounding.
/// </remarks>
internal static class SeparableResampler
{
    // The last tables used on this thread: images of one size reuse them (they are pure functions of their key).
    [ThreadStatic]
    private static ResamplingWeights? t_columns;

    [ThreadStatic]
    private static ResamplingWeights? t_rows;

    /// <summary>Writes the tensor of <paramref name="image"/>; <paramref name="destination"/> has the tensor's length.</summary>
    /// <param name="image">The source image.</param>
    /// <param name="p">The (validated) preprocessing.</param>
    /// <param name="destination">Exactly <c>3 · width · height</c> of the output size.</param>
    /// <remarks>Compiled optimised from the first call (as Core's kernels are): it runs once per output row, and a session
    /// that encodes a few images would otherwise spend them in tier-0 code.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(DecodedImage image, Preprocessing p, Span<float> destination)
    {
        var (resizedWidth, resizedHeight) = p.ResizedSize(image.Width, image.Height);
        var (width, height) = p.CropWidth > 0 ? (p.CropWidth, p.CropHeight) : (resizedWidth, resizedHeight);
        var startX = CenterCrop.Start(resizedWidth, width);
        var startY = CenterCrop.Start(resizedHeight, height);
        // The crop's pixels that lie on the resized image; the rest is padding.
        var (x0, x1) = (Math.Max(0, -startX), Math.Min(width, resizedWidth - startX));
        var (y0, y1) = (Math.Max(0, -startY), Math.Min(height, resizedHeight - startY));
        var columns = Weights(ref t_columns, p.Resampler, image.Width, resizedWidth, x0 + startX, x1 - x0);
        var rows = Weights(ref t_rows, p.Resampler, image.Height, resizedHeight, y0 + startY, y1 - y0);
        var output = new TensorTarget(p, width, height);
        if (destination.Length != 3 * width * height)
        {
            // Before any work: a wrong length is the caller's mistake, named with both sizes.
            throw new ShapeMismatchException(nameof(destination), $"{3 * width * height} floats", $"{destination.Length} floats");
        }
        if (x0 > 0 || x1 < width || y0 > 0 || y1 < height)
        {
            output.FillPadding(destination);
        }
        var lineLength = 3 * (columns.SourceEnd - columns.SourceFirst);
        // One float more than the line: the horizontal pass loads 4 floats for a pixel's 3 channels.
        var line = ArrayPool<float>.Shared.Rent(lineLength + 1);
        var sums = ArrayPool<float>.Shared.Rent(3 * columns.Count);
        try
        {
            line[lineLength] = 0f;
            var rowBytes = 3 * image.Width;
            var offset = 3 * columns.SourceFirst;
            for (var o = 0; o < rows.Count; o++)
            {
                var source = image.Rgb.AsSpan((rows.Start(o) * rowBytes) + offset);
                Kernels.WeightedRowSum(source, rowBytes, rows.Values(o), line.AsSpan(0, lineLength));
                Kernels.WeightedPixelSums(line.AsSpan(0, lineLength + 1), columns.AllValues, columns.StartsFromFirst, sums.AsSpan(0, 3 * columns.Count));
                Store(sums, output, destination, y0 + o, x0, columns.Count);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(line);
            ArrayPool<float>.Shared.Return(sums);
        }
    }

    private static ResamplingWeights Weights(ref ResamplingWeights? cached, ResizeResampler resampler, int sourceSize, int resizedSize, int first, int count)
    {
        if (cached is null || !cached.Matches(resampler, sourceSize, resizedSize, first, count))
        {
            cached = ResamplingWeights.Create(resampler, sourceSize, resizedSize, first, count);
        }
        return cached;
    }

    /// <summary>
    /// Output row <paramref name="y"/> from its pixels' channel sums (three planes, RGB): each clamped to 0–255 (as storing
    /// the resized image as bytes would), then scaled, centred and divided per channel, a plane at a time, and written in
    /// the tensor's channel order and layout.
    /// </summary>
    private static void Store(float[] sums, in TensorTarget output, Span<float> destination, int y, int x0, int count)
    {
        // Indices of the red, green and blue values of pixel (x0, y) in the destination, and the step to the next pixel.
        var (red, green, blue, step) = output.Locate(x0, y);
        Finish(sums.AsSpan(0, count), output.Scale, output.Mean.Red, output.Std.Red, destination, red, step);
        Finish(sums.AsSpan(count, count), output.Scale, output.Mean.Green, output.Std.Green, destination, green, step);
        Finish(sums.AsSpan(2 * count, count), output.Scale, output.Mean.Blue, output.Std.Blue, destination, blue, step);
    }

    private static void Finish(Span<float> plane, float scale, float mean, float std, Span<float> destination, int first, int step)
    {
        if (step == 1)
        {
            Kernels.ClampAndStandardize(plane, 0f, 255f, scale, mean, std, destination.Slice(first, plane.Length));
            return;
        }
        Kernels.ClampAndStandardize(plane, 0f, 255f, scale, mean, std, plane);
        for (var o = 0; o < plane.Length; o++)
        {
            destination[first + (o * step)] = plane[o];
        }
    }
}
