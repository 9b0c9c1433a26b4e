namespace InFiConD.Embedding;

/// <summary>
/// Where and how <see cref="SeparableResampler"/> stores an output pixel: the tensor's size, layout and channel
/// order, and the per-channel arithmetic (scale, mean, std, in RGB order).
/// </summary>
internal readonly struct TensorTarget
{
    private readonly int _width;
    private readonly int _plane;
    private readonly bool _planar;
    private readonly bool _bgr;

    public TensorTarget(Preprocessing p, int width, int height)
    {
        _width = width;
        _plane = width * height;
        _planar = p.Layout == TensorLayout.Chw;
        _bgr = p.ChannelOrder == ChannelOrder.Bgr;
        Scale = p.Scale;
        Mean = p.Mean;
        Std = p.Std;
    }

    public float Scale { get; }

    public ChannelValues Mean { get; }

    public ChannelValues Std { get; }

    /// <summary>The value of a 0 byte in channel <paramref name="c"/> (RGB order), written exactly as the pixels are.</summary>
    public float Padding(int c) => ((0f * Scale) - Mean[c]) / Std[c];

    /// <summary>
    /// The destination indices of the red, green and blue values (source order; the channel order is applied
    /// here) of pixel (<paramref name="x"/>, <paramref name="y"/>), and the distance to the next pixel's.
    /// </summary>
    public (int Red, int Green, int Blue, int Step) Locate(int x, int y)
    {
        var pixel = (y * _width) + x;
        var (red, green, blue) = _planar ? (pixel, _plane + pixel, (2 * _plane) + pixel) : (3 * pixel, (3 * pixel) + 1, (3 * pixel) + 2);
        return _bgr ? (blue, green, red, _planar ? 1 : 3) : (red, green, blue, _planar ? 1 : 3);
    }

    /// <summary>Fills the whole tensor with the padding (black) values; the pixels on the image are written over it.</summary>
    public void FillPadding(Span<float> destination)
    {
        var (red, green, blue) = (Padding(0), Padding(1), Padding(2));
        if (_bgr)
        {
            (red, blue) = (blue, red);
        }
        if (_planar)
        {
            destination[.._plane].Fill(red);
            destination.Slice(_plane, _plane).Fill(green);
            destination.Slice(2 * _plane, _plane).Fill(blue);
            return;
        }
        for (var i = 0; i < destination.Length; i += 3)
        {
            destination[i] = red;
            destination[i + 1] = green;
            destination[i + 2] = blue;
        }
    }
}
