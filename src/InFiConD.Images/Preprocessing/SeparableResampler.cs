using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

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
/// Determinism: every value is a fixed chain of fused multiply-adds in source order (one chain per value, no
/// reordering across lanes), so the vector paths (AVX2, 128-bit) and the scalar path give the same bits; one
/// image is processed by one thread. Compared with resizing to bytes first (ImageSharp), values differ by the
/// byte rounding that is no longer there (at most 0.5 of a byte step) and by float rounding. The loops are compiled
/// fully optimised from the first call (AggressiveOptimization): tier-0 code of vector intrinsics is many times slower,
/// and a session that encodes a few images would otherwise run it.
/// </remarks>
internal static class SeparableResampler
{
    private static readonly bool FusedVectors = Fma.IsSupported || AdvSimd.IsSupported;

    // The last tables used on this thread: images of one size reuse them (they are pure functions of their key).
    [ThreadStatic]
    private static ResamplingWeights? t_columns;

    [ThreadStatic]
    private static ResamplingWeights? t_rows;

    /// <summary>Writes the tensor of <paramref name="image"/>; <paramref name="destination"/> has the tensor's length.</summary>
    /// <param name="image">The source image.</param>
    /// <param name="p">The (validated) preprocessing.</param>
    /// <param name="destination">Exactly <c>3 · width · height</c> of the output size.</param>
    /// <param name="vectorize"><see langword="false"/> forces the scalar path (tests compare the two).</param>
    public static void Write(DecodedImage image, Preprocessing p, Span<float> destination, bool vectorize = true)
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
            // The loops below store without bounds checks.
            throw new InFiConD.Core.ShapeMismatchException(nameof(destination), $"{3 * width * height} floats", $"{destination.Length} floats");
        }
        if (x0 > 0 || x1 < width || y0 > 0 || y1 < height)
        {
            output.FillPadding(destination);
        }
        var lineLength = 3 * (columns.SourceEnd - columns.SourceFirst);
        // One float more than the line: the horizontal pass loads 4 floats for a pixel's 3 channels.
        var line = ArrayPool<float>.Shared.Rent(lineLength + 1);
        try
        {
            line[lineLength] = 0f;
            var rowBytes = 3 * image.Width;
            var offset = 3 * columns.SourceFirst;
            for (var o = 0; o < rows.Count; o++)
            {
                var source = image.Rgb.AsSpan((rows.Start(o) * rowBytes) + offset);
                Vertical(source, rowBytes, rows.Values(o), line.AsSpan(0, lineLength), vectorize);
                Horizontal(line, columns, output, destination, y0 + o, x0, vectorize);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(line);
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

    /// <summary><c>line[i] = Σ_k w[k] · source[k · rowBytes + i]</c>, one fused multiply-add chain per value in tap order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vertical(ReadOnlySpan<byte> source, int rowBytes, ReadOnlySpan<float> w, Span<float> line, bool vectorize)
    {
        var n = line.Length;
        var taps = w.Length;
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(line);
        var i = 0;
        if (vectorize && Avx2.IsSupported && Fma.IsSupported)
        {
            for (; i <= n - 8; i += 8)
            {
                ref var column = ref Unsafe.Add(ref src, i);
                var acc = Vector256<float>.Zero;
                for (var k = 0; k < taps; k++)
                {
                    var bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref column, k * rowBytes))).AsByte();
                    var values = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(bytes));
                    acc = Fma.MultiplyAdd(Vector256.Create(w[k]), values, acc);
                }
                acc.StoreUnsafe(ref dst, (nuint)i);
            }
        }
        if (vectorize && Vector128.IsHardwareAccelerated && FusedVectors)
        {
            for (; i <= n - 4; i += 4)
            {
                ref var column = ref Unsafe.Add(ref src, i);
                var acc = Vector128<float>.Zero;
                for (var k = 0; k < taps; k++)
                {
                    var bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref column, k * rowBytes))).AsByte();
                    var values = Vector128.ConvertToSingle(Vector128.WidenLower(Vector128.WidenLower(bytes)));
                    acc = Vector128.FusedMultiplyAdd(Vector128.Create(w[k]), values, acc);
                }
                acc.StoreUnsafe(ref dst, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            var acc = 0f;
            for (var k = 0; k < taps; k++)
            {
                acc = MathF.FusedMultiplyAdd(w[k], Unsafe.Add(ref src, i + (k * rowBytes)), acc);
            }
            Unsafe.Add(ref dst, i) = acc;
        }
    }

    /// <summary>Output row <paramref name="y"/>: each pixel <c>Σ_j w[j] · line[pixel j]</c> per channel, then clamp and arithmetic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Horizontal(float[] line, ResamplingWeights columns, in TensorTarget output, Span<float> destination, int y, int x0, bool vectorize)
    {
        ref var first = ref MemoryMarshal.GetArrayDataReference(line);
        ref var weights = ref MemoryMarshal.GetReference(columns.AllValues);
        ref var starts = ref MemoryMarshal.GetReference(columns.AllStarts);
        var (taps, shift, count) = (columns.Taps, columns.SourceFirst, columns.Count);
        // Indices of the red, green and blue values of pixel (x0, y) in the destination, and the step to the next pixel.
        var (red, green, blue, step) = output.Locate(x0, y);
        ref var d = ref MemoryMarshal.GetReference(destination);
        if (vectorize && Vector128.IsHardwareAccelerated && FusedVectors)
        {
            var scale = Vector128.Create(output.Scale);
            var mean = Vector128.Create(output.Mean.Red, output.Mean.Green, output.Mean.Blue, 0f);
            var std = Vector128.Create(output.Std.Red, output.Std.Green, output.Std.Blue, 1f);
            var max = Vector128.Create(255f);
            for (var o = 0; o < count; o++)
            {
                ref var w = ref Unsafe.Add(ref weights, o * taps);
                ref var pixel = ref Unsafe.Add(ref first, 3 * (Unsafe.Add(ref starts, o) - shift));
                var acc = Vector128<float>.Zero;
                for (var j = 0; j < taps; j++)
                {
                    acc = Vector128.FusedMultiplyAdd(Vector128.Create(Unsafe.Add(ref w, j)), Vector128.LoadUnsafe(ref pixel, (nuint)(3 * j)), acc);
                }
                // MinNative/MaxNative equal Math.Min/Max here: no NaN, and a chain started at +0 never gives −0.
                var value = ((Vector128.MinNative(Vector128.MaxNative(acc, Vector128<float>.Zero), max) * scale) - mean) / std;
                var at = o * step;
                Unsafe.Add(ref d, red + at) = value.GetElement(0);
                Unsafe.Add(ref d, green + at) = value.GetElement(1);
                Unsafe.Add(ref d, blue + at) = value.GetElement(2);
            }
            return;
        }
        for (var o = 0; o < count; o++)
        {
            ref var w = ref Unsafe.Add(ref weights, o * taps);
            ref var pixel = ref Unsafe.Add(ref first, 3 * (Unsafe.Add(ref starts, o) - shift));
            var at = o * step;
            Unsafe.Add(ref d, red + at) = Channel(ref w, ref pixel, taps, 0, output);
            Unsafe.Add(ref d, green + at) = Channel(ref w, ref pixel, taps, 1, output);
            Unsafe.Add(ref d, blue + at) = Channel(ref w, ref pixel, taps, 2, output);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Channel(ref float w, ref float pixel, int taps, int c, in TensorTarget output)
    {
        var acc = 0f;
        for (var j = 0; j < taps; j++)
        {
            acc = MathF.FusedMultiplyAdd(Unsafe.Add(ref w, j), Unsafe.Add(ref pixel, (3 * j) + c), acc);
        }
        return ((Math.Min(Math.Max(acc, 0f), 255f) * output.Scale) - output.Mean[c]) / output.Std[c];
    }
}
