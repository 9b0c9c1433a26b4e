using System.Runtime.InteropServices;

namespace InFiConD.Embedding.Tests.Caching;

/// <summary>Images, sizes and comparisons shared by the cache tests.</summary>
internal static class CacheFixtures
{
    /// <summary>Bytes of one record for a 2 × 2 grid of 3-d rows: prefix 40, boxes 4 × 16, floats 4 × 3 × 4, CRC 4.</summary>
    public const int RecordBytes = 40 + 64 + 48 + 4;

    /// <summary><paramref name="count"/> decoded images of varied sizes and quadrant colours (fixed by a seed).</summary>
    public static ImageSource Images(int count, int seed = 7)
    {
        var random = new Random(seed);
        var items = new List<(string, DecodedImage)>();
        for (var i = 0; i < count; i++)
        {
            var colours = Enumerable.Range(0, 4).Select(_ => ((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256))).ToArray();
            items.Add(($"img{i:D2}", MeanColourEncoder.Quadrants(4 + random.Next(6), 4 + random.Next(6), colours)));
        }
        return ImageSource.FromImages(items);
    }

    public static string DataFile(string directory) => Path.Combine(directory, EmbeddingCache.DataFileName);

    /// <summary>Asserts two results are the same to the bit: floats, offsets, ids, boxes and failure ids.</summary>
    public static void AssertIdentical(SegmentEmbeddings expected, SegmentEmbeddings actual)
    {
        Assert.Equal((expected.Segments.Rows, expected.Segments.Columns), (actual.Segments.Rows, actual.Segments.Columns));
        Assert.True(MemoryMarshal.AsBytes(expected.Segments.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.Segments.AsSpan())), "segment floats differ");
        Assert.Equal(expected.Offsets, actual.Offsets);
        Assert.Equal(expected.ImageIds, actual.ImageIds);
        Assert.Equal(expected.Boxes.Count, actual.Boxes.Count);
        for (var i = 0; i < expected.Boxes.Count; i++)
        {
            Assert.Equal(expected.Boxes[i], actual.Boxes[i]);
        }
        Assert.Equal(expected.Failures.Select(f => f.Id), actual.Failures.Select(f => f.Id));
    }
}
