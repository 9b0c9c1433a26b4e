using System.Collections.Immutable;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>
/// One immutable version of the students in an <see cref="EditSession"/>: the ensemble, its metrics and the edit
/// intervals in force. A session swaps whole versions, so a reader holding one never sees a half-applied edit.
/// </summary>
public sealed class SessionVersion
{
    internal SessionVersion(string id, ProvenanceEntry? entry, StudentEnsemble students, EditMetrics metrics, ImmutableSortedDictionary<long, WeightBounds> active, FloatMatrix logits)
    {
        Id = id;
        Entry = entry;
        Students = students;
        Metrics = metrics;
        Active = active;
        ActiveBounds = active.Values.ToArray();
        Logits = logits;
    }

    /// <summary>The version id (<see cref="ProvenanceLog.RootId"/> for the base students).</summary>
    public string Id { get; }

    /// <summary>The version this one was edited from; <see langword="null"/> for the base students.</summary>
    public string? ParentId => Entry?.ParentId;

    /// <summary>The provenance entry that created this version; <see langword="null"/> for the base students.</summary>
    public ProvenanceEntry? Entry { get; }

    /// <summary>The students of this version.</summary>
    public StudentEnsemble Students { get; }

    /// <summary>The students' agreement with the teacher on the session's images.</summary>
    public EditMetrics Metrics { get; }

    /// <summary>Every edit interval in force, by class then concept; later refits keep these weights inside them.</summary>
    public IReadOnlyList<WeightBounds> ActiveBounds { get; }

    internal ImmutableSortedDictionary<long, WeightBounds> Active { get; }

    /// <summary>N × K logits of <see cref="Students"/> on the session's images; never written after construction.</summary>
    internal FloatMatrix Logits { get; }

    /// <summary>
    /// A copy of the N × K logits of <see cref="Students"/> on the session's images (row n is image n of
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
    public ReadOnlySpan<float> LogitValues => Logits.AsSpan();
}
