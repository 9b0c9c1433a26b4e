using System.Text.Json;
using InFiConD.Embedding;

namespace InFiConD.Datasets.Tests;

public class ConceptWorldExportTests
{
    [Fact]
    public void Png_export_reads_back_through_the_manifest_with_the_same_pixels_and_labels()
    {
        using var temp = new TempDirectory();
        var world = ConceptWorld.Create(new ConceptWorldOptions { Seed = 1, ImagesPerClass = 3, ImageSize = 96, Classes = ["boat", "house"] });
        var reports = new List<int>();
        var manifest = ConceptWorldExport.Write(world.Test, temp.Path, new SyncProgress(reports.Add));
        Assert.Equal(Path.Combine(temp.Path, "test.csv"), manifest);
        Assert.Equal(6, reports.Count);
        Assert.Equal(6, reports.Max());

        var source = ImageSource.FromManifest(manifest);
        Assert.Equal(world.Test.Count, source.Count);
        for (var i = 0; i < source.Count; i++)
        {
            Assert.Equal(world.Test.Scenes[i].Id, source[i].Id);
            Assert.Equal(world.Test.Scenes[i].ClassName, source[i].Label);
            var decoded = ImageDecoder.Default.Decode(source[i]);
            Assert.True(decoded.ContentEquals(world.Test.RenderImage(i)), source[i].Id);
        }

        var scenes = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(temp.Path, "test.scenes.json")), ConceptWorldJsonContext.Default.IReadOnlyListConceptWorldScene)!;
        Assert.Equal(world.Test.Scenes, scenes, SceneComparer.Instance);
        // Atomic writes leave no temporary files behind.
        Assert.Empty(Directory.EnumerateFiles(temp.Path, ".*", SearchOption.AllDirectories));
        Assert.Equal(6, Directory.EnumerateFiles(Path.Combine(temp.Path, "test"), "*.png").Count());
    }

    [Fact]
    public void A_cancelled_export_writes_no_manifest()
    {
        using var temp = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ConceptWorldExport.Write(Worlds.Tiny64.Train, temp.Path, null, cancel.Token));
        Assert.False(File.Exists(Path.Combine(temp.Path, "train.csv")));
    }

    [Fact]
    public void In_memory_sources_decode_to_the_rendered_pixels_and_shard()
    {
        var split = Worlds.Tiny64.Shifted;
        var item = split.Source[4];
        Assert.NotNull(item.Decoded);
        Assert.True(ImageDecoder.Default.Decode(item).ContentEquals(split.RenderImage(4)));
        var shard = split.Source.Shard(1, 3);
        Assert.Equal(split.Scenes[1].Id, shard[0].Id);
        Assert.Equal(split.Scenes[4].Id, shard[1].Id);
        Assert.Contains("shifted", split.Source.Description, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => split.Source[split.Count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => split.Render(-1));
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        private readonly Lock _gate = new();

        public void Report(int value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
