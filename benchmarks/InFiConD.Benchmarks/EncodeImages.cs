using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Benchmarks;

/// <summary>
/// Encoded photos in memory for the encode benchmarks: 500 × 375 JPEGs at quality 90 (the typical ImageNet and
/// PASCAL VOC size), with smooth gradients, blobs and sensor-like noise so that the decoder does realistic work.
/// Fixed by a seed.
/// </summary>
internal static class EncodeImages
{
    public const int Width = 500;
    public const int Height = 375;

    public static List<(string Id, byte[] Encoded)> Jpegs(int count, int seed = 11)
    {
        var random = new Random(seed);
        var list = new List<(string, byte[])>(count);
        var encoder = new JpegEncoder { Quality = 90 };
        for (var n = 0; n < count; n++)
        {
            using var image = new Image<Rgb24>(Width, Height);
            var (cx, cy, radius) = (random.Next(Width), random.Next(Height), 40 + random.Next(120));
            var (r0, g0, b0) = (random.Next(256), random.Next(256), random.Next(256));
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < Height; y++)
                {
                    var row = rows.GetRowSpan(y);
                    for (var x = 0; x < Width; x++)
                    {
                        var inside = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) < radius * radius;
                        var noise = random.Next(-12, 13);
                        row[x] = inside
                            ? new Rgb24(Clamp(255 - r0 + noise), Clamp(g0 / 2 + noise), Clamp(b0 + noise))
                            : new Rgb24(Clamp(r0 * x / Width + noise), Clamp(g0 * y / Height + noise), Clamp(((x + y) & 0xFF) / 2 + b0 / 2 + noise));
                    }
                }
            });
            using var stream = new MemoryStream();
            image.Save(stream, encoder);
            list.Add(($"photo{n:D3}", stream.ToArray()));
        }
        return list;
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
