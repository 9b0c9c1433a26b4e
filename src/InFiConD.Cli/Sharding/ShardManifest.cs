using System.Text.Json;
using System.Text.Json.Serialization;
using InFiConD.Core;

namespace InFiConD.Cli;

/// <summary>
/// What one finished <c>encode</c> run put in its cache: the source (by id), the shard, the cache's model, and for each
/// encoded image its position in the whole source and its content hash. Written atomically under
/// <c>&lt;cache&gt;/encoded/&lt;sourceId&gt;-&lt;i&gt;-of-&lt;N&gt;.json</c> only when the shard is done, so a killed
/// shard has none and <c>merge</c> refuses it until it is re-run. The positions let <c>merge</c> append records in
/// source order, which makes the merged cache byte-for-byte the cache an unsharded run writes.
/// </summary>
internal sealed record ShardManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("sourceId")] string SourceId,
    [property: JsonPropertyName("sourceImages")] int SourceImages,
    [property: JsonPropertyName("shardIndex")] int ShardIndex,
    [property: JsonPropertyName("shardCount")] int ShardCount,
    [property: JsonPropertyName("modelId")] string ModelId,
    [property: JsonPropertyName("segmentation")] string Segmentation,
    [property: JsonPropertyName("dimension")] int Dimension,
    [property: JsonPropertyName("failed")] IReadOnlyList<string> Failed,
    [property: JsonPropertyName("positions")] IReadOnlyList<int> Positions,
    [property: JsonPropertyName("hashes")] IReadOnlyList<string> Hashes)
{
    /// <summary>The format name.</summary>
    public const string FormatName = "infcd-shard";

    /// <summary>The folder under a cache root that holds the manifests.</summary>
    public const string FolderName = "encoded";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The manifest's path under a cache root.</summary>
    public static string PathFor(string cacheRoot, string sourceId, ShardSpec shard) =>
        Path.Combine(cacheRoot, FolderName, $"{sourceId}-{shard.FileTag}.json");

    /// <summary>Writes the manifest atomically.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    /// <summary>Reads and checks a manifest.</summary>
    /// <exception cref="CliException">The file is not a shard manifest or its lists disagree (exit 3).</exception>
    public static ShardManifest Read(string path)
    {
        ShardManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ShardManifest>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException e)
        {
            throw CliException.Input("InvalidShardManifest", $"'{path}' is not a shard manifest: {e.Message}");
        }
        if (manifest is null || manifest.Format != FormatName || manifest.Version != 1 || manifest.Positions is null || manifest.Hashes is null
            || manifest.Positions.Count != manifest.Hashes.Count || manifest.ShardCount < 1 || manifest.ShardIndex < 0 || manifest.ShardIndex >= manifest.ShardCount)
        {
            throw CliException.Input("InvalidShardManifest", $"'{path}' is not a version-1 {FormatName} manifest with one hash per position and 0 ≤ shardIndex < shardCount.");
        }
        return manifest;
    }
}
