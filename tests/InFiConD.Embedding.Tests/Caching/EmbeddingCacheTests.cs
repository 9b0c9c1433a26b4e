using InFiConD.Core;

namespace InFiConD.Embedding.Tests.Caching;

public sealed class EmbeddingCacheTests
{
    private static SegmentEmbeddingRecord Record(byte seed, int segments = 2, int dimension = 3)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([seed]));
        var values = Enumerable.Range(0, segments * dimension).Select(i => (float)(seed + (i * 0.25))).ToArray();
        var boxes = Enumerable.Range(0, segments).Select(k => new SegmentBox(k, seed, 1 + k, 2)).ToArray();
        return new SegmentEmbeddingRecord(hash, FloatMatrix.Wrap(values, segments, dimension), boxes);
    }

    [Fact]
    public void Appended_records_read_back_before_and_after_reopening()
    {
        using var folder = new TempFolder();
        var a = Record(1);
        var b = Record(2, segments: 5);
        using (var cache = EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3))
        {
            Assert.True(cache.Append(a));
            Assert.True(cache.TryGet(a.ContentHash, out var readA));
            Assert.Equal(a.Segments.AsSpan().ToArray(), readA!.Segments.AsSpan().ToArray());
            Assert.True(cache.Append(b));
            Assert.False(cache.Append(b));
            Assert.True(cache.TryGet(b.ContentHash.ToUpperInvariant(), out var readB));
            Assert.Equal(b.Boxes, readB!.Boxes);
            Assert.Equal(2, cache.Count);
        }
        using (var cache = EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3))
        {
            Assert.Equal(0, cache.DroppedBytes);
            Assert.Null(cache.DropReason);
            Assert.Equal(2, cache.Count);
            Assert.True(cache.TryGet(b.ContentHash, out var readB));
            Assert.Equal(b.Segments.AsSpan().ToArray(), readB!.Segments.AsSpan().ToArray());
            Assert.Equal(b.Boxes, readB.Boxes);
            Assert.False(cache.TryGet(Record(3).ContentHash, out var missing));
            Assert.Null(missing);
        }
    }

    [Theory]
    [InlineData("other-model", "grid:2:0", 3, "modelId")]
    [InlineData("m", "grid:3:0", 3, "segmentation")]
    [InlineData("m", "grid:2:0", 4, "dimension")]
    public void A_cache_made_for_something_else_is_refused_naming_the_field(string model, string segmentation, int dimension, string field)
    {
        using var folder = new TempFolder();
        using (var cache = EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3))
        {
            cache.Append(Record(1));
        }
        var error = Assert.Throws<InvalidFileException>(() => EmbeddingCache.Open(folder.Path, model, segmentation, dimension));
        Assert.Equal(field, error.Field);
        Assert.Equal(Path.Combine(folder.Path, EmbeddingCache.HeaderFileName), error.FilePath);
    }

    [Fact]
    public void Records_without_a_header_are_refused()
    {
        using var folder = new TempFolder();
        folder.Write(EmbeddingCache.DataFileName, [1, 2, 3, 4]);
        var error = Assert.Throws<InvalidFileException>(() => EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3));
        Assert.Contains("missing", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_header_names_the_file()
    {
        using var folder = new TempFolder();
        folder.WriteText(EmbeddingCache.HeaderFileName, "{ not json");
        var error = Assert.Throws<InvalidFileException>(() => EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3));
        Assert.EndsWith(EmbeddingCache.HeaderFileName, error.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_after_the_last_record_is_cut_off()
    {
        using var folder = new TempFolder();
        using (var cache = EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3))
        {
            cache.AppendRange([Record(1), Record(2)]);
        }
        var data = CacheFixtures.DataFile(folder.Path);
        var whole = new FileInfo(data).Length;
        File.AppendAllText(data, "xyz");
        using (var cache = EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3))
        {
            Assert.Equal(3, cache.DroppedBytes);
            Assert.Equal(2, cache.Count);
            Assert.True(cache.Append(Record(3)));
        }
        using (var cache = EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3))
        {
            Assert.Equal(0, cache.DroppedBytes);
            Assert.Equal(3, cache.Count);
            Assert.True(new FileInfo(data).Length > whole);
        }
    }

    [Fact]
    public void Merge_refuses_a_shard_of_another_model_and_a_folder_that_is_no_cache()
    {
        using var folder = new TempFolder();
        var other = Path.Combine(folder.Path, "other");
        using (var cache = EmbeddingCache.Open(other, "other-model", "grid:2:0", 3))
        {
            cache.Append(Record(1));
        }
        using var target = EmbeddingCache.Open(Path.Combine(folder.Path, "target"), "m", "grid:2:0", 3);
        var error = Assert.Throws<InvalidFileException>(() => target.Merge([other]));
        Assert.Equal("modelId", error.Field);
        Assert.Throws<DirectoryNotFoundException>(() => target.Merge([Path.Combine(folder.Path, "nothing")]));
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "nothing")));
        Assert.Equal(0, target.Count);
    }

    [Fact]
    public void Records_of_the_wrong_shape_are_refused()
    {
        using var folder = new TempFolder();
        using var cache = EmbeddingCache.Open(folder.Path, "m", "grid:2:0", 3);
        Assert.Throws<ShapeMismatchException>(() => cache.Append(Record(1, dimension: 4)));
        Assert.Throws<ArgumentException>(() => cache.Append(Record(1) with { ContentHash = "abc" }));
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, new FileInfo(CacheFixtures.DataFile(folder.Path)).Length);
    }

    [Fact]
    public void Content_hashes_follow_the_content_not_the_id()
    {
        using var folder = new TempFolder();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        var path = folder.Write("a.png", png);
        Assert.True(ImageContentHash.TryCompute(ImageItem.FromEncoded("x", png), out var fromBytes));
        Assert.True(ImageContentHash.TryCompute(ImageItem.FromFile("y", path), out var fromFile));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), fromBytes);
        Assert.Equal(fromBytes, fromFile);

        // Same RGB bytes, different shape: different images, different hashes.
        var rgb = new byte[12];
        Assert.True(ImageContentHash.TryCompute(ImageItem.FromDecoded("a", new DecodedImage(4, 1, rgb)), out var wide));
        Assert.True(ImageContentHash.TryCompute(ImageItem.FromDecoded("b", new DecodedImage(1, 4, rgb)), out var tall));
        Assert.NotEqual(wide, tall);

        Assert.False(ImageContentHash.TryCompute(ImageItem.FromFile("z", Path.Combine(folder.Path, "missing.png")), out var missing));
        Assert.Null(missing);
    }
}
