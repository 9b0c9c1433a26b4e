namespace InFiConD.Students;

/// <summary>How <see cref="StudentOnnxExporter"/> labels the ONNX model it writes.</summary>
public sealed record StudentOnnxOptions
{
    /// <summary>The defaults: graph <c>infICond_students</c>, model version 1, no description or extra metadata.</summary>
    public static StudentOnnxOptions Default { get; } = new();

    /// <summary>The graph's name. Not empty.</summary>
    public string GraphName { get; init; } = "infICond_students";

    /// <summary>A free-text description put first in the model's doc string; <see langword="null"/> for none.</summary>
    public string? Description { get; init; }

    /// <summary>The model's version number (ONNX <c>model_version</c>). ≥ 0.</summary>
    public long ModelVersion { get; init; } = 1;

    /// <summary>
    /// Extra <c>metadata_props</c> entries; <see langword="null"/> for none. Keys must not be empty nor start with
    /// <see cref="StudentOnnxExporter.MetadataPrefix"/>, which the exporter reserves.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <exception cref="ArgumentException"><see cref="GraphName"/> is empty, or a metadata key is empty or reserved.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ModelVersion"/> is negative.</exception>
    public StudentOnnxOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(GraphName))
        {
            throw new ArgumentException("StudentOnnxOptions.GraphName must not be empty.", nameof(GraphName));
        }
        if (ModelVersion < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ModelVersion), ModelVersion, "StudentOnnxOptions.ModelVersion must be ≥ 0.");
        }
        foreach (var (key, value) in Metadata ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrEmpty(key) || key.StartsWith(StudentOnnxExporter.MetadataPrefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"StudentOnnxOptions.Metadata key '{key}' is empty or uses the reserved prefix '{StudentOnnxExporter.MetadataPrefix}'.", nameof(Metadata));
            }
            if (value is null)
            {
                throw new ArgumentException($"StudentOnnxOptions.Metadata['{key}'] is null.", nameof(Metadata));
            }
        }
        return this;
    }
}
