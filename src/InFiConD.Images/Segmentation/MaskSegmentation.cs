using System.Security.Cryptography;
using System.Text.Json.Serialization;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// One segment per mask, in list order: the mask's bounding box (the crop that an image encoder sees through
/// <c>CroppedSegmentEncoder</c>; <c>MaskPooledSegmentEncoder</c>, in InFiConD.Embedding, instead averages a dense encoder's
/// patch embeddings under the mask itself). Masks belong to one image, so <see cref="Boxes"/> checks that they match its size. The
/// <see cref="Segmentation.Key"/> includes a hash of the mask contents.
/// </summary>
public sealed record MaskSegmentation : Segmentation
{
    private readonly SegmentMask[] _masks;

    /// <summary>Creates the segmentation.</summary>
    /// <param name="masks">The masks, at least one, all the same size, none empty.</param>
    /// <exception cref="ArgumentNullException">The list or a mask is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The list is empty, a mask is empty (names its index), or the sizes differ (names the index).</exception>
    public MaskSegmentation(IReadOnlyList<SegmentMask> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.Count == 0)
        {
            throw new ArgumentException("At least one mask is required.", nameof(masks));
        }
        _masks = [.. masks];
        for (var i = 0; i < _masks.Length; i++)
        {
            var mask = _masks[i] ?? throw new ArgumentNullException(nameof(masks), $"Mask {i} is null.");
            if (mask.Bounds is null)
            {
                throw new ArgumentException($"Mask {i} is empty (no pixel set); every mask must cover at least one pixel.", nameof(masks));
            }
            if (mask.Width != _masks[0].Width || mask.Height != _masks[0].Height)
            {
                throw new ArgumentException($"Mask {i} is {mask.Width} × {mask.Height} but mask 0 is {_masks[0].Width} × {_masks[0].Height}; all masks must have the image's size.", nameof(masks));
            }
        }
        Key = $"masks:{_masks.Length}:{ContentHash(_masks)}";
    }

    /// <summary>The masks, in segment order.</summary>
    public IReadOnlyList<SegmentMask> Masks => _masks;

    /// <inheritdoc />
    [JsonIgnore]
    public override string Key { get; }

    /// <inheritdoc />
    [JsonIgnore]
    public override int SegmentCount => _masks.Length;

    /// <inheritdoc />
    public override IReadOnlyList<SegmentBox> Boxes(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var boxes = new SegmentBox[_masks.Length];
        for (var i = 0; i < _masks.Length; i++)
        {
            var mask = _masks[i];
            if (mask.Width != width || mask.Height != height)
            {
                throw new ShapeMismatchException($"masks[{i}]", $"{width} × {height} (the image)", $"{mask.Width} × {mask.Height}");
            }
            boxes[i] = mask.Bounds!;
        }
        return boxes;
    }

    /// <summary>The first 16 hex digits of SHA-256 over the sizes and the inside/outside bits.</summary>
    private static string ContentHash(SegmentMask[] masks)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> size = stackalloc byte[8];
        foreach (var mask in masks)
        {
            BitConverter.TryWriteBytes(size, mask.Width);
            BitConverter.TryWriteBytes(size[4..], mask.Height);
            hash.AppendData(size);
            // Normalise to 0/1 so that masks meaning the same thing hash alike.
            var bits = new byte[mask.Values.Length];
            for (var i = 0; i < bits.Length; i++)
            {
                bits[i] = mask.Values[i] == 0 ? (byte)0 : (byte)1;
            }
            hash.AppendData(bits);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
