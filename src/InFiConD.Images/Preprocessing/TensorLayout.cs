namespace InFiConD.Embedding;

/// <summary>How the values of one image are laid out in the tensor.</summary>
public enum TensorLayout
{
    /// <summary>Planar, [channel, height, width]: all of channel 0, then channel 1, then channel 2.</summary>
    Chw,

    /// <summary>Interleaved, [height, width, channel]: the three channels of each pixel together.</summary>
    Hwc,
}
