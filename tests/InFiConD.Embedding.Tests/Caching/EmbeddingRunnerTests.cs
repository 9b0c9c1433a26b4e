namespace InFiConD.Embedding.Tests.Caching;

public sealed class EmbeddingRunnerTests
{
    [Fact]
    public async Task A_second_run_reads_everything_from_the_cache_bit_for_bit()
    {
        using var folder = new TempFolder();
        var source = CacheFixtures.Images(10);
        var options = new EncodeOptions { CacheDirectory = folder.Path, ImagesPerChunk = 4 };
        var first = new CountingDenseEncoder();
        var uncached = await EmbeddingRunner.EncodeAsync(source, new CountingDenseEncoder());
        var written = await EmbeddingRunner.EncodeAsync(source, first, options);
        var second = new CountingDenseEncoder();
        var read = await EmbeddingRunner.EncodeAsync(source, second, options);

        Assert.Equal(3, first.Calls.Count);
        Assert.Empty(second.Calls);
        CacheFixtures.AssertIdentical(uncached, written);
        CacheFixtures.AssertIdentical(uncached, read);
        Assert.Equal(40, read.Segments.Rows);
    }

    [Fact]
    public async Task A_torn_last_record_is_dropped_and_only_that_image_is_encoded_again()
    {
        using var folder = new TempFolder();
        var source = CacheFixtures.Images(6);
        var options = new EncodeOptions { CacheDirectory = folder.Path, ImagesPerChunk = 2 };
        var uninterrupted = await EmbeddingRunner.EncodeAsync(source, new CountingDenseEncoder(), options);

        // A kill while writing the last record leaves part of it: cut it in the middle of its floats.
        var data = CacheFixtures.DataFile(folder.Path);
        Assert.Equal(6 * CacheFixtures.RecordBytes, new FileInfo(data).Length);
        using (var stream = new FileStream(data, FileMode.Open))
        {
            stream.SetLength(stream.Length - 70);
        }
        using (var cache = EmbeddingCache.Open(folder.Path, "mean-colour-grid", "native", 3))
        {
            Assert.Equal(5, cache.Count);
            Assert.Equal(CacheFixtures.RecordBytes - 70, cache.DroppedBytes);
            Assert.Contains("torn record", cache.DropReason, StringComparison.Ordinal);
        }
        Assert.Equal(5 * CacheFixtures.RecordBytes, new FileInfo(data).Length);

        var encoder = new CountingDenseEncoder();
        var resumed = await EmbeddingRunner.EncodeAsync(source, encoder, options);
        Assert.Equal(["img05"], encoder.Seen);
        CacheFixtures.AssertIdentical(uninterrupted, resumed);
        Assert.Equal(6 * CacheFixtures.RecordBytes, new FileInfo(data).Length);
    }

    [Fact]
    public async Task A_corrupted_crc_drops_that_record_and_every_later_one()
    {
        using var folder = new TempFolder();
        var source = CacheFixtures.Images(5);
        var options = new EncodeOptions { CacheDirectory = folder.Path };
        var uninterrupted = await EmbeddingRunner.EncodeAsync(source, new CountingDenseEncoder(), options);

        // Flip a byte of record 2's CRC (its last 4 bytes): records 0 and 1 survive, 2..4 go (nothing after a bad record is trusted).
        var data = CacheFixtures.DataFile(folder.Path);
        var bytes = File.ReadAllBytes(data);
        bytes[(3 * CacheFixtures.RecordBytes) - 2] ^= 0x40;
        File.WriteAllBytes(data, bytes);
        using (var cache = EmbeddingCache.Open(folder.Path, "mean-colour-grid", "native", 3))
        {
            Assert.Equal(2, cache.Count);
            Assert.Equal(3 * CacheFixtures.RecordBytes, cache.DroppedBytes);
            Assert.Contains("CRC mismatch", cache.DropReason, StringComparison.Ordinal);
        }

        var encoder = new CountingDenseEncoder();
        var resumed = await EmbeddingRunner.EncodeAsync(source, encoder, options);
        Assert.Equal(["img02", "img03", "img04"], encoder.Seen);
        CacheFixtures.AssertIdentical(uninterrupted, resumed);
    }

    [Fact]
    public async Task Three_shards_with_their_own_caches_merge_into_the_unsharded_result()
    {
        using var folder = new TempFolder();
        var source = CacheFixtures.Images(11);
        var expected = await EmbeddingRunner.EncodeAsync(source, new CountingDenseEncoder());

        var shardDirectories = new List<string>();
        var shardImages = 0;
        for (var s = 0; s < 3; s++)
        {
            var directory = Path.Combine(folder.Path, $"shard{s}");
            shardDirectories.Add(directory);
            var shard = await EmbeddingRunner.EncodeAsync(source, new CountingDenseEncoder(), new EncodeOptions { CacheDirectory = directory, Shard = (s, 3), ImagesPerChunk = 2 });
            Assert.Equal(source.Shard(s, 3).Select(i => i.Id), shard.ImageIds);
            shardImages += shard.ImageIds.Count;
        }
        Assert.Equal(11, shardImages);

        var merged = Path.Combine(folder.Path, "merged");
        using (var cache = EmbeddingCache.Open(merged, "mean-colour-grid", "native", 3))
        {
            Assert.Equal(11, cache.Merge(shardDirectories));
            Assert.Equal(0, cache.Merge(shardDirectories));
            Assert.Equal(11, cache.Count);
        }
        var encoder = new CountingDenseEncoder();
        var actual = await EmbeddingRunner.EncodeAsync(source, encoder, new EncodeOptions { CacheDirectory = merged });
        Assert.Empty(encoder.Calls);
        CacheFixtures.AssertIdentical(expected, actual);
    }

