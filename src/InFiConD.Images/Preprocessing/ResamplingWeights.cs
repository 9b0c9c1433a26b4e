namespace InFiConD.Embedding;

/// <summary>
/// The convolution weights of one axis of a resize: for each output index of a window of the resized axis,
/// the first source index it reads, how many, and their weights (summing to 1). Built exactly as ImageSharp
/// 2.1's <c>ResizeKernelMap</c>: ratio <c>r = source / resized</c>, sampling centre <c>(i + 0.5) · r − 0.5</c>,
/// filter argument <c>(j − centre) / max(r, 1)</c> (so the filter is widened by the shrink factor, which
/// antialiases), taps clipped to the image and renormalised there, sums in double, weights stored as float.
/// Zero weights at either end are dropped (they add exact zeros). Immutable: one instance can serve any
/// number of images and threads.
/// </summary>
internal sealed class ResamplingWeights
{
    private readonly int[] _starts;
    private readonly float[] _values;

    private ResamplingWeights(ResizeResampler resampler, int sourceSize, int resizedSize, int first, int[] starts, float[] values, int taps)
    {
        Resampler = resampler;
        SourceSize = sourceSize;
        ResizedSize = resizedSize;
        First = first;
        _starts = starts;
        _values = values;
        Taps = taps;
        SourceFirst = starts.Length == 0 ? 0 : starts.Min();
        SourceEnd = starts.Length == 0 ? 0 : starts.Max() + taps;
        StartsFromFirst = starts.Select(start => start - SourceFirst).ToArray();
    }

    /// <summary>The filter.</summary>
    public ResizeResampler Resampler { get; }

    /// <summary>Source length of the axis.</summary>
    public int SourceSize { get; }

    /// <summary>Resized length of the axis.</summary>
    public int ResizedSize { get; }

    /// <summary>The first resized index covered; output <c>o</c> is resized index <c>First + o</c>.</summary>
    public int First { get; }

    /// <summary>The number of outputs covered.</summary>
    public int Count => _starts.Length;

    /// <summary>The number of source values every output reads (the same for all, padded with zero weights).</summary>
    public int Taps { get; }

    /// <summary>The lowest source index any output reads.</summary>
    public int SourceFirst { get; }

    /// <summary>One past the highest source index any output reads.</summary>
    public int SourceEnd { get; }

    /// <summary>The first source index output <paramref name="output"/> reads.</summary>
    public int Start(int output) => _starts[output];

    /// <summary>The weights of output <paramref name="output"/>, <see cref="Taps"/> of them, in source order.</summary>
    public ReadOnlySpan<float> Values(int output) => _values.AsSpan(output * Taps, Taps);

    /// <summary>All weights, output after output (<see cref="Taps"/> each).</summary>
    public ReadOnlySpan<float> AllValues => _values;

    /// <summary>All start indices, one per output.</summary>
    public ReadOnlySpan<int> AllStarts => _starts;

    /// <summary>All start indices counted from <see cref="SourceFirst"/>: where each output's values begin in a line that starts there.</summary>
    public int[] StartsFromFirst { get; }

    /// <summary>Whether this table is the one <see cref="Create"/> would build for these arguments.</summary>
    public bool Matches(ResizeResampler resampler, int sourceSize, int resizedSize, int first, int count) =>
        Resampler == resampler && SourceSize == sourceSize && ResizedSize == resizedSize && First == first && Count == count;

    /// <summary>The filter's half-width in source pixels at scale 1: 2 for bicubic, 1 for the triangle.</summary>
    public static int Radius(ResizeResampler resampler) => resampler == ResizeResampler.Bicubic ? 2 : 1;

    /// <summary>
    /// ImageSharp's filters, evaluated in float as ImageSharp does: <c>BicubicResampler</c> (Keys' cubic
    /// convolution with a = −0.5) and <c>TriangleResampler</c> (<c>1 − |x|</c>).
    /// </summary>
    public static float Filter(ResizeResampler resampler, float x)
    {
        x = MathF.Abs(x);
        if (resampler == ResizeResampler.Bilinear)
        {
            return x < 1f ? 1f - x : 0f;
        }
        if (x <= 1f)
        {
            return (((1.5f * x) - 2.5f) * x * x) + 1f;
        }
        return x < 2f ? (((((-0.5f * x) + 2.5f) * x) - 4f) * x) + 2f : 0f;
    }

    /// <summary>Builds the weights of resized indices <c>first … first + count − 1</c> of an axis resized from
    /// <paramref name="sourceSize"/> to <paramref name="resizedSize"/>.</summary>
    public static ResamplingWeights Create(ResizeResampler resampler, int sourceSize, int resizedSize, int first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resizedSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + count, resizedSize);
        var ratio = (double)sourceSize / resizedSize;
        var scale = Math.Max(ratio, 1.0);
        // ImageSharp's window: the integer radius ceil(scale · filter radius) either side of the centre.
        var radius = (int)Math.Ceiling((scale * Radius(resampler)) - 1e-9);
        var diameter = (2 * radius) + 1;
        var starts = new int[count];
        var counts = new int[count];
        var trimmed = new double[count * diameter];
        var buffer = new double[diameter];
        var taps = 1;
        for (var o = 0; o < count; o++)
        {
            var centre = ((first + o + 0.5) * ratio) - 0.5;
            var left = Math.Max(0, (int)Math.Ceiling(centre - radius));
            var right = Math.Min(sourceSize - 1, (int)Math.Floor(centre + radius));
            var sum = 0.0;
            for (var j = left; j <= right; j++)
            {
                double value = Filter(resampler, (float)((j - centre) / scale));
                buffer[j - left] = value;
                sum += value;
            }
            // Drop zero weights at both ends: they add exact zeros.
            var (lo, hi) = (0, right - left);
            while (lo < hi && buffer[lo] == 0.0)
            {
                lo++;
            }
            while (hi > lo && buffer[hi] == 0.0)
            {
                hi--;
            }
            starts[o] = left + lo;
            counts[o] = hi - lo + 1;
            taps = Math.Max(taps, counts[o]);
            for (var k = lo; k <= hi; k++)
            {
                trimmed[(o * diameter) + k - lo] = sum > 0 ? buffer[k] / sum : buffer[k];
            }
        }
        // Every output gets the same number of taps (fixed-length loops): windows are widened with zero weights,
        // which leave each sum's bits unchanged (a fused multiply-add of 0 adds ±0), moved left at the far edge
        // so that they stay inside the image (a trimmed window fits, so the widest one does: taps ≤ sourceSize).
        var values = new float[count * taps];
        for (var o = 0; o < count; o++)
        {
            var start = Math.Min(starts[o], sourceSize - taps);
            for (var k = 0; k < counts[o]; k++)
            {
                values[(o * taps) + starts[o] - start + k] = (float)trimmed[(o * diameter) + k];
            }
            starts[o] = start;
        }
        return new ResamplingWeights(resampler, sourceSize, resizedSize, first, starts, values, taps);
    }
}
