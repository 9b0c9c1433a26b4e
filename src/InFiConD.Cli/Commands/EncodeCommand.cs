using System.CommandLine;
using InFiConD.Embedding;

namespace InFiConD.Cli;

/// <summary>
/// <c>infcd encode</c>: one shard of a source through an encoder into a cache folder (the library's
/// <see cref="EmbeddingRunner"/> and <see cref="EmbeddingCache"/> under <c>&lt;cache&gt;/segments</c>, the layout the
/// front door's <c>WithCache</c> reads). Resumable: images already cached are read back, and a killed run loses at most
/// one chunk. When the shard is done it writes its <see cref="ShardManifest"/>, which <c>merge</c> requires.
/// </summary>
internal static class EncodeCommand
{
    /// <summary>The folder under a cache root that holds the embedding cache (as <c>Distillation.WithCache</c> lays it out).</summary>
    public const string SegmentsFolder = "segments";

    public static Command Create()
    {
        var common = new CommonOptions();
        var cache = new Option<string>("--cache") { Description = "The cache folder (one per shard on shared storage; the embeddings go to <cache>/segments).", Required = true, HelpName = "DIR" };
        var chunk = new Option<int>("--chunk") { Description = "Images encoded between flushes to disk: a kill loses at most this many.", DefaultValueFactory = _ => 64 };
        var failFast = new Option<bool>("--fail-fast") { Description = "Stop at the first image that cannot be decoded (exit 3) instead of listing it and going on." };
        var command = new Command("encode", "Encode a source (or one shard of it) into a resumable embedding cache.");
        common.AddSource(command);
        common.AddEncoder(command);
        common.AddShard(command);
        command.Options.Add(cache);
        command.Options.Add(chunk);
        command.Options.Add(failFast);
        command.SetAction((parse, token) => RunAsync(parse, common, parse.GetValue(cache)!, parse.GetValue(chunk), parse.GetValue(failFast), token));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CommonOptions common, string cacheRoot, int chunk, bool failFast, CancellationToken token)
    {
        if (chunk < 1)
        {
            throw CliException.Usage($"--chunk must be ≥ 1; got {chunk}.");
        }
        var shard = common.ShardOf(parse);
        var spec = common.EncoderOf(parse);
        var source = SourceResolver.Resolve(parse.GetValue(common.Source)!, common.World(parse));
        var reporter = new Reporter();
        var root = Path.GetFullPath(cacheRoot);
        var (encoder, owner, providerMessage) = spec.Load();
        using var owned = owner;
        if (providerMessage is not null)
        {
            reporter.Message(providerMessage);
        }
        var shardImages = source.Images.Shard(shard.Index, shard.Count);
        reporter.Event("start", ("command", "encode"), ("source", source.Text), ("sourceId", source.Id), ("shard", $"{shard.Index}/{shard.Count}"),
            ("shardFrom", shard.Origin), ("images", shardImages.Count), ("modelId", encoder.ModelId), ("cache", root));
        int? fromCache = null;
        var segments = await reporter.StageAsync($"encode {source.Text} shard {shard.Index}/{shard.Count}", progress =>
            EmbeddingRunner.EncodeAsync(source.Images, encoder, new EncodeOptions
            {
                CacheDirectory = Path.Combine(root, SegmentsFolder),
                Shard = (shard.Index, shard.Count),
                ImagesPerChunk = chunk,
                FailFast = failFast,
            }, new FirstReport(progress, done => fromCache ??= done), token)).ConfigureAwait(false);

        var manifest = Manifest(source, shard, shardImages, encoder, segments);
        var manifestPath = ShardManifest.PathFor(root, source.Id, shard);
        manifest.Write(manifestPath);
        foreach (var failure in segments.Failures)
        {
            reporter.Message($"not encoded: {failure.Id}: {failure.Reason} {failure.Message}");
        }
        reporter.Done("encode",
            $"Encoded shard {shard.Index}/{shard.Count} of {source.Text}: {segments.ImageIds.Count} images ({fromCache ?? 0} already cached), {segments.Failures.Count} failed; cache {root}, manifest {manifestPath}.",
            ("shard", $"{shard.Index}/{shard.Count}"), ("images", segments.ImageIds.Count), ("cached", fromCache ?? 0), ("failed", segments.Failures.Count),
            ("segments", segments.Segments.Rows), ("manifest", manifestPath));
        return ExitCodes.Success;
    }

    /// <summary>Each encoded image's position in the whole source (shard item k sits at i + k·N) and its content hash.</summary>
    private static ShardManifest Manifest(ResolvedSource source, ShardSpec shard, ImageSource shardImages, IDenseImageEncoder encoder, SegmentEmbeddings segments)
    {
        var position = new Dictionary<string, int>(shardImages.Count, StringComparer.Ordinal);
        for (var k = 0; k < shardImages.Count; k++)
        {
            position[shardImages[k].Id] = shard.Index + (k * shard.Count);
        }
        var positions = new List<int>(segments.ImageIds.Count);
        var hashes = new List<string>(segments.ImageIds.Count);
        for (var j = 0; j < segments.ImageIds.Count; j++)
        {
            // An image whose content could not be hashed is encoded but never cached, so there is nothing to merge.
            if (segments.ContentHashes?[j] is { } hash)
            {
                positions.Add(position[segments.ImageIds[j]]);
                hashes.Add(hash);
            }
        }
        return new ShardManifest(ShardManifest.FormatName, 1, source.Text, source.Id, source.Images.Count, shard.Index, shard.Count,
            encoder.ModelId, EmbeddingRunner.SegmentationKeyOf(encoder), encoder.Dimension, [.. segments.Failures.Select(f => f.Id)], positions, hashes);
    }

    /// <summary>Forwards progress and notes the first report's count: the images the cache already held.</summary>
    private sealed class FirstReport(IProgress<ImageModelProgress> inner, Action<int> first) : IProgress<ImageModelProgress>
    {
        public void Report(ImageModelProgress value)
        {
            first(value.Done);
            inner.Report(value);
        }
    }
}
