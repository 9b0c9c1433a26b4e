using System.Globalization;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Turns a <see cref="DecodedImage"/> into the float tensor an image model reads: resize so the shortest
/// side is <see cref="ResizeShortestSide"/>, centre-crop to <see cref="CropWidth"/> × <see cref="CropHeight"/>,
/// then for each value <c>(v · Scale − Mean[c]) / Std[c]</c> (v the resampled value, 0–255), written in <see cref="ChannelOrder"/> and
/// <see cref="Layout"/>. Init-only; <see cref="Validate"/> checks the rules (every method calls it).
/// A new instance writes the raw bytes as floats in RGB CHW, untouched; the presets <see cref="Clip"/> and
/// <see cref="ResNet18Package"/> match the models they are named after.
/// </summary>
public sealed record Preprocessing
{
    private const int MaxSide = 1 << 15;

    /// <summary>
    /// OpenAI CLIP's preprocessing (ViT-B/32, ViT-B/16, ViT-L/14 at 224): shortest side to 224 with
    /// bicubic, centre crop 224 × 224, scale 1/255, mean (0.48145466, 0.4578275, 0.40821073), std
    /// (0.26862954, 0.26130258, 0.27577711), RGB, CHW — the values of <c>clip/clip.py</c> and of Hugging
    /// Face's <c>CLIPImageProcessor</c>.
    /// </summary>
    public static Preprocessing Clip { get; } = new()
    {
        ResizeShortestSide = 224,
        CropWidth = 224,
        CropHeight = 224,
        Resampler = ResizeResampler.Bicubic,
        Scale = 1f / 255f,
        Mean = new ChannelValues(0.48145466f, 0.4578275f, 0.40821073f),
        Std = new ChannelValues(0.26862954f, 0.26130258f, 0.27577711f),
    };

    /// <summary>
    /// What the <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package's preprocessing model
    /// (<c>DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx</c>) expects as its <c>OriginalInput</c>:
    /// 1 × 3 × 224 × 224 floats holding raw 0–255 pixel values, planar RGB — the output of ML.NET's
    /// <c>ResizeImages(224, 224)</c> (isotropic resize and centre crop, bilinear) followed by
    /// <c>ExtractPixels()</c> with its defaults (RGB, not interleaved, offset 0, scale 1). That ONNX model
    /// then reverses the channels to BGR and subtracts a per-pixel mean image itself, so no mean or std is
    /// applied here. See docs/embedding.md for how this was established.
    /// </summary>
    public static Preprocessing ResNet18Package { get; } = new()
    {
        ResizeShortestSide = 224,
        CropWidth = 224,
        CropHeight = 224,
        Resampler = ResizeResampler.Bilinear,
    };

    /// <summary>Target length of the shortest side after resizing (aspect ratio kept); 0 (default) for no resizing.</summary>
    public int ResizeShortestSide { get; init; }

    /// <summary>Width of the centre crop; 0 (default) for no crop. Set together with <see cref="CropHeight"/>.</summary>
    public int CropWidth { get; init; }

    /// <summary>Height of the centre crop; 0 (default) for no crop. Set together with <see cref="CropWidth"/>.</summary>
    public int CropHeight { get; init; }

    /// <summary>The resizing interpolation. Default <see cref="ResizeResampler.Bicubic"/>.</summary>
    public ResizeResampler Resampler { get; init; } = ResizeResampler.Bicubic;

    /// <summary>Factor each byte (0–255) is multiplied by before the mean is subtracted. Default 1.</summary>
    public float Scale { get; init; } = 1f;

    /// <summary>Subtracted after scaling, per channel (given in RGB order). Default 0.</summary>
    public ChannelValues Mean { get; init; } = ChannelValues.Zero;

    /// <summary>Divides after the mean is subtracted, per channel (given in RGB order). Default 1.</summary>
    public ChannelValues Std { get; init; } = ChannelValues.One;

    /// <summary>Channel order in the tensor. Default <see cref="ChannelOrder.Rgb"/>.</summary>
    public ChannelOrder ChannelOrder { get; init; } = ChannelOrder.Rgb;

