using InFiConD.Core;

namespace InFiConD.Embedding.Tests.Caching;

public sealed class EmbeddingCacheReaderTests
{
    private static SegmentEmbeddingRecord Record(byte seed, int segments = 2)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([seed]));
        var values = Enumerable.Range(0, segments * 3).Select(i => (float)(seed - (i * 0.5))).ToArray();
        return new SegmentEmbeddingRecord(hash, FloatMatrix.Wrap(values, segments, 3), [.. Enumerable.Range(0, segments).Select(k => new SegmentBox(k, 2 * k, 3, 4 + seed))]);
    }

    [Fact]
    public void Reads_what_the_cache_wrote_while_a_writer_holds_it_open_and_sees_only_what_was_there_when_it_opened()
    {
        using var folder = new TempFolder();
        var (a, b, c) = (Record(1), Record(2, segments: 5), Record(3));
        using var writer = EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3);
        writer.AppendRange([a, b]);

        var reader = EmbeddingCacheReader.Open(folder.Path, "m", "grid:2:0", 3);
        Assert.Equal(2, reader.Count);
        foreach (var expected in new[] { a, b })
        {
            Assert.True(reader.TryGet(expected.ContentHash.ToUpperInvariant(), out var read));
            Assert.Equal(expected.ContentHash, read!.ContentHash);
            Assert.Equal(expected.Segments.AsSpan().ToArray(), read.Segments.AsSpan().ToArray());
            Assert.Equal(expected.Boxes, read.Boxes);
        }
        writer.Append(c);
        Assert.False(reader.TryGet(c.ContentHash, out var notYet));
        Assert.Null(notYet);
        Assert.True(EmbeddingCacheReader.Open(folder.Path, "m", "grid:2:0", 3).TryGet(c.ContentHash, out _));
    }

    [Fact]
    public void A_damaged_record_is_not_found_and_the_others_still_are()
    {
        using var folder = new TempFolder();
        var (a, b) = (Record(1), Record(2));
        using (var cache = EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3))
        {
            cache.AppendRange([a, b]);
        }
        var reader = EmbeddingCacheReader.Open(folder.Path, "m", "grid:2:0", 3);
        var data = Path.Combine(folder.Path, EmbeddingCache.DataFileName);
        var bytes = File.ReadAllBytes(data);
        bytes[60] ^= 0x40; // inside the first record's boxes: its CRC no longer matches
        File.WriteAllBytes(data, bytes);

        Assert.False(reader.TryGet(a.ContentHash, out _));
        Assert.True(reader.TryGet(b.ContentHash, out var read));
        Assert.Equal(b.Segments.AsSpan().ToArray(), read!.Segments.AsSpan().ToArray());
    }

    [Fact]
    public void A_torn_tail_ends_the_index_and_nothing_is_repaired()
    {
        using var folder = new TempFolder();
        using (var cache = EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3))
        {
            cache.AppendRange([Record(1), Record(2)]);
        }
        var data = Path.Combine(folder.Path, EmbeddingCache.DataFileName);
        var length = new FileInfo(data).Length;
        using (var stream = new FileStream(data, FileMode.Open))
        {
            stream.SetLength(length - 5);
        }

        var reader = EmbeddingCacheReader.Open(folder.Path, "m", "grid:2:0", 3);
        Assert.Equal(1, reader.Count);
        Assert.True(reader.TryGet(Record(1).ContentHash, out _));
        Assert.Equal(length - 5, new FileInfo(data).Length);
    }

    [Fact]
    public void A_cache_of_another_model_or_no_cache_at_all_is_refused_by_name()
    {
        using var folder = new TempFolder();
        Assert.Throws<DirectoryNotFoundException>(() => EmbeddingCacheReader.Open(folder.Path, "m", "grid:2:0", 3));
        using (var cache = EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3))
        {
            cache.Append(Record(1));
        }
        var error = Assert.Throws<InvalidFileException>(() => EmbeddingCacheReader.Open(folder.Path, "other", "grid:2:0", 3));
        Assert.Equal("modelId", error.Field);
        Assert.Throws<ArgumentException>(() => EmbeddingCacheReader.Open(folder.Path, "m", "grid:2:0", 3).TryGet("abc", out _));
    }
}
