using System.Text.Json.Serialization;

namespace InFiConD.Concepts;

/// <summary>The JSON manifest of a saved <see cref="ConceptBank"/>. Every member is nullable so a missing field is reported, not defaulted.</summary>
internal sealed class ConceptBankManifest
{
    public const string FormatName = "infcd.conceptbank";
    /// <summary>Version 2 added <see cref="Quality"/> and <see cref="PresenceThresholds"/>; version 1 files still load, without them.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The oldest version this library reads.</summary>
    public const int OldestVersion = 1;

    public string? Format { get; set; }
    public int? Version { get; set; }
    public int? Count { get; set; }
    public int? Dimension { get; set; }
    public List<string>? Names { get; set; }
    public OriginSection? Origin { get; set; }
    public VectorsSection? Vectors { get; set; }

    /// <summary>One entry per concept (null: not measured); absent for a bank without quality records.</summary>
    public List<QualitySection?>? Quality { get; set; }

    /// <summary>One raw score per concept; absent for an uncalibrated bank.</summary>
    public List<float>? PresenceThresholds { get; set; }

    internal sealed class QualitySection
    {
        public double? Auc { get; set; }
        public int? Positives { get; set; }
        public int? Negatives { get; set; }
        public int? Folds { get; set; }
        public string? Method { get; set; }
    }

    internal sealed class OriginSection
    {
        public string? Kind { get; set; }
        public string? ModelId { get; set; }
        public List<string>? Templates { get; set; }
        public string? Description { get; set; }
    }

    internal sealed class VectorsSection
    {
        /// <summary>The <c>.npy</c> file name, relative to the manifest's directory.</summary>
        public string? File { get; set; }
        public string? Dtype { get; set; }
        /// <summary>Lower-case hex SHA-256 of the whole <c>.npy</c> file.</summary>
        public string? Sha256 { get; set; }
    }
}

/// <summary>Source-generated (reflection-free, trimming-safe) serialisation of <see cref="ConceptBankManifest"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ConceptBankManifest))]
internal sealed partial class ConceptBankJsonContext : JsonSerializerContext;