    [Fact]
    public async Task Failures_are_reported_in_order_and_not_cached()
    {
        using var folder = new TempFolder();
        var good = CacheFixtures.Images(2);
        var source = ImageSource.FromItems([good[0], ImageItem.FromEncoded("broken", [1, 2, 3]), good[1], ImageItem.FromEncoded("empty", [])]);
        var options = new EncodeOptions { CacheDirectory = folder.Path };
        var first = await EmbeddingRunner.EncodeAsync(source, new CountingDenseEncoder(), options);
        Assert.Equal(["img00", "img01"], first.ImageIds);
        Assert.Equal(["broken", "empty"], first.Failures.Select(f => f.Id));

        var encoder = new CountingDenseEncoder();
        var second = await EmbeddingRunner.EncodeAsync(source, encoder, options);
        Assert.Equal(["broken", "empty"], encoder.Seen);
        CacheFixtures.AssertIdentical(first, second);
    }

    [Fact]
    public async Task FailFast_throws_after_caching_the_chunks_successes()
    {
        using var folder = new TempFolder();
        var good = CacheFixtures.Images(2);
        var source = ImageSource.FromItems([good[0], ImageItem.FromEncoded("broken", [1, 2, 3]), good[1]]);
        var error = await Assert.ThrowsAsync<ImageDecodeException>(() =>
            EmbeddingRunner.EncodeAsync(source, new CountingDenseEncoder(), new EncodeOptions { CacheDirectory = folder.Path, FailFast = true }));
        Assert.Equal("broken", error.Failure.Id);
        using var cache = EmbeddingCache.Open(folder.Path, "mean-colour-grid", "native", 3);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task Cancellation_between_chunks_keeps_the_chunks_already_cached()
    {
        using var folder = new TempFolder();
        var source = CacheFixtures.Images(6);
        using var cancel = new CancellationTokenSource();
        var reports = new List<ImageModelProgress>();
        var progress = new SynchronousProgress(reports);
        var cancelAfterFirstChunk = new CancelOnReport(progress, cancel, at: 2);
        var options = new EncodeOptions { CacheDirectory = folder.Path, ImagesPerChunk = 2 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EmbeddingRunner.EncodeAsync(source, new CountingDenseEncoder(), options, cancelAfterFirstChunk, cancel.Token));
        Assert.Equal([new ImageModelProgress(0, 6, 0), new ImageModelProgress(2, 6, 0)], reports);

        var encoder = new CountingDenseEncoder();
        var resumed = await EmbeddingRunner.EncodeAsync(source, encoder, options);
        Assert.Equal(["img02", "img03", "img04", "img05"], encoder.Seen);
        CacheFixtures.AssertIdentical(await EmbeddingRunner.EncodeAsync(source, new CountingDenseEncoder()), resumed);
    }

    [Fact]
    public async Task A_cache_from_another_model_is_refused_before_anything_is_encoded()
    {
        using var folder = new TempFolder();
        var source = CacheFixtures.Images(2);
        await EmbeddingRunner.EncodeAsync(source, new CountingDenseEncoder("model-a"), new EncodeOptions { CacheDirectory = folder.Path });
        var other = new CountingDenseEncoder("model-b");
        var error = await Assert.ThrowsAsync<InFiConD.Core.InvalidFileException>(() =>
            EmbeddingRunner.EncodeAsync(source, other, new EncodeOptions { CacheDirectory = folder.Path }));
        Assert.Equal("modelId", error.Field);
        Assert.Empty(other.Calls);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    [InlineData(-1, 2)]
    public void Bad_shards_are_refused(int index, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EncodeOptions { Shard = (index, count) }.Validate());

    [Fact]
    public void The_segmentation_key_comes_from_a_cropping_encoder()
    {
        var cropped = CroppedSegmentEncoder.Create(new MeanColourEncoder(), Segmentation.Grid(3), new CroppedSegmentOptions { IncludeWhole = true });
        Assert.Equal(Segmentation.Grid(3).Key + "+whole", EmbeddingRunner.SegmentationKeyOf(cropped));
        Assert.Equal("native", EmbeddingRunner.SegmentationKeyOf(new CountingDenseEncoder()));
    }

    /// <summary>Passes reports on and cancels once a report reaches <c>at</c> images done.</summary>
    private sealed class CancelOnReport(IProgress<ImageModelProgress> inner, CancellationTokenSource cancel, int at) : IProgress<ImageModelProgress>
    {
        public void Report(ImageModelProgress value)
        {
            inner.Report(value);
            if (value.Done >= at)
            {
                cancel.Cancel();
            }
        }
    }
}
