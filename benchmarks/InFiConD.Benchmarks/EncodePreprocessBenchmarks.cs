using BenchmarkDotNet.Attributes;
using InFiConD.Embedding;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace InFiConD.Benchmarks;

/// <summary>
/// Where the CPU time of the encode pipeline's image side goes, one thread, <see cref="Images"/> 500 × 375 JPEGs
/// (<see cref="EncodeImages"/>) per call: decoding, and preprocessing a decoded image into the model's tensor. Baseline:
/// the preprocessing path before the fused kernel — ImageSharp resize of a copy of the RGB bytes (bicubic or triangle),
/// copy back to bytes, then crop and per-byte arithmetic — against <see cref="Preprocessing.Apply(DecodedImage, Span{float})"/>
/// (<c>SeparableResampler</c>: only the crop's pixels, bytes to floats in one pass). Decoding is shown against the
/// same baseline for scale: the library's decoder (JPEG straight to RGB) and the earlier route (decode to RGBA, copy
/// per pixel to RGB).
/// </summary>
[KernelJob]
public class EncodePreprocessBenchmarks
{
    /// <summary>Images per call.</summary>
    public const int Images = 64;

    private List<(string Id, byte[] Encoded)> _jpegs = null!;
    private DecodedImage[] _decoded = null!;
    private float[] _tensor = null!;

    /// <summary>The preprocessing: CLIP (bicubic, 224 crop of 298 × 224) or the ResNet-18 package (bilinear).</summary>
    [Params("Clip", "ResNet18")]
    public string Preset { get; set; } = "Clip";

    private Preprocessing Preprocessing => Preset == "Clip" ? Preprocessing.Clip : Preprocessing.ResNet18Package;

    /// <summary>Makes and decodes the JPEGs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _jpegs = EncodeImages.Jpegs(Images);
        _decoded = [.. _jpegs.Select(j => ImageDecoder.Default.Decode(j.Encoded, j.Id))];
        _tensor = new float[Preprocessing.TensorLength(EncodeImages.Width, EncodeImages.Height)];
    }

    /// <summary>Preprocessing before the fused kernel: ImageSharp resize to bytes, crop, per-byte arithmetic.</summary>
    [Benchmark(Baseline = true)]
    public void ImageSharpResize()
    {
        var p = Preprocessing;
        // Without resizing, Apply gives the old crop + per-byte table values bit for bit (a little faster than the old writer).
        var cropOnly = p with { ResizeShortestSide = 0 };
        foreach (var image in _decoded)
        {
            var (width, height) = p.ResizedSize(image.Width, image.Height);
            using var sharp = Image.LoadPixelData<Rgb24>(image.Rgb, image.Width, image.Height);
            var sampler = p.Resampler == ResizeResampler.Bilinear ? KnownResamplers.Triangle : KnownResamplers.Bicubic;
            sharp.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(width, height), Mode = ResizeMode.Stretch, Sampler = sampler }));
            var rgb = new byte[3 * width * height];
            sharp.CopyPixelDataTo(rgb);
            cropOnly.Apply(new DecodedImage(width, height, rgb), _tensor);
        }
    }

    /// <summary>The library's preprocessing: the fused resize-crop-tensor kernel.</summary>
    [Benchmark]
    public void Fused()
    {
        foreach (var image in _decoded)
        {
            Preprocessing.Apply(image, _tensor);
        }
    }

    /// <summary>The library's decoder (format and size checks, JPEG straight to RGB, one row copy).</summary>
    [Benchmark]
    public void Decode()
    {
        foreach (var (id, encoded) in _jpegs)
        {
            ImageDecoder.Default.Decode(encoded, id);
        }
    }

    /// <summary>The earlier decode route, without the checks: JPEG to RGBA, then a per-pixel copy to RGB bytes.</summary>
    [Benchmark]
    public void DecodeViaRgba()
    {
        foreach (var (_, encoded) in _jpegs)
        {
            using var image = Image.Load<Rgba32>(encoded);
            var rgb = new byte[3 * image.Width * image.Height];
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    var row = rows.GetRowSpan(y);
                    for (var x = 0; x < row.Length; x++)
                    {
                        var i = 3 * ((y * row.Length) + x);
                        (rgb[i], rgb[i + 1], rgb[i + 2]) = (row[x].R, row[x].G, row[x].B);
                    }
                }
            });
        }
    }
}
