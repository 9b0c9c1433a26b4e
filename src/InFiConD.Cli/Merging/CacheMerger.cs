using InFiConD.Embedding;

namespace InFiConD.Cli;

/// <summary>
/// Merges checked shard caches into one cache root. Records are appended in source order (each shard manifest gives its
/// images' positions in the whole source), so the merged <c>segments.bin</c> is byte-for-byte the file an unsharded run
/// writes; images already in the target are skipped, as <see cref="EmbeddingCache.Merge"/> does. Appends go through
/// <see cref="EmbeddingCache.AppendRange"/> in flushed batches, so a killed merge resumes like a killed encode.
/// </summary>
internal static class CacheMerger
{
    private const int Batch = 256;

    /// <summary>Merges; returns how many records were added and how many the target holds.</summary>
    public static (int Added, int Total) Merge(ShardSet shards, string targetRoot, CancellationToken token)
    {
        var caches = new Dictionary<string, EmbeddingCache>(StringComparer.Ordinal);
        try
        {
            foreach (var root in shards.Shards.Select(s => s.Root).Distinct(StringComparer.Ordinal))
            {
                caches[root] = EmbeddingCache.Open(Path.Combine(root, EncodeCommand.SegmentsFolder), shards.ModelId, shards.Segmentation, shards.Dimension);
            }
            using var target = EmbeddingCache.Open(Path.Combine(targetRoot, EncodeCommand.SegmentsFolder), shards.ModelId, shards.Segmentation, shards.Dimension);
            var added = 0;
            // Sources in a fixed order (by their text, then id) so the same shards always give the same file.
            foreach (var source in shards.Shards.GroupBy(s => s.Manifest.SourceId, StringComparer.Ordinal).OrderBy(g => g.First().Manifest.Source, StringComparer.Ordinal).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                var order = source.SelectMany(s => s.Manifest.Positions.Select((p, k) => (Position: p, Hash: s.Manifest.Hashes[k], s.Root, s.Path)))
                    .OrderBy(r => r.Position).ToList();
                foreach (var batch in order.Chunk(Batch))
                {
                    token.ThrowIfCancellationRequested();
                    var records = new List<SegmentEmbeddingRecord>(batch.Length);
                    foreach (var entry in batch)
                    {
                        if (!caches[entry.Root].TryGet(entry.Hash, out var record))
                        {
                            throw CliException.Input("IncompleteShard", $"'{entry.Path}' lists image {entry.Hash[..12]}… at position {entry.Position}, but its cache '{entry.Root}' does not hold it (the cache was changed after the shard finished); re-run that shard.");
                        }
                        records.Add(record!);
                    }
                    added += target.AppendRange(records);
                }
                if (source.Count() == source.First().Manifest.ShardCount)
                {
                    WriteMergedManifest(targetRoot, [.. source.Select(s => s.Manifest)], order.Select(o => (o.Position, o.Hash)).ToList());
                }
            }
            return (added, target.Count);
        }
        finally
        {
            foreach (var cache in caches.Values)
            {
                cache.Dispose();
            }
        }
    }

    /// <summary>
    /// A complete merge is itself a finished one-shard cache of its source, so merges can be merged again; a partial one
    /// gets no manifest, so it is never mistaken for the whole source.
    /// </summary>
    private static void WriteMergedManifest(string targetRoot, IReadOnlyList<ShardManifest> parts, List<(int Position, string Hash)> order)
    {
        var distinct = order.DistinctBy(o => o.Hash, StringComparer.Ordinal).ToList();
        var manifest = parts[0] with
        {
            ShardIndex = 0,
            ShardCount = 1,
            Failed = [.. parts.SelectMany(p => p.Failed)],
            Positions = [.. distinct.Select(o => o.Position)],
            Hashes = [.. distinct.Select(o => o.Hash)],
        };
        manifest.Write(ShardManifest.PathFor(targetRoot, parts[0].SourceId, ShardSpec.Whole));
    }
}