    /// <summary>Layout of the tensor. Default <see cref="TensorLayout.Chw"/>.</summary>
    public TensorLayout Layout { get; init; } = TensorLayout.Chw;

    /// <summary>
    /// A stable text naming every setting, for cache keys and session files, for example
    /// <c>resize=224:bicubic-v2;crop=224x224;scale=0.003921569;mean=…;std=…;order=rgb;layout=chw</c>.
    /// The <c>-v2</c> marks the fused float resampler (no rounding to bytes between resize and arithmetic), whose
    /// values differ slightly from the earlier byte pipeline's, so caches made by that pipeline are not mixed in.
    /// </summary>
    public string Key => string.Create(CultureInfo.InvariantCulture,
        $"resize={ResizeShortestSide}:{Resampler.ToString().ToLowerInvariant()}-v2;crop={CropWidth}x{CropHeight};scale={Scale:R};" +
        $"mean={Mean.Red:R},{Mean.Green:R},{Mean.Blue:R};std={Std.Red:R},{Std.Green:R},{Std.Blue:R};" +
        $"order={ChannelOrder.ToString().ToLowerInvariant()};layout={Layout.ToString().ToLowerInvariant()}");

    /// <summary>Checks every rule.</summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or above 32768; exactly one of the crop
    /// sizes is 0; <see cref="Scale"/> is 0 or not finite; a <see cref="Mean"/> is not finite; a <see cref="Std"/>
    /// is not finite or not positive; an enum value is undefined.</exception>
    public Preprocessing Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ResizeShortestSide, nameof(ResizeShortestSide));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ResizeShortestSide, MaxSide, nameof(ResizeShortestSide));
        ArgumentOutOfRangeException.ThrowIfNegative(CropWidth, nameof(CropWidth));
        ArgumentOutOfRangeException.ThrowIfNegative(CropHeight, nameof(CropHeight));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CropWidth, MaxSide, nameof(CropWidth));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CropHeight, MaxSide, nameof(CropHeight));
        if ((CropWidth == 0) != (CropHeight == 0))
        {
            throw new ArgumentOutOfRangeException(nameof(CropWidth), $"Crop {CropWidth} × {CropHeight}: set both sizes, or neither (0 × 0) for no crop.");
        }
        if (!float.IsFinite(Scale) || Scale == 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "The scale must be finite and non-zero.");
        }
        if (!Mean.IsFinite)
        {
            throw new ArgumentOutOfRangeException(nameof(Mean), Mean, "Every mean must be finite.");
        }
        if (!Std.IsFinite || Std.Red <= 0f || Std.Green <= 0f || Std.Blue <= 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(Std), Std, "Every std must be finite and positive.");
        }
        if (!Enum.IsDefined(Resampler) || !Enum.IsDefined(ChannelOrder) || !Enum.IsDefined(Layout))
        {
            throw new ArgumentOutOfRangeException(nameof(Resampler), $"Undefined enum value among {Resampler}, {ChannelOrder}, {Layout}.");
        }
        return this;
    }

    /// <summary>The size after resizing, before cropping: the shortest side becomes <see cref="ResizeShortestSide"/>
    /// and the longest <c>floor(ResizeShortestSide · long / short)</c>, as torchvision's <c>Resize(int)</c>.</summary>
    /// <param name="width">Source width, at least 1.</param>
    /// <param name="height">Source height, at least 1.</param>
    /// <returns>The resized size (the source size when no resizing is set).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the options break a rule.</exception>
    public (int Width, int Height) ResizedSize(int width, int height)
    {
        Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var side = ResizeShortestSide;
        if (side == 0)
        {
            return (width, height);
        }
        return width <= height
            ? (side, (int)Math.Min(int.MaxValue, (long)side * height / width))
            : ((int)Math.Min(int.MaxValue, (long)side * width / height), side);
    }

    /// <summary>The spatial size of the tensor for a source image: the crop when one is set, else the resized size.</summary>
    /// <param name="width">Source width, at least 1.</param>
    /// <param name="height">Source height, at least 1.</param>
    /// <returns>The tensor's width and height.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the options break a rule.</exception>
    public (int Width, int Height) OutputSize(int width, int height)
    {
        var resized = ResizedSize(width, height);
        return CropWidth > 0 ? (CropWidth, CropHeight) : resized;
    }

    /// <summary>The number of floats <see cref="Apply(DecodedImage, Span{float})"/> writes: <c>3 · width · height</c> of <see cref="OutputSize"/>.</summary>
    /// <param name="width">Source width, at least 1.</param>
    /// <param name="height">Source height, at least 1.</param>
    /// <returns>The tensor length.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, the options break a rule, or the tensor exceeds an array.</exception>
    public int TensorLength(int width, int height)
    {
        var (w, h) = OutputSize(width, height);
        var length = 3L * w * h;
        return length <= Array.MaxLength ? (int)length : throw new ArgumentOutOfRangeException(nameof(width), $"A {w} × {h} tensor does not fit one array.");
    }

    /// <summary>The tensor's shape for one image: [3, height, width] for CHW, [height, width, 3] for HWC.</summary>
    /// <param name="width">Source width, at least 1.</param>
    /// <param name="height">Source height, at least 1.</param>
    /// <returns>The three dimensions.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the options break a rule.</exception>
    public int[] TensorShape(int width, int height)
    {
        var (w, h) = OutputSize(width, height);
        return Layout == TensorLayout.Chw ? [3, h, w] : [h, w, 3];
    }

    /// <summary>
    /// The resized and cropped pixels (what the model sees, before the arithmetic; padding is black), for display:
    /// the same resampler as <see cref="Apply(DecodedImage, Span{float})"/>, each value (already within 0–255)
    /// rounded to the nearest byte, ties to even.
    /// </summary>
    /// <param name="image">The source image.</param>
    /// <returns>A new image of <see cref="OutputSize"/>, or <paramref name="image"/> itself when nothing changes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options break a rule.</exception>
    public DecodedImage ResizeAndCrop(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (width, height) = OutputSize(image.Width, image.Height);
        if (ResizedSize(image.Width, image.Height) == (image.Width, image.Height) && (width, height) == (image.Width, image.Height))
        {
            return image;
        }
        var pixels = this with { Scale = 1f, Mean = ChannelValues.Zero, Std = ChannelValues.One, ChannelOrder = ChannelOrder.Rgb, Layout = TensorLayout.Hwc };
        var values = new float[3 * width * height];
        SeparableResampler.Write(image, pixels, values);
        var rgb = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            rgb[i] = (byte)MathF.Round(values[i]);
        }
        return new DecodedImage(width, height, rgb);
    }

    /// <summary>
    /// Writes the tensor of one image: computes <c>(v · Scale − Mean[c]) / Std[c]</c> per value, where v is the
    /// resized pixel value clamped to 0–255 (a float: no rounding to bytes in between), in
    /// <see cref="ChannelOrder"/> and <see cref="Layout"/>. Only the pixels the crop keeps are resampled, in one pass
    /// from the bytes (antialiased separable convolution with ImageSharp's filters and sampling convention). Every
    /// output is finite; the same image and settings give the same bits on every run and thread.
    /// </summary>
    /// <param name="image">The source image.</param>
    /// <param name="destination">Exactly <see cref="TensorLength"/> floats.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options break a rule.</exception>
    /// <exception cref="ShapeMismatchException"><paramref name="destination"/> is not exactly <see cref="TensorLength"/> long.</exception>
    public void Apply(DecodedImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        var length = TensorLength(image.Width, image.Height);
        if (destination.Length != length)
        {
            var (w, h) = OutputSize(image.Width, image.Height);
            throw new ShapeMismatchException(nameof(destination), $"{length} floats (3 × {h} × {w})", $"{destination.Length} floats");
        }
        SeparableResampler.Write(image, this, destination);
    }

    /// <summary>Returns the tensor of one image in a new array (see <see cref="Apply(DecodedImage, Span{float})"/>).</summary>
    /// <param name="image">The source image.</param>
    /// <returns><see cref="TensorLength"/> floats.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options break a rule.</exception>
    public float[] Apply(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var tensor = new float[TensorLength(image.Width, image.Height)];
        Apply(image, tensor);
        return tensor;
    }
}
