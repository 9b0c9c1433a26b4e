using System.Text.Json;
using InFiConD.Embedding;

namespace InFiConD.Cli;

/// <summary>
/// The shard caches given to <c>merge</c>, checked before anything is written: every folder is a finished shard cache
/// (a <c>segments/cache.json</c> and at least one manifest), all were made with one model, segmentation and dimension,
/// each source's shards agree on the shard count, no two folders hold the same shard (an overlap: a shard run twice
/// into two folders, or two Jobs given the same index) and, unless partial merges are allowed, no shard is missing.
/// Every refusal names the files at fault.
/// </summary>
internal sealed class ShardSet
{
    private ShardSet(string modelId, string segmentation, int dimension, IReadOnlyList<(string Root, ShardManifest Manifest, string Path)> shards)
    {
        ModelId = modelId;
        Segmentation = segmentation;
        Dimension = dimension;
        Shards = shards;
    }

    public string ModelId { get; }

    public string Segmentation { get; }

    public int Dimension { get; }

    /// <summary>Every shard: its cache root, manifest and the manifest's path.</summary>
    public IReadOnlyList<(string Root, ShardManifest Manifest, string Path)> Shards { get; }

    /// <summary>Reads and checks the shard caches.</summary>
    /// <exception cref="CliException">A folder is not a finished shard cache (exit 3), or the shards do not go together (exit 4).</exception>
    public static ShardSet Read(IReadOnlyList<string> roots, bool allowPartial)
    {
        (string Path, string Model, string Segmentation, int Dimension)? first = null;
        var shards = new List<(string Root, ShardManifest Manifest, string Path)>();
        foreach (var given in roots)
        {
            var root = System.IO.Path.GetFullPath(given);
            var header = System.IO.Path.Combine(root, EncodeCommand.SegmentsFolder, EmbeddingCache.HeaderFileName);
            if (!File.Exists(header))
            {
                throw CliException.Input("NotACache", $"'{root}' is not an infcd cache: it has no {EncodeCommand.SegmentsFolder}/{EmbeddingCache.HeaderFileName}.");
            }
            var (model, segmentation, dimension) = ReadHeader(header);
            if (first is { } f)
            {
                var field = f.Model != model ? ("modelId", f.Model, model) : f.Segmentation != segmentation ? ("segmentation", f.Segmentation, segmentation)
                    : f.Dimension != dimension ? ("dimension", f.Dimension.ToString(), dimension.ToString()) : default((string, string, string)?);
                if (field is { } d)
                {
                    throw CliException.Refused("MismatchedModels", $"'{header}' has {d.Item1} '{d.Item3}' but '{f.Path}' has '{d.Item2}': caches of different encoders, segmentations or dimensions cannot be merged.");
                }
            }
            else
            {
                first = (header, model, segmentation, dimension);
            }
            var folder = System.IO.Path.Combine(root, ShardManifest.FolderName);
            var manifests = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList() : [];
            if (manifests.Count == 0)
            {
                throw CliException.Refused("UnfinishedShard", $"'{root}' holds no finished shard ({ShardManifest.FolderName}/*.json is written when encode completes): the shard was killed or is still running; re-run its encode command, which resumes from its cache.");
            }
            foreach (var path in manifests)
            {
                var manifest = ShardManifest.Read(path);
                if (manifest.ModelId != model || manifest.Segmentation != segmentation || manifest.Dimension != dimension)
                {
                    throw CliException.Refused("MismatchedModels", $"'{path}' was written for {manifest.ModelId} / {manifest.Segmentation} / {manifest.Dimension} but its cache header '{header}' says {model} / {segmentation} / {dimension}.");
                }
                shards.Add((root, manifest, path));
            }
        }
        CheckShards(shards, allowPartial);
        return new ShardSet(first!.Value.Model, first.Value.Segmentation, first.Value.Dimension, shards);
    }

    private static void CheckShards(List<(string Root, ShardManifest Manifest, string Path)> shards, bool allowPartial)
    {
        foreach (var source in shards.GroupBy(s => s.Manifest.SourceId, StringComparer.Ordinal))
        {
            var list = source.ToList();
            var counts = list.Select(s => s.Manifest.ShardCount).Distinct().ToList();
            if (counts.Count > 1)
            {
                var a = list.First(s => s.Manifest.ShardCount == counts[0]);
                var b = list.First(s => s.Manifest.ShardCount == counts[1]);
                throw CliException.Refused("OverlappingShards", $"'{a.Path}' is shard {a.Manifest.ShardIndex}/{a.Manifest.ShardCount} and '{b.Path}' shard {b.Manifest.ShardIndex}/{b.Manifest.ShardCount} of the same source {list[0].Manifest.Source}: shards of different counts overlap.");
            }
            foreach (var twice in list.GroupBy(s => s.Manifest.ShardIndex).Where(g => g.Count() > 1))
            {
                var paths = twice.Select(s => $"'{s.Path}'").ToList();
                throw CliException.Refused("OverlappingShards", $"Shard {twice.Key}/{counts[0]} of {list[0].Manifest.Source} is in {paths.Count} caches: {string.Join(" and ", paths)}; pass each shard once.");
            }
            var missing = Enumerable.Range(0, counts[0]).Except(list.Select(s => s.Manifest.ShardIndex)).ToList();
            if (missing.Count > 0 && !allowPartial)
            {
                throw CliException.Refused("MissingShards", $"{list[0].Manifest.Source} (source {source.Key}) has {counts[0]} shards but shard{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} {(missing.Count > 1 ? "are" : "is")} missing: pass their caches, re-run them, or merge anyway with --allow-partial.");
            }
        }
    }

    private static (string Model, string Segmentation, int Dimension) ReadHeader(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return (root.GetProperty("modelId").GetString()!, root.GetProperty("segmentation").GetString()!, root.GetProperty("dimension").GetInt32());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw CliException.Input("InvalidFile", $"'{path}' is not an embedding cache header: {e.Message}");
        }
    }
}
