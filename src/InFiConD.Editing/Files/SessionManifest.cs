namespace InFiConD.Editing;

/// <summary>
/// The JSON layout of an <c>.infcd</c> session file's <c>manifest.json</c>. Every member is nullable so that a missing
/// field is reported by name when reading rather than silently defaulted.
/// </summary>
internal sealed class SessionManifest
{
    internal const string FormatName = "infcd.session";
    internal const int LatestFormatVersion = 2;

    public string? Format { get; set; }

    public int? FormatVersion { get; set; }

    public DateTimeOffset? SavedAt { get; set; }

    public int? Images { get; set; }

    public int? Concepts { get; set; }

    public int? Classes { get; set; }

    public bool? TeacherMultiLabel { get; set; }

    /// <summary>The id of the version that was current when the session was saved.</summary>
    public string? CurrentVersion { get; set; }

    public OptionsEntry? Options { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }

    public List<FileEntry?>? Entries { get; set; }

    /// <summary>The held-out splits, in session order (format version 2 on; absent or empty for none).</summary>
    public List<SplitEntry?>? Splits { get; set; }

    /// <summary>The base students' bootstrap spread (its matrices are <c>students/spread.npy</c>); absent when they have none.</summary>
    public SpreadEntry? Spread { get; set; }

    /// <summary>How many bootstrap members the spread summarises and which classes it no longer describes.</summary>
    internal sealed class SpreadEntry
    {
        public int? Members { get; set; }

        public List<int>? StaleClasses { get; set; }
    }

    /// <summary>One held-out split's name, size and teacher kind; its matrices are <c>splits/{i}/…</c>.</summary>
    internal sealed class SplitEntry
    {
        public string? Name { get; set; }
        public int? Images { get; set; }
        public bool? TeacherMultiLabel { get; set; }
    }

    /// <summary>The refit settings (see <see cref="EditSessionOptions"/>).</summary>
    internal sealed class OptionsEntry
    {
        public string? Targets { get; set; }
        public double? L1 { get; set; }
        public double? L2 { get; set; }
        public int? MaxIterations { get; set; }
        public double? Tolerance { get; set; }

        /// <summary>The base fit's <see cref="Students.SolverMethod"/>; absent in files saved before it existed.</summary>
        public string? Method { get; set; }
        public int? MaxDegreeOfParallelism { get; set; }
        public int? BootstrapMembers { get; set; }
        public int? Seed { get; set; }
        public float? ZeroWeightFloor { get; set; }
    }

    /// <summary>One zip entry: its name, length, SHA-256 (lower-case hex) and, for arrays, its shape.</summary>
    internal sealed class FileEntry
    {
        public string? Name { get; set; }
        public long? Length { get; set; }
        public string? Sha256 { get; set; }
        public List<long>? Shape { get; set; }
    }
}
