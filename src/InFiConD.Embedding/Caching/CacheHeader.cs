using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>The JSON header of an <see cref="EmbeddingCache"/> directory: what its records were made with.</summary>
internal sealed record CacheHeader(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("modelId")] string ModelId,
    [property: JsonPropertyName("segmentation")] string Segmentation,
    [property: JsonPropertyName("dimension")] int Dimension)
{
    public const string FormatName = "infcd-segment-embedding-cache";

    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static CacheHeader For(string modelId, string segmentation, int dimension) => new(FormatName, CurrentVersion, modelId, segmentation, dimension);

    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads a header; a file that is not one names the file (and the field when one is missing).</summary>
    public static CacheHeader Read(string path)
    {
        CacheHeader? header;
        try
        {
            header = JsonSerializer.Deserialize<CacheHeader>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidFileException(path, e.Path, e.LineNumber + 1, $"not a cache header: {e.Message}", e);
        }
        if (header is null)
        {
            throw new InvalidFileException(path, null, null, "not a cache header: the file holds JSON null.");
        }
        Check(path, "format", FormatName, header.Format);
        Check(path, "version", CurrentVersion.ToString(CultureInfo.InvariantCulture), header.Version.ToString(CultureInfo.InvariantCulture));
        if (header.ModelId is null || header.Segmentation is null)
        {
            throw new InvalidFileException(path, header.ModelId is null ? "modelId" : "segmentation", null, "the field is missing.");
        }
        return header;
    }

    /// <summary>Refuses a header made for another model, segmentation or width, naming the first field that differs.</summary>
    public void EnsureMatches(string path, CacheHeader expected)
    {
        Check(path, "modelId", expected.ModelId, ModelId);
        Check(path, "segmentation", expected.Segmentation, Segmentation);
        Check(path, "dimension", expected.Dimension.ToString(CultureInfo.InvariantCulture), Dimension.ToString(CultureInfo.InvariantCulture));
    }

    private static void Check(string path, string field, string expected, string? actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new InvalidFileException(path, field, null, $"the cache was written for '{actual}', this run needs '{expected}'; use another cache directory.");
        }
    }
}
