namespace InFiConD.Embedding;

/// <summary>The order of the colour channels in the tensor.</summary>
public enum ChannelOrder
{
    /// <summary>Red, green, blue (PyTorch and CLIP models).</summary>
    Rgb,

    /// <summary>Blue, green, red (Caffe/OpenCV-trained models).</summary>
    Bgr,
}
