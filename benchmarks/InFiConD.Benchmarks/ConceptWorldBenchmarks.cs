using BenchmarkDotNet.Attributes;
using InFiConD.Datasets;
using InFiConD.Embedding;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Benchmarks;

/// <summary>
/// What a ConceptWorld image costs next to what is done with it: the baseline <see cref="ResNet18Encode"/> runs the
/// packaged ResNet-18 (<see cref="ResNet18Backbone"/>, its default workers) on <see cref="Images"/> train images rendered in
/// setup; <see cref="Render"/> renders the same images, <see cref="RenderWithMasks"/> adds their part masks, and
/// <see cref="DecodePngs"/> decodes the same images from in-memory PNGs (what reading an exported split costs).
/// Every method handles the same <see cref="Images"/> images, so Ratio is the cost relative to encoding them.
/// </summary>
[KernelJob]
public class ConceptWorldBenchmarks
{
    /// <summary>Images per call.</summary>
    public const int Images = 32;

    private ConceptWorld _world = null!;
    private ImageSource _rendered = null!;
    private byte[][] _pngs = null!;
    private ResNet18Backbone _backbone = null!;

    /// <summary>Makes the world, renders the images once for the encoder, encodes them as PNG and loads ResNet-18.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _world = ConceptWorld.Create(new ConceptWorldOptions { ImagesPerClass = (Images + 5) / 6 });
        _rendered = ImageSource.FromImages(Enumerable.Range(0, Images).Select(i => (_world.Train.Scenes[i].Id, _world.Train.RenderImage(i))).ToList());
        _pngs = Enumerable.Range(0, Images).Select(i =>
        {
            var image = _world.Train.RenderImage(i);
            using var png = Image.LoadPixelData<Rgb24>(image.Rgb, image.Width, image.Height);
            using var stream = new MemoryStream();
            png.SaveAsPng(stream);
            return stream.ToArray();
        }).ToArray();
        _backbone = ResNet18Backbone.Load();
    }

    /// <summary>Frees the ONNX sessions.</summary>
    [GlobalCleanup]
    public void Cleanup() => _backbone.Dispose();

    /// <summary>ResNet-18 features of the images (pixels already in memory).</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> ResNet18Encode() => (await _backbone.EncodeAsync(_rendered).ConfigureAwait(false)).ImageIds.Count;

    /// <summary>Renders the images' pixels on one thread.</summary>
    [Benchmark]
    public long Render()
    {
        long sum = 0;
        for (var i = 0; i < Images; i++)
        {
            sum += _world.Train.RenderImage(i).Rgb[0];
        }
        return sum;
    }

    /// <summary>Renders the images with their part masks on one thread.</summary>
    [Benchmark]
    public int RenderWithMasks()
    {
        var masks = 0;
        for (var i = 0; i < Images; i++)
        {
            masks += _world.Train.Render(i).Masks.Count;
        }
        return masks;
    }

    /// <summary>Decodes the same images from PNG bytes on one thread.</summary>
    [Benchmark]
    public long DecodePngs()
    {
        long sum = 0;
        for (var i = 0; i < Images; i++)
        {
            sum += ImageDecoder.Default.Decode(_pngs[i]).Rgb[0];
        }
        return sum;
    }
}
