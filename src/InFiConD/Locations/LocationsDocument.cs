using System.Text.Json.Serialization;

namespace InFiConD;

/// <summary>
/// The JSON layout of a session file's <c>attachments/locations.json</c>: the embedding cache the segments can be read
/// back from and each split's segment boxes and content hashes. Every member is nullable so a missing field is named.
/// </summary>
internal sealed class LocationsDocument
{
    internal const string AttachmentName = "locations.json";

    public CacheDocument? EmbeddingCache { get; set; }

    public List<SplitDocument?>? Splits { get; set; }

    /// <summary>Which cache holds the segment embeddings, and what they were made with (checked when it is opened).</summary>
    internal sealed class CacheDocument
    {
        public string? Directory { get; set; }

        public string? ModelId { get; set; }

        public string? Segmentation { get; set; }

        public int? Dimension { get; set; }
    }

    /// <summary>One split: its distinct box layouts ([x, y, width, height] each), each image's layout and content hash.</summary>
    internal sealed class SplitDocument
    {
        public string? Split { get; set; }

        public List<List<List<int>>?>? Layouts { get; set; }

        public List<int>? LayoutOfImage { get; set; }

        public List<string?>? ContentHashes { get; set; }
    }
}

/// <summary>Source-generated JSON for <see cref="LocationsDocument"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LocationsDocument))]
internal sealed partial class LocationsJsonContext : JsonSerializerContext;
