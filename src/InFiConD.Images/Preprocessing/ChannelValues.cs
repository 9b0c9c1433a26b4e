namespace InFiConD.Embedding;

/// <summary>One number per colour channel, always given in red, green, blue order whatever the tensor's
/// <see cref="ChannelOrder"/> (the order is applied when the tensor is written).</summary>
/// <param name="Red">The red channel's value.</param>
/// <param name="Green">The green channel's value.</param>
/// <param name="Blue">The blue channel's value.</param>
public readonly record struct ChannelValues(float Red, float Green, float Blue)
{
    /// <summary>0 for every channel.</summary>
    public static ChannelValues Zero => new(0f, 0f, 0f);

    /// <summary>1 for every channel.</summary>
    public static ChannelValues One => new(1f, 1f, 1f);

    /// <summary>The value of channel 0 (red), 1 (green) or 2 (blue).</summary>
    /// <param name="channel">0, 1 or 2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is not 0, 1 or 2.</exception>
    public float this[int channel] => channel switch
    {
        0 => Red,
        1 => Green,
        2 => Blue,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "A channel is 0 (red), 1 (green) or 2 (blue)."),
    };

    /// <summary>Whether every value is finite (neither NaN nor ±∞).</summary>
    public bool IsFinite => float.IsFinite(Red) && float.IsFinite(Green) && float.IsFinite(Blue);
}
