namespace InFiConD.Editing;

/// <summary>The first line of a provenance log file: what it is and which layout version wrote it.</summary>
internal sealed class ProvenanceHeader
{
    internal const string FormatName = "infcd.provenance";
    internal const int CurrentVersion = 1;

    public string? Format { get; set; }

    public int? Version { get; set; }
}
