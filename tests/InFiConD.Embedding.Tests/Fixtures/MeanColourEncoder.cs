using InFiConD.Core;

namespace InFiConD.Embedding.Tests;

/// <summary>A fake encoder whose embedding is an image's mean red, green and blue: easy to check by hand.</summary>
internal sealed class MeanColourEncoder : IImageEncoder
{
    private int _calls;

    public string ModelId => "mean-colour";

    public int Dimension => 3;

    /// <summary>How many times <see cref="EncodeAsync"/> ran.</summary>
    public int Calls => _calls;

    /// <summary>How many images the calls saw in all.</summary>
    public int ImagesSeen { get; private set; }

    public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        ImagesSeen += images.Count;
        var rows = new List<float[]>();
        var ids = new List<string>();
        var failures = new List<DecodeFailure>();
        foreach (var item in images)
        {
            var outcome = ImageDecoder.Default.TryDecode(item);
            if (outcome.Image is not { } image)
            {
                failures.Add(outcome.Failure!);
                continue;
            }
            var sum = new double[3];
            for (var i = 0; i < image.Rgb.Length; i++)
            {
                sum[i % 3] += image.Rgb[i];
            }
            rows.Add(sum.Select(s => (float)(s / image.PixelCount)).ToArray());
            ids.Add(item.Id);
        }
        var matrix = rows.Count == 0 ? new FloatMatrix(0, 3) : FloatMatrix.FromRows(rows);
        return Task.FromResult(new ImageEmbeddings(matrix, ids, failures));
    }

    /// <summary>A <paramref name="width"/> × <paramref name="height"/> image whose four quadrants (split at width/2, height/2) have the given colours.</summary>
    public static DecodedImage Quadrants(int width, int height, params (byte R, byte G, byte B)[] colours)
    {
        var rgb = new byte[3 * width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var q = ((y < height / 2 ? 0 : 1) * 2) + (x < width / 2 ? 0 : 1);
                var i = 3 * ((y * width) + x);
                (rgb[i], rgb[i + 1], rgb[i + 2]) = colours[q];
            }
        }
        return new DecodedImage(width, height, rgb);
    }
}
