using System.Collections.Immutable;
using System.Text.Json.Serialization;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>
/// One immutable version of the students in an <see cref="EditSession"/>: the ensemble, its metrics on every split of
/// the session and the edit intervals in force. A session swaps whole versions, so a reader holding one never sees a
/// half-applied edit. In JSON a version is its id, parent, entry, students (every weight), metrics per split and
/// intervals; the N × K logits are not written (they grow with the image count: read them with <see cref="CopyLogits"/>),
/// and a version cannot be read back (only a session makes versions). For a history list use
/// <see cref="ProvenanceEntrySummary"/>, a few hundred bytes per version.
/// </summary>
public sealed class SessionVersion
{
    private readonly string[] _splits;
    private readonly FloatMatrix[] _logits;
    private readonly EditMetrics[] _metrics;

    internal SessionVersion(string id, ProvenanceEntry? entry, StudentEnsemble students, double lambda, ImmutableSortedDictionary<long, WeightBounds> active, string[] splits, FloatMatrix[] logits, EditMetrics[] metrics)
    {
        Id = id;
        Lambda = lambda;
        Entry = entry;
        Students = students;
        Active = active;
        ActiveBounds = active.Values.ToArray();
        _splits = splits;
        _logits = logits;
        _metrics = metrics;
        // Insertion order (the session's split order) is the order a reader and JSON see.
        MetricsBySplit = new Dictionary<string, EditMetrics>(splits.Select((name, i) => KeyValuePair.Create(name, metrics[i])), StringComparer.Ordinal).AsReadOnly();
    }

    /// <summary>The version id (<see cref="ProvenanceLog.RootId"/> for the base students).</summary>
    public string Id { get; }

    /// <summary>The version this one was edited from; <see langword="null"/> for the base students.</summary>
    public string? ParentId => Entry?.ParentId;

    /// <summary>The provenance entry that created this version; <see langword="null"/> for the base students.</summary>
    public ProvenanceEntry? Entry { get; }

    /// <summary>The students of this version.</summary>
    public StudentEnsemble Students { get; }

    /// <summary>
    /// The L1 strength λ of this version: the one its last refit ran at, which edits made from it refit at too. The session's
    /// own λ (<see cref="InFiConD.Students.SolverOptions.L1"/>) until an edit changes it (<see cref="EditRequest.Lambda"/>).
    /// </summary>
    public double Lambda { get; }

    /// <summary>The students' agreement with the teacher on the training images (<see cref="DataSplit.TrainingName"/>).</summary>
    [JsonIgnore] // the training split's entry of MetricsBySplit; written once there
    public EditMetrics Metrics => _metrics[0];

    /// <summary>The students' metrics on every split of the session, by split name (the training split included).</summary>
    public IReadOnlyDictionary<string, EditMetrics> MetricsBySplit { get; }

    /// <summary>Every edit interval in force, by class then concept; later refits keep these weights inside them.</summary>
    public IReadOnlyList<WeightBounds> ActiveBounds { get; }

    internal ImmutableSortedDictionary<long, WeightBounds> Active { get; }

    /// <summary>N × K logits of <see cref="Students"/> on the training images; never written after construction.</summary>
    internal FloatMatrix Logits => _logits[0];

    /// <summary>Logits per split, in the session's split order (the training split first).</summary>
    internal FloatMatrix[] SplitLogits => _logits;

    internal EditMetrics[] SplitMetrics => _metrics;

    /// <summary>The students' metrics on one split.</summary>
    /// <param name="split">The split's name.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">The session has no split of that name (its splits are listed).</exception>
    public EditMetrics MetricsOn(string split) => _metrics[IndexOf(split)];

    /// <summary>
    /// A copy of the N × K logits of <see cref="Students"/> on the training images (row n is image n of
    /// <see cref="EditSession.Scores"/>), the same bits as <see cref="StudentEnsemble.Logits(FloatMatrix)"/> returns. The
    /// session keeps them per version (after an edit only the refit classes' columns are recomputed), so copying them is
    /// much cheaper than recomputing: pass them to <c>MisalignmentAnalyzer.Analyze(students, logits)</c> for the updated report.
    /// </summary>
    /// <returns>A new matrix the caller owns.</returns>
    public FloatMatrix CopyLogits() => Logits.Copy();

    /// <summary>
    /// The same logits as <see cref="CopyLogits"/>, row-major N × K, as a read-only view of the version's own values
    /// (never written after the version was made): pass it to <c>MisalignmentAnalyzer.Analyze(students, logits)</c> for
    /// the updated report without a copy.
    /// </summary>
    [JsonIgnore] // a span cannot be serialised, and N × K logits are not meant to travel with a version
    public ReadOnlySpan<float> LogitValues => Logits.AsSpan();

    /// <summary>The logits on one split, row-major (row n is image n of the split), as a read-only view of the version's own values.</summary>
    /// <param name="split">The split's name.</param>
    /// <returns>The N_split × K logits.</returns>
    /// <exception cref="ArgumentException">The session has no split of that name.</exception>
    public ReadOnlySpan<float> LogitValuesOn(string split) => _logits[IndexOf(split)].AsSpan();

    private int IndexOf(string split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var i = Array.IndexOf(_splits, split);
        return i >= 0 ? i : throw new ArgumentException($"The session has no split '{split}'; its splits are {string.Join(", ", _splits.Select(s => $"'{s}'"))}.", nameof(split));
    }
}
