using System.Text.Json.Serialization;

namespace InFiConD.Students;

/// <summary>
/// The JSON layout of a <see cref="StudentTable"/>. Every member is nullable so that a missing field is reported by
/// name when reading, rather than silently defaulted.
/// </summary>
internal sealed class StudentTableDocument
{
    public const string FormatName = "infcd.students.table";
    public const int CurrentVersion = 1;

    public string? Format { get; set; }
    public int? Version { get; set; }

    /// <summary>Bootstrap refits behind the spread fields; absent when the ensemble has no <see cref="WeightSpread"/>.</summary>
    public int? BootstrapMembers { get; set; }

    /// <summary>Every concept, in the column order the students read, with its standardisation.</summary>
    public List<ConceptEntry?>? Concepts { get; set; }

    public List<ClassEntry?>? Classes { get; set; }

    internal sealed class ConceptEntry
    {
        public string? Name { get; set; }
        public float? Mean { get; set; }
        public float? Deviation { get; set; }
    }

    internal sealed class ClassEntry
    {
        public string? Name { get; set; }
        public float? Bias { get; set; }

        /// <summary>Informational (derived from the rest); not read back.</summary>
        public float? RawBias { get; set; }

        /// <summary>Sorted by |standardised weight|, descending; concepts left out have weight 0.</summary>
        public List<WeightEntry?>? Weights { get; set; }

        /// <summary>True when the class's weights changed after the bootstrap (its entries then carry no spread); omitted otherwise.</summary>
        public bool? SpreadStale { get; set; }
    }

    internal sealed class WeightEntry
    {
        public string? Concept { get; set; }
        public float? StandardizedWeight { get; set; }

        /// <summary>Informational (derived from the rest); not read back.</summary>
        public float? RawWeight { get; set; }

        public float? BootstrapMean { get; set; }
        public float? BootstrapDeviation { get; set; }
        public float? NonZeroFraction { get; set; }
    }
}
